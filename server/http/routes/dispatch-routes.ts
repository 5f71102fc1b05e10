import { Router } from 'express';
import { AnswerGuidanceRequestSchema, AskGuidanceRequestSchema, MediatorsQuerySchema, StaffPhoneRequestSchema, TakeCaseRequestSchema, TransferRequestSchema } from '../../protocol/dispatch.ts';
import type { StaffContacts } from '../../services/staff-contacts.ts';
import type { Clock } from '../../services/clock.ts';
import type { DispatchCommands } from '../../services/dispatch-commands.ts';
import { staffCaseView } from '../case-views.ts';
import { handle } from '../handler.ts';

/** Dispatch and the three tiers (#14): the dispatch queue, taking, transfer, guidance, a court's guided cases. */
export function dispatchRoutes(dispatch: DispatchCommands, contacts: StaffContacts, clock: Clock): Router {
  const router = Router();
  const view = (state: Parameters<typeof staffCaseView>[0]) => staffCaseView(state, clock.now());

  router.get('/dispatch/queue', handle({}, async ({ principal }) => (await dispatch.queue(principal)).map(view)));
  router.get('/dispatch/mediators', handle({ query: MediatorsQuerySchema }, ({ principal, query }) => dispatch.mediatorsOf(principal, query.orgId)));
  router.get('/guided-cases', handle({}, async ({ principal }) => (await dispatch.guidedCases(principal)).map(view)));
  router.post('/cases/:caseId/take', handle({ body: TakeCaseRequestSchema }, async ({ principal, params }) => view(await dispatch.take(principal, params.caseId!))));
  router.post('/cases/:caseId/transfer', handle({ body: TransferRequestSchema }, async ({ principal, params, body }) => view(await dispatch.transfer(principal, params.caseId!, body.toOrgId, body.reason))));
  router.post(
    '/cases/:caseId/guidance',
    handle({ body: AskGuidanceRequestSchema, status: 201 }, async ({ principal, params, body }) => {
      const { state, requestId } = await dispatch.askGuidance(principal, params.caseId!, body.question);
      return { requestId, case: view(state) };
    }),
  );
  router.post(
    '/cases/:caseId/guidance/:requestId/answer',
    handle({ body: AnswerGuidanceRequestSchema }, async ({ principal, params, body }) => view(await dispatch.answerGuidance(principal, params.caseId!, params.requestId!, body.answer))),
  );
  // Where a staff member's SMS notices go; the number is sealed in the vault and never shown back.
  router.put('/accounts/:accountId/phone', handle({ body: StaffPhoneRequestSchema }, ({ principal, params, body }) => contacts.setPhone(principal, params.accountId!, body.phone)));
  return router;
}
