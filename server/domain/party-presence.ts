import type { CaseState } from './case-types.ts';

/** A participant's side: their own role, or for an agent, the role of the party they represent. */
export function sideOfParticipant(state: CaseState, participantId: string): 'applicant' | 'respondent' | undefined {
  const participant = state.participants.find((p) => p.participantId === participantId);
  const role = participant?.role === 'agent' ? state.participants.find((p) => p.participantId === participant.representing)?.role : participant?.role;
  return role === 'applicant' || role === 'respondent' ? role : undefined;
}

/**
 * Whether a party may follow what a live session shares (the draft agreement) from anywhere: the
 * room's rule (room-visibility.ts `followsRoom`) read from the case log, so every instance applies
 * it alike. With no live session, yes; during one, only when admitted and not held apart by a
 * caucus of the other side.
 */
export function followsLiveSession(state: CaseState, participantId: string): boolean {
  const live = state.sessions.find((session) => session.status === 'live');
  if (!live) return true;
  if (!live.presentParticipantIds.includes(participantId)) return false;
  return !live.caucusSide || live.caucusSide === sideOfParticipant(state, participantId);
}
