import express, { Router } from 'express';
import { MAX_EVIDENCE_BYTES } from '../../documents/file-type.ts';
import {
  ApplyForConfirmationRequestSchema,
  DecisionRequestSchema,
  ExtendReviewRequestSchema,
  MaterialRequestSchema,
  MaterialUploadQuerySchema,
  HearingRecordRequestSchema,
  ReassignRequestSchema,
  ScheduleHearingRequestSchema,
} from '../../protocol/confirmation.ts';
import type { ConfirmationService } from '../../services/confirmation-service.ts';
import { residentCaseView } from '../case-views.ts';
import { handle } from '../handler.ts';

/** Judicial confirmation: the parties' joint application, the judge's review and ruling, delivery. */
export function confirmationRoutes(confirmations: ConfirmationService): Router {
  const router = Router();
  const path = (action: string) => `/cases/:caseId/confirmation/${action}`;
  router.get('/confirmation/queue', handle({}, ({ principal }) => confirmations.queue(principal)));
  router.post(
    path('apply'),
    handle({ body: ApplyForConfirmationRequestSchema }, async ({ principal, params, body }) => {
      const state = await confirmations.apply(principal, params.caseId!, body);
      // A party sees their own view of the case, never the whole state with the others' details.
      return principal.kind === 'resident' ? residentCaseView(state, principal.participantId) : state;
    }),
  );
  router.post(path('reassign'), handle({ body: ReassignRequestSchema }, ({ principal, params, body }) => confirmations.reassign(principal, params.caseId!, body.judgeId)));
  router.post(path('accept'), handle({}, ({ principal, params }) => confirmations.accept(principal, params.caseId!)));
  router.post(path('extend'), handle({ body: ExtendReviewRequestSchema }, ({ principal, params, body }) => confirmations.extend(principal, params.caseId!, body.reason)));
  router.post(path('hearing/schedule'), handle({ body: ScheduleHearingRequestSchema, status: 201 }, ({ principal, params, body }) => confirmations.scheduleHearing(principal, params.caseId!, body.startsAt)));
  router.post(path('hearing'), handle({ body: HearingRecordRequestSchema }, ({ principal, params, body }) => confirmations.recordHearing(principal, params.caseId!, body)));
  router.post(path('decision'), handle({ body: DecisionRequestSchema }, ({ principal, params, body }) => confirmations.decide(principal, params.caseId!, body)));
  router.post(path('material-requests'), handle({ body: MaterialRequestSchema, status: 201 }, ({ principal, params, body }) => confirmations.requestMaterial(principal, params.caseId!, body.message)));
  // Evidence arrives as the raw file; its type is judged by its bytes in the service.
  router.post(
    '/cases/:caseId/confirmation/material/:requestId',
    express.raw({ type: () => true, limit: MAX_EVIDENCE_BYTES }),
    handle({ query: MaterialUploadQuerySchema, status: 201 }, ({ principal, params, query, req }) =>
      confirmations.submitMaterial(principal, params.caseId!, params.requestId!, query.name, Buffer.isBuffer(req.body) ? req.body : new Uint8Array()),
    ),
  );
  router.get(
    '/cases/:caseId/confirmation/material-files/:sha256',
    handle({}, async ({ principal, params, res }) => {
      const file = await confirmations.material(principal, params.caseId!, params.sha256!);
      res.type(file.mime).setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
      res.setHeader('x-content-type-options', 'nosniff');
      res.send(Buffer.from(file.bytes));
      return null;
    }),
  );
  router.get(
    '/cases/:caseId/ruling.pdf',
    handle({}, async ({ principal, params, req, res }) => {
      const pdf = await confirmations.ruling(principal, params.caseId!, { ip: req.ip ?? '', userAgent: req.get('user-agent') ?? '' });
      res.type('application/pdf').setHeader('content-disposition', 'attachment; filename="ruling.pdf"');
      res.send(Buffer.from(pdf));
      return null;
    }),
  );
  return router;
}
