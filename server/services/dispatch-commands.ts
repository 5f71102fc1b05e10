import { randomUUID } from 'node:crypto';
import { actorOf, type Account, type Principal } from '../auth/principal.ts';
import { canManageCase, orgScopeOf, requireManage, requireRead, requireStaff } from '../auth/policy.ts';
import type { EventDraft } from '../domain/case-events.ts';
import type { CaseState, Tier } from '../domain/case-types.ts';
import { addWorkingDays } from '../domain/working-days.ts';
import { AppError } from '../protocol/errors.ts';
import type { AccountView } from '../protocol/accounts.ts';
import type { AccountService } from './account-service.ts';
import type { CasePolicyConfig } from './case-commands.ts';
import type { CaseService } from './case-service.ts';
import type { Clock } from './clock.ts';
import type { Directory } from './directory.ts';

/** Whom an escalation hands the case to (the optional fields of `case.escalated`). */
export type HandOver = { mediatorId?: string; mediatorName?: string; acceptBy?: string; courtId?: string };

const OPEN: CaseState['status'][] = ['intake', 'accepted', 'scheduled', 'in_session', 'drafting', 'signing'];

/**
 * Dispatch (派单) and the three tiers (#14): centre staff dispatch, mediators and first-tier grid
 * workers take cases, escalations reach the next tier, guidance goes to the guiding court, and a
 * case can be transferred to another organisation. Each use case checks the caller against the
 * case inside the decision, like CaseCommands.
 */
export class DispatchCommands {
  constructor(
    private readonly cases: CaseService,
    private readonly accounts: AccountService,
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly config: CasePolicyConfig,
  ) {}

  /**
   * A mediator takes an unassigned case of their organisation; a grid worker takes a grid-tier case
   * they reported, mediating it themselves (first tier). Either way they are its mediator of record
   * and declare no conflict of interest, as on acceptance.
   */
  async take(principal: Principal, caseId: string): Promise<CaseState> {
    const account = requireStaff(principal, ['mediator', 'grid_worker']);
    return this.run(caseId, principal, (state) => {
      requireRead(principal, state);
      if (state.status !== 'intake') throw new AppError('illegal_transition', 'Only a case waiting at intake can be taken.');
      if (account.role === 'mediator') {
        if (account.orgId !== state.orgId) throw new AppError('forbidden', 'Take cases of your own organisation.');
        if (state.mediator && state.mediator.accountId !== account.accountId) throw new AppError('illegal_transition', 'This case is already assigned.');
      } else {
        const reporter = state.openedBy.kind === 'account' && state.openedBy.accountId === account.accountId;
        if (!reporter || state.tier !== 'grid' || account.orgId !== state.orgId) throw new AppError('forbidden', 'A grid worker mediates the grid-tier cases they reported.');
        if (state.mediator) throw new AppError('illegal_transition', 'This case is already assigned.');
      }
      const assigned: EventDraft[] =
        state.mediator?.accountId === account.accountId ? [] : [{ type: 'case.assigned', data: { mediatorId: account.accountId, mediatorName: account.displayName, acceptBy: this.acceptBy() } }];
      return [...assigned, { type: 'case.accepted', data: { mediatorId: account.accountId, noConflictDeclared: true } }];
    });
  }

  /** 转办/提级 to another organisation, with a reason: by centre staff of the case, its mediator, or an admin. */
  async transfer(principal: Principal, caseId: string, toOrgId: string, reason: string): Promise<CaseState> {
    const account = requireStaff(principal, ['admin', 'centre_staff', 'mediator', 'grid_worker']);
    if (!(await this.directory.org(toOrgId))) throw new AppError('invalid_input', 'No such organisation.', [{ path: 'toOrgId', message: 'unknown organisation' }]);
    return this.run(caseId, principal, (state) => {
      requireRead(principal, state);
      const dispatcher = account.role === 'centre_staff' && principal.kind === 'staff' && orgScopeOf(principal).includes(state.orgId);
      if (!dispatcher && !canManageCase(principal, state)) throw new AppError('forbidden', 'Only the centre, the mediator of the case or an admin transfers it.');
      return [{ type: 'case.transferred', data: { fromOrgId: state.orgId, toOrgId, reason } }];
    });
  }

  /** 指导: the mediator of record asks the guiding court (the one already guiding, else the court of the case's area). */
  async askGuidance(principal: Principal, caseId: string, question: string): Promise<{ state: CaseState; requestId: string }> {
    const current = requireManage(principal, await this.cases.get(caseId));
    const courtId = current.guidingCourtId ?? (await this.directory.courtForArea(current.areaCode))?.courtId;
    if (!courtId) throw new AppError('invalid_input', 'No court guides mediation in this area.', [{ path: 'question', message: 'no guiding court' }]);
    const requestId = randomUUID();
    const state = await this.run(caseId, principal, (fresh) => {
      requireManage(principal, fresh);
      return [{ type: 'guidance.requested', data: { requestId, courtId, question } }];
    });
    return { state, requestId };
  }

  /** A judge of the court asked answers. */
  async answerGuidance(principal: Principal, caseId: string, requestId: string, answer: string): Promise<CaseState> {
    const judge = requireStaff(principal, ['judge']);
    return this.run(caseId, principal, (state) => {
      requireRead(principal, state);
      const request = state.guidance?.find((g) => g.requestId === requestId);
      if (!request) throw new AppError('not_found', 'No such request for guidance.');
      if (request.courtId !== judge.courtId) throw new AppError('forbidden', 'The request went to another court.');
      return [{ type: 'guidance.answered', data: { requestId, judgeId: judge.accountId, judgeName: judge.displayName, answer } }];
    });
  }

  /** What the dispatch screen lists: cases of the caller's organisations waiting at intake without an accepted mediator. */
  async queue(principal: Principal): Promise<CaseState[]> {
    const account = requireStaff(principal, ['admin', 'centre_staff']);
    const indexes = account.role === 'admin' || principal.kind !== 'staff' ? ['all'] : orgScopeOf(principal).map((orgId) => `org:${orgId}`);
    const lists = await Promise.all(indexes.map((index) => this.cases.listIndex(index)));
    return dedupe(lists.flat()).filter((state) => state.status === 'intake' && !state.mediator?.acceptedAt);
  }

  /** A judge's guided cases: those escalated to their court's tier or on which it was asked for guidance. */
  async guidedCases(principal: Principal): Promise<CaseState[]> {
    const judge = requireStaff(principal, ['judge']);
    if (!judge.courtId) return [];
    return this.cases.listIndex(`guided:${judge.courtId}`);
  }

  /** The mediators of an organisation the caller works with: for assigning, escalating to one of them. */
  async mediatorsOf(principal: Principal, orgId: string): Promise<AccountView[]> {
    const account = requireStaff(principal, ['admin', 'centre_staff', 'mediator', 'grid_worker']);
    if (account.role !== 'admin' && principal.kind === 'staff' && !orgScopeOf(principal).includes(orgId)) throw new AppError('forbidden', 'Not an organisation of yours.');
    return (await this.accounts.list()).filter((a) => a.role === 'mediator' && a.orgId === orgId && !a.disabled);
  }

  /**
   * Who an escalation hands the case to: to the mediator tier, the chosen mediator of the case's
   * organisation, else (when a grid worker runs it) the one there with the fewest open cases; to the
   * judge tier, the court already guiding it, else the court of its area.
   */
  async handOver(state: CaseState, to: Tier, mediatorId: string | undefined): Promise<HandOver> {
    if (to === 'judge') {
      if (mediatorId) throw new AppError('invalid_input', 'The judge tier is reached through its court, not a mediator.', [{ path: 'mediatorId', message: 'not for the judge tier' }]);
      const courtId = state.guidingCourtId ?? (await this.directory.courtForArea(state.areaCode))?.courtId;
      if (!courtId) throw new AppError('invalid_input', 'No court guides mediation in this area.', [{ path: 'to', message: 'no guiding court' }]);
      return { courtId };
    }
    if (to !== 'mediator') return {};
    let mediator: Account | undefined;
    if (mediatorId) {
      mediator = await this.accounts.get(mediatorId);
      if (mediator?.role !== 'mediator' || mediator.disabled || mediator.orgId !== state.orgId) {
        throw new AppError('invalid_input', 'No such mediator in this organisation.', [{ path: 'mediatorId', message: 'unknown mediator' }]);
      }
    } else {
      const current = state.mediator && (await this.accounts.get(state.mediator.accountId));
      if (current?.role === 'mediator') return {};
      mediator = await this.leastBusyMediator(state);
      if (!mediator) throw new AppError('invalid_input', 'This organisation has no mediator to take the case; transfer it instead.', [{ path: 'mediatorId', message: 'no mediator' }]);
    }
    return { mediatorId: mediator.accountId, mediatorName: mediator.displayName, acceptBy: this.acceptBy() };
  }

  private async leastBusyMediator(state: CaseState): Promise<Account | undefined> {
    const candidates = (await this.accounts.list()).filter((a) => a.role === 'mediator' && a.orgId === state.orgId && !a.disabled && !state.declinedBy.includes(a.accountId));
    let best: { account: Account; load: number } | undefined;
    for (const candidate of candidates) {
      const load = (await this.cases.listIndex(`mediator:${candidate.accountId}`)).filter((c) => OPEN.includes(c.status)).length;
      const account = await this.accounts.get(candidate.accountId);
      if (account && (!best || load < best.load)) best = { account, load };
    }
    return best?.account;
  }

  private acceptBy(): string {
    return addWorkingDays(this.clock.now(), this.config.acceptanceWorkingDays, this.config.calendar).toISOString();
  }

  private async run(caseId: string, principal: Principal, decide: (state: CaseState) => EventDraft[]): Promise<CaseState> {
    const { state } = await this.cases.execute(caseId, actorOf(principal), (current) => {
      if (!current) throw new AppError('not_found', 'No such case.');
      return decide(current);
    });
    return state;
  }
}

function dedupe(states: CaseState[]): CaseState[] {
  const seen = new Set<string>();
  return states.filter((state) => !seen.has(state.caseId) && !!seen.add(state.caseId));
}
