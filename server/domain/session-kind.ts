import type { CaseStatus, SessionInfo, SessionKind } from './case-types.ts';

/**
 * Which kind of session a case's room is about now (pure; the client uses it too, before the room
 * says so itself): the verification hearing while the court reviews the application, or while a
 * hearing is still live after the decision; otherwise mediation.
 */
export function roomSessionKind(state: { status: CaseStatus; sessions: ReadonlyArray<Pick<SessionInfo, 'kind' | 'status'>> }): SessionKind {
  return state.status === 'confirmation_requested' || state.sessions.some((s) => s.kind === 'hearing' && s.status === 'live') ? 'hearing' : 'mediation';
}

/** Who runs a room of this kind: the mediator in mediation, the judge in a hearing. */
export function hostRoleOf(kind: SessionKind): 'mediator' | 'judge' {
  return kind === 'hearing' ? 'judge' : 'mediator';
}
