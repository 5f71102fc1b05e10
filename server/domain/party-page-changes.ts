import type { CaseEvent, CaseEventType } from './case-events.ts';

/**
 * The steps that change what a party's own page shows (who mediates, when to come) and happen
 * outside any room. Nothing done inside a room is here: a party kept out of it (waiting, or on the
 * other side of a caucus) must not learn even that something happened. Agreement and court steps
 * reach the parties as notices already.
 */
const PARTY_PAGE_EVENTS: ReadonlySet<CaseEventType> = new Set<CaseEventType>(['case.assigned', 'case.accepted', 'case.declined', 'session.scheduled', 'session.cancelled', 'case.closed']);

/** Whether the parties' open pages should fetch their case again after these events. */
export function changesPartyPage(events: readonly CaseEvent[]): boolean {
  return events.some((event) => PARTY_PAGE_EVENTS.has(event.type));
}
