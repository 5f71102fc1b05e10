import type { CaseState } from './case-types.ts';
import type { IndexChange } from '../store/store.ts';

/** The lists a case appears in: everyone's, its organisation's, its mediator's, its court's, and the court's confirmation queue. */
export function indexesOf(state: CaseState | undefined): Set<string> {
  const names = new Set<string>();
  if (!state) return names;
  names.add('all');
  names.add(`org:${state.orgId}`);
  if (state.mediator) names.add(`mediator:${state.mediator.accountId}`);
  if (state.courtId) names.add(`court:${state.courtId}`);
  if (state.courtId && state.status === 'confirmation_requested') names.add(`court-queue:${state.courtId}`);
  // #14: a guiding court's guided cases, and the reporter's own (followed wherever the case goes).
  if (state.guidingCourtId) names.add(`guided:${state.guidingCourtId}`);
  if (state.openedBy.kind === 'account') names.add(`opener:${state.openedBy.accountId}`);
  return names;
}

/** What to add and remove so the indexes follow the case from `before` to `after`. */
export function indexChanges(before: CaseState | undefined, after: CaseState): IndexChange[] {
  const was = indexesOf(before);
  const is = indexesOf(after);
  return [
    ...[...is].filter((name) => !was.has(name)).map((index) => ({ op: 'add' as const, index, caseId: after.caseId })),
    ...[...was].filter((name) => !is.has(name)).map((index) => ({ op: 'remove' as const, index, caseId: after.caseId })),
  ];
}
