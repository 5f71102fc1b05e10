import { Router } from 'express';
import { readableCaseIndexes, requireRead, requireStaff } from '../../auth/policy.ts';
import {
  AcceptRequestSchema,
  AddParticipantRequestSchema,
  AssignRequestSchema,
  CloseCaseRequestSchema,
  CreateCaseRequestSchema,
  DeclineRequestSchema,
  EscalateRequestSchema,
  FailMediationRequestSchema,
  IssueInvitationRequestSchema,
  ListCasesQuerySchema,
  ScheduleSessionRequestSchema,
} from '../../protocol/cases.ts';
import type { CaseCommands } from '../../services/case-commands.ts';
import type { CaseService } from '../../services/case-service.ts';
import type { Clock } from '../../services/clock.ts';
import type { InvitationService } from '../../services/invitation-service.ts';
import { staffCaseView } from '../case-views.ts';
import { handle } from '../handler.ts';

export function caseRoutes(cases: CaseService, commands: CaseCommands, invitations: InvitationService, clock: Clock): Router {
  const router = Router();
  const view = (state: Parameters<typeof staffCaseView>[0]) => staffCaseView(state, clock.now());

  router.get(
    '/cases',
    handle({ query: ListCasesQuerySchema }, async ({ principal, query }) => {
      const states = await cases.listIndexes(readableCaseIndexes(principal));
      return states.filter((state) => !query.status || state.status === query.status).map(view);
    }),
  );
  router.post('/cases', handle({ body: CreateCaseRequestSchema, status: 201 }, async ({ principal, body }) => view(await commands.open(principal, body))));
  router.get(
    '/cases/:caseId',
    handle({}, async ({ principal, params }) => {
      requireStaff(principal);
      return view(requireRead(principal, await cases.get(params.caseId!)));
    }),
  );
  router.get(
    '/cases/:caseId/events',
    handle({}, async ({ principal, params }) => {
      requireStaff(principal);
      const { state, events } = await cases.load(params.caseId!);
      requireRead(principal, state);
      return events;
    }),
  );
  router.get(
    '/cases/:caseId/verify',
    handle({}, async ({ principal, params }) => {
      requireStaff(principal);
      requireRead(principal, await cases.get(params.caseId!));
      return cases.verify(params.caseId!);
    }),
  );

  router.post('/cases/:caseId/assign', handle({ body: AssignRequestSchema }, async ({ principal, params, body }) => view(await commands.assign(principal, params.caseId!, body.mediatorId))));
  router.post('/cases/:caseId/accept', handle({ body: AcceptRequestSchema }, async ({ principal, params }) => view(await commands.accept(principal, params.caseId!))));
  router.post('/cases/:caseId/decline', handle({ body: DeclineRequestSchema }, async ({ principal, params, body }) => view(await commands.decline(principal, params.caseId!, body.reason, body.note))));
  router.post('/cases/:caseId/escalate', handle({ body: EscalateRequestSchema }, async ({ principal, params, body }) => view(await commands.escalate(principal, params.caseId!, body.to, body.reason, body.mediatorId))));
  router.post(
    '/cases/:caseId/participants',
    handle({ body: AddParticipantRequestSchema, status: 201 }, async ({ principal, params, body }) => {
      const { state, participantId } = await commands.addParticipant(principal, params.caseId!, body);
      return { participantId, case: view(state) };
    }),
  );
  router.delete('/cases/:caseId/participants/:participantId', handle({}, async ({ principal, params }) => view(await commands.removeParticipant(principal, params.caseId!, params.participantId!))));
  router.post(
    '/cases/:caseId/sessions',
    handle({ body: ScheduleSessionRequestSchema, status: 201 }, async ({ principal, params, body }) => {
      const { state, sessionId } = await commands.scheduleSession(principal, params.caseId!, body.startsAt);
      return { sessionId, case: view(state) };
    }),
  );
  router.post('/cases/:caseId/fail', handle({ body: FailMediationRequestSchema }, async ({ principal, params, body }) => view(await commands.failMediation(principal, params.caseId!, body.reason))));
  router.post('/cases/:caseId/close', handle({ body: CloseCaseRequestSchema }, async ({ principal, params, body }) => view(await commands.close(principal, params.caseId!, body.reason, body.note))));

  router.post(
    '/cases/:caseId/invitations',
    handle({ body: IssueInvitationRequestSchema, status: 201 }, ({ principal, params, body }) => invitations.issue(principal, params.caseId!, body.participantId, body.validHours)),
  );
  router.delete(
    '/cases/:caseId/invitations/:invitationId',
    handle({}, async ({ principal, params }) => {
      await invitations.revoke(principal, params.caseId!, params.invitationId!);
      return undefined;
    }),
  );
  return router;
}
