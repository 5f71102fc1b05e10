import { randomUUID } from 'node:crypto';
import { actorOf, type Principal } from '../auth/principal.ts';
import { requireRead, requireStaff } from '../auth/policy.ts';
import type { TokenService } from '../auth/tokens.ts';
import type { Assistant, CaseState } from '../domain/case-types.ts';
import { AppError } from '../protocol/errors.ts';
import type { AssistanceStarted } from '../protocol/intake.ts';
import type { CaseService } from './case-service.ts';
import type { Clock } from './clock.ts';

/** An assisted link lasts a working visit, not the days a resident's own link does. */
const ASSISTANCE_HOURS = 4;

/**
 * Assisted join (帮办代办): a grid worker's device helps a resident without one through the door
 * and signing. Starting it issues an invitation for that participant and records, in the same
 * append, that it is an assisted one and who assists; the assisting browser opens it at once.
 * Everything done through that invitation carries `assistedBy` in its actor. Ending it revokes
 * the invitation, which ends the session on the assisting device.
 */
export class AssistanceService {
  constructor(
    private readonly cases: CaseService,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
    private readonly publicUrl: () => string,
  ) {}

  async start(principal: Principal, caseId: string, participantId: string): Promise<AssistanceStarted> {
    const account = requireStaff(principal, ['grid_worker']);
    const assistedBy: Assistant = { accountId: account.accountId, name: account.displayName, role: account.role };
    const invitationId = randomUUID();
    const expiresAt = new Date(this.clock.now().getTime() + ASSISTANCE_HOURS * 3600_000);
    await this.cases.execute(caseId, actorOf(principal), (state) => {
      const readable = requireRead(principal, state);
      if (!readable.participants.some((p) => p.participantId === participantId)) throw new AppError('not_found', 'No such participant.');
      return [
        { type: 'invitation.issued', data: { invitationId, participantId, expiresAt: expiresAt.toISOString() } },
        { type: 'assistance.started', data: { participantId, invitationId, assistedBy } },
      ];
    });
    const token = this.tokens.signInvitation(invitationId, participantId, caseId, expiresAt);
    return { invitationId, participantId, expiresAt: expiresAt.toISOString(), url: `${this.publicUrl()}/join#${token}` };
  }

  /** The assistant who started it, or whoever manages the case, ends it. */
  async end(principal: Principal, caseId: string, invitationId: string): Promise<CaseState> {
    const account = requireStaff(principal);
    const { state } = await this.cases.execute(caseId, actorOf(principal), (current) => {
      const readable = requireRead(principal, current);
      const assistance = readable.assistances?.find((a) => a.invitationId === invitationId && !a.endedAt);
      if (!assistance) throw new AppError('not_found', 'No assistance under way through this invitation.');
      const mine = assistance.assistedBy.accountId === account.accountId;
      if (!mine && account.role !== 'admin' && readable.mediator?.accountId !== account.accountId) throw new AppError('forbidden', 'Only the assistant or the mediator ends the assistance.');
      const revoke = readable.invitations.some((i) => i.invitationId === invitationId && !i.revoked);
      return [{ type: 'assistance.ended', data: { invitationId } }, ...(revoke ? [{ type: 'invitation.revoked' as const, data: { invitationId } }] : [])];
    });
    return state;
  }
}

/** The assistant of an invitation while its assistance lasts: what an assisted resident session carries. */
export function assistantOf(state: CaseState, invitationId: string): Assistant | undefined {
  return state.assistances?.find((a) => a.invitationId === invitationId && !a.endedAt)?.assistedBy;
}
