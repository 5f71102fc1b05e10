import { Router } from 'express';
import { RedeemInvitationRequestSchema } from '../../protocol/cases.ts';
import { AppError } from '../../protocol/errors.ts';
import type { CaseService } from '../../services/case-service.ts';
import type { InvitationService } from '../../services/invitation-service.ts';
import type { Notifier } from '../../services/notifications.ts';
import { residentCaseView } from '../case-views.ts';
import { handle } from '../handler.ts';

/** What a resident with an invitation link can do: open it on their device, then see their case. */
export function residentRoutes(cases: CaseService, invitations: InvitationService, notifier: Notifier): Router {
  const router = Router();
  router.post(
    '/invitations/redeem',
    handle({ body: RedeemInvitationRequestSchema }, async ({ body }) => {
      const session = await invitations.redeem(body.token, body.deviceId);
      const state = await cases.get(session.caseId);
      return { residentToken: session.residentToken, expiresAt: session.expiresAt, case: residentCaseView(state!, session.participantId) };
    }),
  );
  router.get(
    '/resident/case',
    handle({}, async ({ principal }) => {
      if (principal.kind !== 'resident') throw new AppError(principal.kind === 'anonymous' ? 'unauthenticated' : 'forbidden', 'Open your invitation link first.');
      const state = await cases.get(principal.caseId);
      if (!state) throw new AppError('not_found', 'No such case.');
      return residentCaseView(state, principal.participantId);
    }),
  );
  router.get(
    '/notices',
    handle({}, async ({ principal }) => {
      if (principal.kind === 'anonymous') throw new AppError('unauthenticated', 'Sign in, or open your invitation link.');
      return notifier.list(principal.kind === 'staff' ? { kind: 'account', accountId: principal.account.accountId } : { kind: 'resident', caseId: principal.caseId, participantId: principal.participantId });
    }),
  );
  return router;
}
