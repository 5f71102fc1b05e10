import { describe, expect, it } from 'vitest';
import * as room from '../../../server/domain/room.ts';
import { chatAudienceOf, followsRoom, mayKnowOf, mayKnowOfMedia, maySeeChat } from '../../../server/domain/room-visibility.ts';

const mediator = { key: 'a:med', name: '李调解', role: 'mediator' as const };
const judge = { key: 'a:judge', name: '赵法官', role: 'judge' as const };
const applicant = { key: 'p:app', name: '张三', role: 'party' as const, side: 'applicant' as const };
const respondent = { key: 'p:res', name: '李四', role: 'party' as const, side: 'respondent' as const };
const late = { key: 'p:late', name: '王五', role: 'agent' as const, side: 'respondent' as const };

/** Mediator, judge and both parties admitted; the respondent's agent waits, identity `late`. */
function roomWithWaiting(lateIdentity: 'verified' | 'pending_mediator'): room.RoomState {
  let s = room.newRoom('case-1', 's-1');
  for (const entrant of [mediator, judge, applicant, respondent, late]) s = room.enter(s, entrant);
  for (const resident of [applicant, respondent]) s = room.admit(room.recordIdentity(room.declare(s, resident.key, false), resident.key, 'verified'), resident.key, false);
  return room.recordIdentity(room.declare(s, late.key, false), late.key, lateIdentity);
}

const everyone = [mediator, judge, applicant, respondent, late].map((m) => m.key);
const known = (s: room.RoomState, viewer: string) => everyone.filter((key) => key !== viewer && mayKnowOf(s, viewer, key));

describe('what a member may learn of the room', () => {
  it('a resident at the door learns of nobody, and follows nothing the room shares; the host sees them waiting', () => {
    const s = roomWithWaiting('verified');
    expect(known(s, late.key)).toEqual([]);
    expect(followsRoom(s, s.members[late.key]!)).toBe(false);
    expect(maySeeChat(s.members[late.key]!, { audience: 'all' })).toBe(false);
    expect(known(s, mediator.key)).toEqual([judge.key, applicant.key, respondent.key, late.key]);
    expect(known(s, applicant.key)).toEqual([mediator.key, judge.key, respondent.key]);
  });

  it('during the identity check on camera, the resident learns of the host alone', () => {
    const s = roomWithWaiting('pending_mediator');
    expect(known(s, late.key)).toEqual([mediator.key]);
    expect(followsRoom(s, s.members[late.key]!)).toBe(false);
  });

  it('in a caucus, each side learns only of those it may hear; the host of everyone; the side held apart follows nothing shared', () => {
    const s = room.startCaucus(roomWithWaiting('verified'), 'applicant');
    expect(known(s, respondent.key)).toEqual([]);
    expect(known(s, applicant.key)).toEqual([mediator.key, judge.key]);
    expect(known(s, mediator.key)).toEqual([judge.key, applicant.key, respondent.key, late.key]);
    expect(followsRoom(s, s.members[respondent.key]!)).toBe(false);
    expect(followsRoom(s, s.members[applicant.key]!)).toBe(true);
    const heldApartLine = chatAudienceOf(s, s.members[respondent.key]!);
    const caucusLine = chatAudienceOf(s, s.members[mediator.key]!);
    expect(maySeeChat(s.members[respondent.key]!, caucusLine)).toBe(false);
    expect(maySeeChat(s.members[applicant.key]!, heldApartLine)).toBe(false);
    expect(maySeeChat(s.members[mediator.key]!, heldApartLine)).toBe(false);
    expect(maySeeChat(s.members[respondent.key]!, heldApartLine)).toBe(true);
  });

  it('a dropped connection during its grace period takes away the flow of media, not the knowledge of it', () => {
    const s = room.disconnect(roomWithWaiting('pending_mediator'), late.key, 5);
    expect(room.canReceive(s, mediator.key, late.key)).toBe(false);
    expect(mayKnowOfMedia(s, mediator.key, late.key)).toBe(true);
    expect(mayKnowOfMedia(s, applicant.key, late.key)).toBe(false);
    expect(mayKnowOfMedia(room.startCaucus(s, 'applicant'), mediator.key, late.key)).toBe(false);
    expect(mayKnowOfMedia(room.remove(s, late.key), mediator.key, late.key)).toBe(false);
  });
});
