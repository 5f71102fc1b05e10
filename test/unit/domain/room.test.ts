import { describe, expect, it } from 'vitest';
import * as room from '../../../server/domain/room.ts';
import { AppError } from '../../../server/protocol/errors.ts';

const mediator = { key: 'a:med', name: '李调解', role: 'mediator' as const };
const judge = { key: 'a:judge', name: '赵法官', role: 'judge' as const };
const applicant = { key: 'p:app', name: '张三', role: 'party' as const, side: 'applicant' as const };
const agent = { key: 'p:agent', name: '张律师', role: 'agent' as const, side: 'applicant' as const };
const respondent = { key: 'p:res', name: '李四', role: 'party' as const, side: 'respondent' as const };

function code(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'allowed';
}

/** A room with everyone admitted. */
function fullRoom(): room.RoomState {
  let s = room.newRoom('case-1', 's-1');
  for (const entrant of [mediator, judge, applicant, agent, respondent]) s = room.enter(s, entrant);
  for (const resident of [applicant, agent, respondent]) {
    s = room.declare(s, resident.key, false);
    s = room.recordIdentity(s, resident.key, 'verified');
    s = room.admit(s, resident.key, false);
  }
  return s;
}

describe('entering and the waiting room', () => {
  it('admits staff at once and sends residents through declaration and identity to waiting', () => {
    let s = room.enter(room.enter(room.newRoom('c', 's'), mediator), applicant);
    expect(s.members['a:med']!.admission).toBe('admitted');
    expect(s.members['p:app']!.admission).toBe('entering');
    s = room.declare(s, 'p:app', true);
    expect(s.members['p:app']).toMatchObject({ admission: 'entering', declared: true, recordingConsent: true });
    s = room.recordIdentity(s, 'p:app', 'verified');
    expect(s.members['p:app']!.admission).toBe('waiting');
    s = room.admit(s, 'p:app', false);
    expect(s.members['p:app']!.admission).toBe('admitted');
  });

  it('needs the mediator’s on-camera confirmation for a resident whose identity could not be checked', () => {
    let s = room.enter(room.newRoom('c', 's'), applicant);
    s = room.recordIdentity(room.declare(s, 'p:app', false), 'p:app', 'pending_mediator');
    expect(code(() => room.admit(s, 'p:app', false))).toBe('illegal_transition');
    s = room.admit(s, 'p:app', true);
    expect(s.members['p:app']!.identity).toBe('confirmed_by_mediator');
  });

  it('refuses admitting someone who is not waiting, and residents in a locked room', () => {
    let s = room.enter(room.newRoom('c', 's'), applicant);
    expect(code(() => room.admit(s, 'p:app', true))).toBe('illegal_transition');
    s = room.setLocked(s, true);
    expect(code(() => room.enter(s, respondent))).toBe('forbidden');
    expect(room.enter(s, judge).members['a:judge']!.admission).toBe('admitted');
  });

  it('keeps a removed participant out for the rest of the session', () => {
    const s = room.remove(fullRoom(), 'p:res');
    expect(code(() => room.enter(s, respondent))).toBe('forbidden');
    expect(code(() => room.remove(s, 'a:med'))).toBe('illegal_transition');
  });

  it('lets a declined resident try again', () => {
    let s = room.enter(room.newRoom('c', 's'), applicant);
    s = room.decline(room.recordIdentity(room.declare(s, 'p:app', false), 'p:app', 'verified'), 'p:app');
    expect(room.enter(s, applicant).members['p:app']!.admission).toBe('entering');
  });
});

describe('who receives whom', () => {
  const pairs = (s: room.RoomState) =>
    Object.keys(s.members)
      .flatMap((l) => Object.keys(s.members).map((r) => [l, r] as const))
      .filter(([l, r]) => l !== r && room.canReceive(s, l, r))
      .map(([l, r]) => `${l}<${r}`)
      .sort();

  it('in the full room, everyone admitted receives everyone else', () => {
    expect(pairs(fullRoom())).toHaveLength(5 * 4);
  });

  it('during a caucus with the applicant side, the respondent receives nobody of the caucus and the caucus nothing of the respondent', () => {
    const s = room.startCaucus(fullRoom(), 'applicant');
    for (const other of ['a:med', 'a:judge', 'p:app', 'p:agent']) {
      expect(room.canReceive(s, 'p:res', other)).toBe(false);
      expect(room.canReceive(s, other, 'p:res')).toBe(false);
    }
    expect(room.canReceive(s, 'p:app', 'a:med')).toBe(true);
    expect(room.canReceive(s, 'p:agent', 'p:app')).toBe(true);
    expect(room.canReceive(s, 'a:med', 'p:agent')).toBe(true);
    expect(pairs(room.endCaucus(s))).toEqual(pairs(fullRoom()));
  });

  it('gives waiting and entering members nothing, and nothing of them', () => {
    let s = room.enter(fullRoom(), { key: 'p:late', name: '王五', role: 'party', side: 'respondent' });
    expect(room.canReceive(s, 'p:late', 'a:med')).toBe(false);
    expect(room.canReceive(s, 'a:med', 'p:late')).toBe(false);
    s = room.endRoom(s);
    expect(pairs(s)).toEqual([]);
  });

  it('refuses a caucus while one is on, or with a side that is not present', () => {
    const s = room.startCaucus(fullRoom(), 'respondent');
    expect(code(() => room.startCaucus(s, 'applicant'))).toBe('illegal_transition');
    expect(code(() => room.endCaucus(fullRoom()))).toBe('illegal_transition');
    const empty = room.enter(room.newRoom('c', 's'), mediator);
    expect(code(() => room.startCaucus(empty, 'applicant'))).toBe('illegal_transition');
  });
});

describe('mute and the guiding judge', () => {
  it('mutes by the mediator until allowed, and lets a judge speak only when allowed', () => {
    let s = fullRoom();
    expect(room.maySendAudio(s.members['a:judge']!)).toBe(false);
    s = room.setSpeakAllowed(s, 'a:judge', true);
    expect(room.maySendAudio(s.members['a:judge']!)).toBe(true);
    s = room.setMutedByMediator(s, 'p:res', true);
    expect(room.maySendAudio(s.members['p:res']!)).toBe(false);
    s = room.setMutedByMediator(s, 'p:res', false);
    expect(room.maySendAudio(s.members['p:res']!)).toBe(true);
    expect(code(() => room.setSpeakAllowed(s, 'p:res', true))).toBe('illegal_transition');
    expect(code(() => room.setMutedByMediator(s, 'a:med', true))).toBe('illegal_transition');
  });
});

describe('dropped connections', () => {
  it('keeps a member’s admission through a short drop and restores it on return', () => {
    let s = room.disconnect(fullRoom(), 'p:app', 1_000);
    expect(s.members['p:app']).toMatchObject({ online: false, admission: 'admitted' });
    expect(room.canReceive(s, 'a:med', 'p:app')).toBe(true);
    s = room.expireDisconnected(s, 30_000, 60_000).state;
    s = room.enter(s, applicant);
    expect(s.members['p:app']).toMatchObject({ online: true, admission: 'admitted' });
  });

  it('sends a resident back through the entrance after the grace period', () => {
    const s = room.disconnect(fullRoom(), 'p:app', 1_000);
    const { state, expired } = room.expireDisconnected(s, 61_000, 60_000);
    expect(expired).toEqual(['p:app']);
    expect(state.members['p:app']).toMatchObject({ admission: 'entering', declared: false, identity: 'unchecked' });
  });
});

describe('identity check on camera', () => {
  it('lets the mediator and a waiting resident left to the mediator see each other, and nobody else either of them', () => {
    let s = room.enter(room.enter(room.enter(room.newRoom('c', 's'), mediator), judge), applicant);
    s = room.recordIdentity(room.declare(s, 'p:app', false), 'p:app', 'pending_mediator');
    expect(room.canReceive(s, 'a:med', 'p:app')).toBe(true);
    expect(room.canReceive(s, 'p:app', 'a:med')).toBe(true);
    expect(room.canReceive(s, 'a:judge', 'p:app')).toBe(false);
    expect(room.canReceive(s, 'p:app', 'a:judge')).toBe(false);
  });

  it('does not open that path for a verified resident, during a caucus, or once the resident is offline', () => {
    const verified = room.recordIdentity(room.declare(room.enter(room.enter(room.newRoom('c', 's'), mediator), applicant), 'p:app', false), 'p:app', 'verified');
    expect(room.canReceive(verified, 'a:med', 'p:app')).toBe(false);
    let s = fullRoom();
    s = room.enter(s, { key: 'p:late', name: '王五', role: 'party', side: 'respondent' });
    s = room.recordIdentity(room.declare(s, 'p:late', false), 'p:late', 'pending_mediator');
    expect(room.canReceive(s, 'a:med', 'p:late')).toBe(true);
    const caucus = room.startCaucus(s, 'applicant');
    expect(room.canReceive(caucus, 'a:med', 'p:late')).toBe(false);
    expect(room.canReceive(caucus, 'p:late', 'a:med')).toBe(false);
    expect(room.canReceive(room.disconnect(s, 'p:late', 5), 'a:med', 'p:late')).toBe(false);
  });
});

describe('the verification hearing: the judge hosts', () => {
  function hearingRoom(): room.RoomState {
    let s = room.newRoom('case-1', 'h-1', 'hearing');
    for (const entrant of [judge, mediator, applicant, respondent]) s = room.enter(s, entrant);
    for (const resident of [applicant, respondent]) s = room.declare(room.recordIdentity(s, resident.key, 'pending_mediator'), resident.key, false);
    return s;
  }

  it('makes the judge the host who speaks freely, and the mediator a member like other staff', () => {
    const s = hearingRoom();
    expect(room.hostRole(s)).toBe('judge');
    expect(room.isHost(s, s.members['a:judge']!)).toBe(true);
    expect(room.isHost(s, s.members['a:med']!)).toBe(false);
    expect(s.members['a:judge']!.speakAllowed).toBe(true);
    expect(code(() => room.setSpeakAllowed(s, 'a:judge', false))).toBe('illegal_transition');
    expect(code(() => room.remove(s, 'a:judge'))).toBe('illegal_transition');
    expect(code(() => room.setMutedByMediator(s, 'a:judge', true))).toBe('illegal_transition');
    expect(code(() => room.setMutedByMediator(s, 'a:med', true))).toBe('allowed');
    // In mediation it is the other way round.
    const mediation = fullRoom();
    expect(room.hostRole(mediation)).toBe('mediator');
    expect(mediation.members['a:judge']!.speakAllowed).toBe(false);
  });

  it('opens the identity check on camera between the judge and a waiting party, not the mediator', () => {
    const s = hearingRoom();
    expect(room.canReceive(s, 'a:judge', 'p:app')).toBe(true);
    expect(room.canReceive(s, 'p:app', 'a:judge')).toBe(true);
    expect(room.canReceive(s, 'a:med', 'p:app')).toBe(false);
    expect(room.canReceive(s, 'p:res', 'p:app')).toBe(false);
    const admitted = room.admit(room.admit(s, 'p:app', true), 'p:res', true);
    expect(room.canReceive(admitted, 'p:res', 'p:app')).toBe(true);
    expect(room.canReceive(admitted, 'a:med', 'p:app')).toBe(true);
  });
});
