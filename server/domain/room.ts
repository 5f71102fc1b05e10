import { AppError } from '../protocol/errors.ts';
import type { SessionKind } from './case-types.ts';
import { hostRoleOf } from './session-kind.ts';

/**
 * The room of one live session, as pure state: who is in it and in what standing, whether it is
 * locked, whether a private caucus (背对背) is on, who has been muted by the host. Media follows
 * from it: `canReceive` is the only rule that decides who gets whose audio and video.
 * The host runs the room: the mediator in a mediation session, the judge in a verification
 * hearing (where a mediator who comes along takes part like any staff member).
 */

export type RoomRole = 'mediator' | 'judge' | 'party' | 'agent';
export type Side = 'applicant' | 'respondent';
export type Admission = 'entering' | 'waiting' | 'admitted' | 'declined' | 'removed';
export type IdentityCheck = 'unchecked' | 'verified' | 'pending_mediator' | 'confirmed_by_mediator' | 'staff';

export interface RoomMember {
  /** `a:<accountId>` for staff, `p:<participantId>` for residents. */
  key: string;
  name: string;
  role: RoomRole;
  side?: Side | undefined;
  admission: Admission;
  /** Residents accept the no-recording declaration and read the false-mediation warning before waiting. */
  declared: boolean;
  recordingConsent: boolean;
  identity: IdentityCheck;
  /** Muted by the mediator: the member cannot unmute until allowed. */
  mutedByMediator: boolean;
  /** A guiding judge observes until the mediator lets them speak. */
  speakAllowed: boolean;
  online: boolean;
  /** When the member's connection dropped (ms since epoch); admission is kept for a grace period. */
  disconnectedAt?: number | undefined;
}

export interface RoomState {
  caseId: string;
  sessionId: string;
  kind: SessionKind;
  locked: boolean;
  caucus?: { side: Side } | undefined;
  members: Record<string, RoomMember>;
  ended: boolean;
}

export function newRoom(caseId: string, sessionId: string, kind: SessionKind = 'mediation'): RoomState {
  return { caseId, sessionId, kind, locked: false, members: {}, ended: false };
}

/** Who runs the room: the mediator in mediation, the judge in a hearing. */
export function hostRole(state: RoomState): RoomRole {
  return hostRoleOf(state.kind);
}

export function isHost(state: RoomState, m: Pick<RoomMember, 'role'>): boolean {
  return m.role === hostRole(state);
}

function member(state: RoomState, key: string): RoomMember {
  const found = state.members[key];
  if (!found) throw new AppError('not_found', 'No such participant in this room.');
  return found;
}

function update(state: RoomState, key: string, patch: Partial<RoomMember>): RoomState {
  return { ...state, members: { ...state.members, [key]: { ...member(state, key), ...patch } } };
}

function assertLive(state: RoomState): void {
  if (state.ended) throw new AppError('illegal_transition', 'This session has ended.');
}

export interface Entrant {
  key: string;
  name: string;
  role: RoomRole;
  side?: Side | undefined;
}

/**
 * A member arrives (or comes back). Staff of the case are admitted at once; a resident starts at
 * `entering` the first time, and keeps their standing when they reconnect.
 */
export function enter(state: RoomState, entrant: Entrant): RoomState {
  assertLive(state);
  const existing = state.members[entrant.key];
  if (existing) {
    if (existing.admission === 'removed') throw new AppError('forbidden', 'You were removed from this session.');
    return update(state, entrant.key, { online: true, disconnectedAt: undefined, admission: existing.admission === 'declined' ? 'entering' : existing.admission });
  }
  const staff = entrant.role === 'mediator' || entrant.role === 'judge';
  if (!staff && state.locked) throw new AppError('forbidden', 'The host has locked the room.', undefined, { reason: 'room_locked' });
  const fresh: RoomMember = {
    ...entrant,
    admission: staff ? 'admitted' : 'entering',
    declared: staff,
    recordingConsent: false,
    identity: staff ? 'staff' : 'unchecked',
    mutedByMediator: false,
    // A guiding judge observes a mediation until allowed to speak; in a hearing the judge presides.
    speakAllowed: entrant.role !== 'judge' || isHost(state, entrant),
    online: true,
  };
  return { ...state, members: { ...state.members, [entrant.key]: fresh } };
}

/** The resident accepts the declaration (no recording or broadcasting) and answers the recording question. */
export function declare(state: RoomState, key: string, recordingConsent: boolean): RoomState {
  assertLive(state);
  const m = member(state, key);
  if (m.role === 'mediator' || m.role === 'judge') throw new AppError('illegal_transition', 'Staff do not make the participant declaration.');
  return update(state, key, { declared: true, recordingConsent, admission: nextAdmission({ ...m, declared: true }) });
}

/** The outcome of the resident's identity check for this session. */
export function recordIdentity(state: RoomState, key: string, outcome: 'verified' | 'pending_mediator'): RoomState {
  assertLive(state);
  const m = member(state, key);
  if (m.identity === 'staff') throw new AppError('illegal_transition', 'Staff identity comes from their account.');
  return update(state, key, { identity: outcome, admission: nextAdmission({ ...m, identity: outcome }) });
}

/** A resident waits once they have declared and their identity is checked or left to the mediator. */
function nextAdmission(m: RoomMember): Admission {
  if (m.admission !== 'entering') return m.admission;
  return m.declared && m.identity !== 'unchecked' ? 'waiting' : 'entering';
}

export function admit(state: RoomState, key: string, identityConfirmedOnCamera: boolean): RoomState {
  assertLive(state);
  const m = member(state, key);
  if (m.admission !== 'waiting') throw new AppError('illegal_transition', `This participant is ${m.admission}, not waiting.`);
  if (m.identity === 'pending_mediator' && !identityConfirmedOnCamera) {
    throw new AppError('illegal_transition', "Confirm this participant's identity on camera before admitting them.");
  }
  return update(state, key, { admission: 'admitted', identity: m.identity === 'pending_mediator' ? 'confirmed_by_mediator' : m.identity });
}

export function decline(state: RoomState, key: string): RoomState {
  assertLive(state);
  const m = member(state, key);
  if (m.admission !== 'waiting' && m.admission !== 'entering') throw new AppError('illegal_transition', `This participant is ${m.admission}.`);
  return update(state, key, { admission: 'declined' });
}

export function remove(state: RoomState, key: string): RoomState {
  assertLive(state);
  const m = member(state, key);
  if (isHost(state, m)) throw new AppError('illegal_transition', 'The host cannot be removed.');
  return update(state, key, { admission: 'removed', online: false });
}

export function setLocked(state: RoomState, locked: boolean): RoomState {
  assertLive(state);
  return { ...state, locked };
}

export function setMutedByMediator(state: RoomState, key: string, muted: boolean): RoomState {
  assertLive(state);
  if (isHost(state, member(state, key))) throw new AppError('illegal_transition', 'The host cannot be muted.');
  return update(state, key, { mutedByMediator: muted });
}

export function setSpeakAllowed(state: RoomState, key: string, allowed: boolean): RoomState {
  assertLive(state);
  const m = member(state, key);
  if (m.role !== 'judge' || isHost(state, m)) throw new AppError('illegal_transition', 'Only a guiding judge needs permission to speak.');
  return update(state, key, { speakAllowed: allowed });
}

export function startCaucus(state: RoomState, side: Side): RoomState {
  assertLive(state);
  if (state.caucus) throw new AppError('illegal_transition', 'A private caucus is already on; end it first.');
  if (!Object.values(state.members).some((m) => m.side === side && m.admission === 'admitted')) {
    throw new AppError('illegal_transition', 'Nobody of that side is in the room.');
  }
  return { ...state, caucus: { side } };
}

export function endCaucus(state: RoomState): RoomState {
  assertLive(state);
  if (!state.caucus) throw new AppError('illegal_transition', 'No private caucus is on.');
  return { ...state, caucus: undefined };
}

export function disconnect(state: RoomState, key: string, now: number): RoomState {
  const m = state.members[key];
  if (!m?.online) return state;
  return update(state, key, { online: false, disconnectedAt: now });
}

/** Members offline longer than the grace period lose their place (a resident must be admitted again). */
export function expireDisconnected(state: RoomState, now: number, graceMs: number): { state: RoomState; expired: string[] } {
  const expired = Object.values(state.members).filter((m) => !m.online && m.disconnectedAt !== undefined && now - m.disconnectedAt >= graceMs && m.admission !== 'removed');
  let next = state;
  for (const m of expired) {
    const staff = m.role === 'mediator' || m.role === 'judge';
    next = update(next, m.key, { disconnectedAt: undefined, admission: staff ? 'admitted' : m.admission === 'admitted' || m.admission === 'waiting' ? 'entering' : m.admission, declared: staff, identity: staff ? 'staff' : 'unchecked' });
  }
  return { state: next, expired: expired.map((m) => m.key) };
}

export function endRoom(state: RoomState): RoomState {
  return { ...state, ended: true, caucus: undefined };
}

/** In a caucus: the mediator and judge, and the caucus side's party and agents. */
export function inCaucus(state: RoomState, m: RoomMember): boolean {
  if (!state.caucus) return true;
  return m.role === 'mediator' || m.role === 'judge' || m.side === state.caucus.side;
}

/**
 * A waiting resident whose identity the host is to confirm on camera sees and hears the host
 * alone, and the host them, so the host can check a face against the ID card before admitting.
 * Never during a caucus: the host is in it.
 */
export function inIdentityCheck(state: RoomState, m: RoomMember): boolean {
  return !state.caucus && m.admission === 'waiting' && m.identity === 'pending_mediator' && m.online;
}

/**
 * Whether `listener` may receive `sender`'s audio and video right now. Both must be admitted;
 * during a caucus the caucus members hear only each other and the excluded side only itself.
 * The one exception is the identity check on camera, between the host and one waiting resident.
 */
export function canReceive(state: RoomState, listenerKey: string, senderKey: string): boolean {
  const listener = state.members[listenerKey];
  const sender = state.members[senderKey];
  if (!listener || !sender || listenerKey === senderKey || state.ended) return false;
  const hostAnd = (a: RoomMember, b: RoomMember) => isHost(state, a) && a.admission === 'admitted' && inIdentityCheck(state, b);
  if (hostAnd(listener, sender) || hostAnd(sender, listener)) return true;
  if (listener.admission !== 'admitted' || sender.admission !== 'admitted') return false;
  return inCaucus(state, listener) === inCaucus(state, sender);
}

/** Whether a member's microphone may send: not muted by the mediator, and a judge only when allowed to speak. */
export function maySendAudio(m: RoomMember): boolean {
  return !m.mutedByMediator && m.speakAllowed;
}
