import express, { Router } from 'express';
import { MAX_EVIDENCE_BYTES } from '../../documents/file-type.ts';
import { AppError } from '../../protocol/errors.ts';
import { FieldReportRequestSchema, PhotoUploadQuerySchema, StartAssistanceRequestSchema } from '../../protocol/intake.ts';
import type { AssistanceService } from '../../services/assistance.ts';
import type { Clock } from '../../services/clock.ts';
import type { FieldReportService } from '../../services/field-reports.ts';
import { staffCaseView } from '../case-views.ts';
import { handle } from '../handler.ts';

/** A grid worker's field reports with their photos, and assisted join (帮办) from a staff device. */
export function fieldReportRoutes(reports: FieldReportService, assistance: AssistanceService, clock: Clock): Router {
  const router = Router();
  const view = (state: Parameters<typeof staffCaseView>[0]) => staffCaseView(state, clock.now());

  router.post('/field-reports', handle({ body: FieldReportRequestSchema, status: 201 }, async ({ principal, body }) => view(await reports.file(principal, body))));
  router.get('/field-reports/mine', handle({}, async ({ principal }) => (await reports.mine(principal)).map(view)));
  // The photo arrives as the raw file; its type is judged by its bytes in the service.
  router.post(
    '/cases/:caseId/photos',
    express.raw({ type: () => true, limit: MAX_EVIDENCE_BYTES }),
    handle({ query: PhotoUploadQuerySchema, status: 201 }, async ({ principal, params, query, req }) =>
      view(await reports.addPhoto(principal, params.caseId!, query.name, Buffer.isBuffer(req.body) ? req.body : new Uint8Array())),
    ),
  );
  router.get(
    '/cases/:caseId/photos/:sha256',
    handle({}, async ({ principal, params, res }) => {
      const photo = await reports.photo(principal, params.caseId!, params.sha256!);
      res.type(photo.mime).setHeader('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(photo.name)}`);
      res.setHeader('x-content-type-options', 'nosniff');
      res.send(Buffer.from(photo.bytes));
      return null;
    }),
  );

  router.post('/cases/:caseId/assistance', handle({ body: StartAssistanceRequestSchema, status: 201 }, ({ principal, params, body }) => assistance.start(principal, params.caseId!, body.participantId)));
  router.delete('/cases/:caseId/assistance/:invitationId', handle({}, async ({ principal, params }) => view(await assistance.end(principal, params.caseId!, params.invitationId!))));
  /** The assisted device shows who is helping; a resident's own device gets null. */
  router.get(
    '/resident/assistance',
    handle({}, async ({ principal }) => {
      if (principal.kind !== 'resident') throw new AppError(principal.kind === 'anonymous' ? 'unauthenticated' : 'forbidden', 'Open your invitation link first.');
      return { assistedBy: principal.assistedBy ?? null };
    }),
  );
  return router;
}
