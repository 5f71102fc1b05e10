import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseEventType } from '../../../server/domain/case-events.ts';
import { changesPartyPage } from '../../../server/domain/party-page-changes.ts';

const events = (...types: CaseEventType[]) => types.map((type) => ({ type }) as CaseEvent);

describe('which steps make the parties’ pages fetch their case again', () => {
  it('a session set or called off, the mediator assigned, accepted or declining, the case closed', () => {
    for (const type of ['session.scheduled', 'session.cancelled', 'case.assigned', 'case.accepted', 'case.declined', 'case.closed'] as const) expect(changesPartyPage(events(type)), type).toBe(true);
    expect(changesPartyPage(events('invitation.issued', 'session.scheduled'))).toBe(true);
  });

  it('nothing done in a room: a party kept out must not learn that something happened', () => {
    expect(changesPartyPage(events('session.started', 'room.admitted', 'agreement.drafting_started', 'agreement.draft_saved', 'session.ended'))).toBe(false);
    expect(changesPartyPage([])).toBe(false);
  });
});
