import { describe, expect, it } from 'vitest';
import * as room from '../../../server/domain/room.ts';
import { restoreRoom } from '../../../server/domain/room-restore.ts';
import { caseIn, type CaseUnderTest } from './case-fixtures.ts';

const NOW = Date.parse('2026-11-25T01:30:00.000Z');
const mediator = { key: 'a:med-1', name: '李调解', role: 'mediator' as const };
const applicant = { key: 'p:p-app', name: '张三', role: 'party' as const, side: 'applicant' as const };
const respondent = { key: 'p:p-res', name: '李四', role: 'party' as const, side: 'respondent' as const };

/** The live session s-1 with both parties admitted, in the room's state and in the case log alike. */
function bothAdmitted(): { log: CaseUnderTest; saved: room.RoomState } {
  const log = caseIn('in_session');
  let saved = room.newRoom('case-1', 's-1');
  saved = room.enter(saved, mediator);
  for (const resident of [applicant, respondent]) {
    saved = room.enter(saved, resident);
    saved = room.declare(saved, resident.key, false);
    saved = room.recordIdentity(saved, resident.key, 'verified');
    saved = room.admit(saved, resident.key, false);
    log.apply({ type: 'room.admitted', data: { sessionId: 's-1', memberKey: resident.key, name: resident.name } });
  }
  return { log, saved };
}

describe('restoring a room after the process that ran it stopped', () => {
  it('keeps everyone admitted, offline from now, with their standing and the host’s settings', () => {
    const { log, saved } = bothAdmitted();
    const muted = room.setLocked(room.setMutedByMediator(saved, applicant.key, true), true);
    const restored = restoreRoom(muted, log.state!, NOW)!;
    for (const key of [mediator.key, applicant.key, respondent.key]) {
      expect(restored.members[key]).toMatchObject({ admission: 'admitted', online: false, disconnectedAt: NOW });
    }
    expect(restored.members[applicant.key]).toMatchObject({ mutedByMediator: true, declared: true, identity: 'verified' });
    expect(restored.locked).toBe(true);
    // Coming back within the grace period needs no second admission.
    expect(room.enter(restored, applicant).members[applicant.key]).toMatchObject({ admission: 'admitted', online: true });
  });

  it('keeps the time a member dropped before the stop, so their grace period is not extended', () => {
    const { log, saved } = bothAdmitted();
    const dropped = room.disconnect(saved, respondent.key, NOW - 20_000);
    expect(restoreRoom(dropped, log.state!, NOW)!.members[respondent.key]!.disconnectedAt).toBe(NOW - 20_000);
  });

  it('sends a resident the log no longer holds present back to the door', () => {
    const { log, saved } = bothAdmitted();
    // Removed in the log; the process stopped before the room state was saved.
    log.apply({ type: 'room.removed', data: { sessionId: 's-1', memberKey: respondent.key } });
    const restored = restoreRoom(saved, log.state!, NOW)!;
    expect(restored.members[respondent.key]).toMatchObject({ admission: 'entering', declared: false, identity: 'unchecked' });
    expect(restored.members[applicant.key]!.admission).toBe('admitted');
  });

  it('takes the caucus from the log, both when it started and when it ended after the last save', () => {
    const { log, saved } = bothAdmitted();
    log.apply({ type: 'caucus.started', data: { sessionId: 's-1', side: 'applicant' } });
    const heldApart = restoreRoom(saved, log.state!, NOW)!;
    expect(heldApart.caucus).toEqual({ side: 'applicant' });
    expect(room.canReceive(heldApart, respondent.key, applicant.key)).toBe(false);

    log.apply({ type: 'caucus.ended', data: { sessionId: 's-1' } });
    expect(restoreRoom(room.startCaucus(saved, 'applicant'), log.state!, NOW)!.caucus).toBeUndefined();
  });

  it('gives nothing back for a session that is no longer live, or for another case', () => {
    const { log, saved } = bothAdmitted();
    expect(restoreRoom(room.endRoom(saved), log.state!, NOW)).toBeUndefined();
    expect(restoreRoom({ ...saved, sessionId: 's-other' }, log.state!, NOW)).toBeUndefined();
    expect(restoreRoom({ ...saved, caseId: 'case-2' }, log.state!, NOW)).toBeUndefined();
    log.apply({ type: 'session.ended', data: { sessionId: 's-1' } });
    expect(restoreRoom(saved, log.state!, NOW)).toBeUndefined();
  });
});
