import type { CaseState, CaseStatus, DisputeType, IntakeChannel } from './case-types.ts';
import { chinaDateOf } from './china-time.ts';
import { dueFollowUp, latestPerformance, pendingFollowUp } from './follow-up.ts';

/**
 * The ledger (台账) of a centre: which cases a filter selects, and each mediator's figures over
 * them. Pure; the service loads the states the caller may read and names the areas.
 */

const DAY_MS = 86_400_000;

export interface LedgerFilter {
  /** Part of the case number or title. */
  q?: string | undefined;
  channel?: IntakeChannel | undefined;
  disputeType?: DisputeType | undefined;
  status?: CaseStatus | undefined;
  /** An area and everything under it. */
  areaCode?: string | undefined;
  grid?: string | undefined;
  mediatorId?: string | undefined;
  /** First and last day received, `YYYY-MM-DD` in Beijing time, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  followUp?: 'pending' | 'due' | undefined;
}

/** Who asks and when: "my cases" and "due" depend on them. */
export interface LedgerContext {
  accountId: string;
  /** Today in China, `YYYY-MM-DD`. */
  today: string;
  mine?: boolean | undefined;
}

export function matchesLedger(state: CaseState, filter: LedgerFilter, context: LedgerContext): boolean {
  if (context.mine && state.mediator?.accountId !== context.accountId) return false;
  if (filter.q && !state.caseNumber.includes(filter.q) && !state.title.includes(filter.q)) return false;
  if (filter.channel && state.channel !== filter.channel) return false;
  if (filter.disputeType && state.disputeType !== filter.disputeType) return false;
  if (filter.status && state.status !== filter.status) return false;
  if (filter.areaCode && !state.areaCode.startsWith(filter.areaCode)) return false;
  if (filter.grid && state.grid !== filter.grid) return false;
  if (filter.mediatorId && state.mediator?.accountId !== filter.mediatorId) return false;
  const received = chinaDateOf(state.openedAt);
  if (filter.from && received < filter.from) return false;
  if (filter.to && received > filter.to) return false;
  if (filter.followUp === 'pending' && !pendingFollowUp(state)) return false;
  if (filter.followUp === 'due' && !dueFollowUp(state, context.today)) return false;
  return true;
}

/** Newest received first; a ledger reads like a register. Ties by case number for a stable order across pages. */
export function ledgerOrder(a: CaseState, b: CaseState): number {
  return b.openedAt.localeCompare(a.openedAt) || b.caseNumber.localeCompare(a.caseNumber);
}

export interface SatisfactionCount {
  answered: number;
  satisfied: number;
}

export function satisfactionOf(state: CaseState): SatisfactionCount {
  const answers = (state.surveys ?? []).filter((s) => s.answer);
  return { answered: answers.length, satisfied: answers.filter((s) => s.answer!.value === 'satisfied').length };
}


export interface MediatorFigures {
  mediatorId: string;
  name: string;
  cases: number;
  successful: number;
  failed: number;
  successRate: number | null;
  averageDays: number | null;
  followUpsDue: number;
  followUpsDone: number;
  surveysAnswered: number;
  satisfactionRate: number | null;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * Each mediator's figures over the given cases (those with a mediator), by name. Average days run
 * from the mediator's acceptance to the agreement taking effect, over the cases that got there.
 */
export function mediatorFigures(states: readonly CaseState[], today: string): MediatorFigures[] {
  const groups = new Map<string, CaseState[]>();
  for (const state of states) {
    if (!state.mediator) continue;
    const group = groups.get(state.mediator.accountId) ?? [];
    group.push(state);
    groups.set(state.mediator.accountId, group);
  }
  return [...groups.entries()]
    .map(([mediatorId, cases]) => {
      let successful = 0;
      let failed = 0;
      let followUpsDue = 0;
      let followUpsDone = 0;
      let answered = 0;
      let satisfied = 0;
      const days: number[] = [];
      for (const state of cases) {
        const effectiveAt = state.agreement?.effectiveAt;
        if (effectiveAt) successful++;
        else if (state.failureReason !== undefined) failed++;
        if (effectiveAt && state.mediator?.acceptedAt) days.push((Date.parse(effectiveAt) - Date.parse(state.mediator.acceptedAt)) / DAY_MS);
        if (dueFollowUp(state, today)) followUpsDue++;
        followUpsDone += (state.followUps ?? []).filter((f) => f.recorded).length;
        const s = satisfactionOf(state);
        answered += s.answered;
        satisfied += s.satisfied;
      }
      const averageDays = days.length === 0 ? null : Math.round((days.reduce((sum, d) => sum + d, 0) / days.length) * 100) / 100;
      return {
        mediatorId,
        name: cases[0]!.mediator!.name,
        cases: cases.length,
        successful,
        failed,
        successRate: ratio(successful, successful + failed),
        averageDays,
        followUpsDue,
        followUpsDone,
        surveysAnswered: answered,
        satisfactionRate: ratio(satisfied, answered),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.mediatorId.localeCompare(b.mediatorId));
}

/** The row facts the ledger shows besides the case's own fields. */
export function followUpFacts(state: CaseState, today: string) {
  const pending = pendingFollowUp(state);
  const s = satisfactionOf(state);
  return {
    followUpDueDate: pending?.dueDate,
    followUpDue: !!dueFollowUp(state, today),
    performance: latestPerformance(state),
    surveysAnswered: s.answered,
    satisfied: s.satisfied,
  };
}
