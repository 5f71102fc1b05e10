import { Router, type Request } from 'express';
import { requireStaff } from '../../auth/policy.ts';
import { CommentRequestSchema, CountersignRequestSchema, ReopenRequestSchema, SaveDraftRequestSchema, SignRequestSchema } from '../../protocol/agreements.ts';
import type { AgreementService, RequestMeta } from '../../services/agreement-service.ts';
import { handle } from '../handler.ts';

function metaOf(req: Request): RequestMeta {
  return { ip: req.ip ?? req.socket.remoteAddress ?? '', userAgent: req.get('user-agent') ?? '' };
}

/** Drafting, signing and delivery of the mediation agreement. */
export function agreementRoutes(agreements: AgreementService): Router {
  const router = Router();
  router.get('/templates', handle({}, async ({ principal }) => (requireStaff(principal), agreements.templateList())));
  router.get('/cases/:caseId/agreement', handle({}, ({ principal, params }) => agreements.view(principal, params.caseId!)));
  router.put(
    '/cases/:caseId/agreement/draft',
    handle({ body: SaveDraftRequestSchema }, async ({ principal, params, body }) => {
      await agreements.saveDraft(principal, params.caseId!, body.draft, body.baseVersion);
      return agreements.view(principal, params.caseId!);
    }),
  );
  router.post(
    '/cases/:caseId/agreement/comments',
    handle({ body: CommentRequestSchema, status: 201 }, async ({ principal, params, body }) => {
      await agreements.comment(principal, params.caseId!, body.version, body.clause, body.text);
      return undefined;
    }),
  );
  router.post(
    '/cases/:caseId/agreement/send',
    handle({}, async ({ principal, params }) => {
      const { issues } = await agreements.sendForSignature(principal, params.caseId!);
      return { ...(await agreements.view(principal, params.caseId!)), warnings: issues };
    }),
  );
  router.post(
    '/cases/:caseId/agreement/reopen',
    handle({ body: ReopenRequestSchema }, async ({ principal, params, body }) => {
      await agreements.reopen(principal, params.caseId!, body.reason);
      return agreements.view(principal, params.caseId!);
    }),
  );
  router.post(
    '/cases/:caseId/agreement/sign',
    handle({ body: SignRequestSchema }, async ({ principal, params, body, req }) => {
      await agreements.signAsParty(principal, params.caseId!, body, metaOf(req));
      return agreements.view(principal, params.caseId!);
    }),
  );
  router.post(
    '/cases/:caseId/agreement/countersign',
    handle({ body: CountersignRequestSchema }, async ({ principal, params, body, req }) => {
      await agreements.countersign(principal, params.caseId!, body, metaOf(req));
      return agreements.view(principal, params.caseId!);
    }),
  );
  router.get(
    '/cases/:caseId/agreement.pdf',
    handle({}, async ({ principal, params, req, res }) => {
      const pdf = await agreements.download(principal, params.caseId!, metaOf(req));
      res.type('application/pdf').setHeader('content-disposition', 'attachment; filename="mediation-agreement.pdf"');
      res.send(Buffer.from(pdf));
      return null;
    }),
  );
  router.get(
    '/cases/:caseId/failure-notice.pdf',
    handle({}, async ({ principal, params, req, res }) => {
      const pdf = await agreements.failureNotice(principal, params.caseId!, metaOf(req));
      res.type('application/pdf').setHeader('content-disposition', 'attachment; filename="mediation-failure-notice.pdf"');
      res.send(Buffer.from(pdf));
      return null;
    }),
  );
  return router;
}
