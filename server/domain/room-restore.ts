import type { CaseState } from './case-types.ts';
import type { RoomMember, RoomState } from './room.ts';

/**
 * A room taken up again from its last saved state, after the process that ran it stopped (a crash,
 * a restart, or another instance taking over a dead one's rooms). Nobody is connected any more:
 * members who were online count as dropped now, so they keep their place for the grace period and
 * come back without waiting at the door again. The case log decides where it and the saved state
 * disagree (the state is saved just after the log is written, so it can lag by one change): a
 * resident the log no longer holds present starts at the door, and the caucus is the log's.
 *
 * Returns undefined when the saved room is not the case's live session any more.
 */
export function restoreRoom(saved: RoomState, caseState: CaseState, now: number): RoomState | undefined {
  const session = caseState.sessions.find((s) => s.sessionId === saved.sessionId);
  if (session?.status !== 'live' || saved.ended || saved.caseId !== caseState.caseId) return undefined;
  const present = new Set(session.presentParticipantIds);
  const members: Record<string, RoomMember> = {};
  for (const m of Object.values(saved.members)) {
    const offline: RoomMember = { ...m, online: false, disconnectedAt: m.online ? now : (m.disconnectedAt ?? now) };
    const resident = m.role === 'party' || m.role === 'agent';
    const goneByTheLog = resident && m.admission === 'admitted' && !present.has(m.key.slice(2));
    members[m.key] = goneByTheLog ? { ...offline, admission: 'entering', declared: false, identity: 'unchecked' } : offline;
  }
  return { ...saved, members, caucus: session.caucusSide ? { side: session.caucusSide } : undefined };
}
