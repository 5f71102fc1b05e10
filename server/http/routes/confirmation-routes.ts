import { Router } from 'express';
import {
  ApplyForConfirmationRequestSchema,
  DecisionRequestSchema,
  ExtendReviewRequestSchema,
  HearingRecordRequestSchema,
  ReassignRequestSchema,
} from '../../protocol/confirmation.ts';
import type { ConfirmationService } from '../../services/confirmation-service.ts';
import { handle } from '../handler.ts';

/** Judicial confirmation: the parties' joint application, the judge's review and ruling, delivery. */
export function confirmationRoutes(confirmations: ConfirmationService): Router {
  const router = Router();
  const path = (action: string) => `/cases/:caseId/confirmation/${action}`;
  router.get('/confirmation/queue', handle({}, ({ principal }) => confirmations.queue(principal)));
  router.post(path('apply'), handle({ body: ApplyForConfirmationRequestSchema }, ({ principal, params, body }) => confirmations.apply(principal, params.caseId!, body)));
  router.post(path('reassign'), handle({ body: ReassignRequestSchema }, ({ principal, params, body }) => confirmations.reassign(principal, params.caseId!, body.judgeId)));
  router.post(path('accept'), handle({}, ({ principal, params }) => confirmations.accept(principal, params.caseId!)));
  router.post(path('extend'), handle({ body: ExtendReviewRequestSchema }, ({ principal, params, body }) => confirmations.extend(principal, params.caseId!, body.reason)));
  router.post(path('hearing'), handle({ body: HearingRecordRequestSchema }, ({ principal, params, body }) => confirmations.recordHearing(principal, params.caseId!, body)));
  router.post(path('decision'), handle({ body: DecisionRequestSchema }, ({ principal, params, body }) => confirmations.decide(principal, params.caseId!, body)));
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
