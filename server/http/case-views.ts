import { isAcceptanceOverdue } from '../domain/case-machine.ts';
import type { CaseState } from '../domain/case-types.ts';

/** What staff see of a case: its whole derived state plus flags computed now. */
export function staffCaseView(state: CaseState, now: Date) {
  return { ...state, acceptanceOverdue: isAcceptanceOverdue(state, now) };
}

/** What a resident sees: who runs the mediation, their own role, the sessions; not the others' details. */
export function residentCaseView(state: CaseState, participantId: string) {
  const me = state.participants.find((p) => p.participantId === participantId);
  return {
    caseId: state.caseId,
    caseNumber: state.caseNumber,
    title: state.title,
    status: state.status,
    mediatorName: state.mediator?.acceptedAt ? state.mediator.name : undefined,
    me: me ? { participantId: me.participantId, name: me.name, role: me.role } : undefined,
    sessions: state.sessions.filter((s) => s.status === 'scheduled' || s.status === 'live').map(({ sessionId, startsAt, status, kind }) => ({ sessionId, startsAt, status, kind })),
    agreementEffectiveAt: state.agreement?.effectiveAt,
    confirmation: state.confirmation
      ? {
          appliedByMe: !!state.confirmation.applications[participantId],
          requestedAt: state.confirmation.requestedAt,
          acceptedAt: state.confirmation.acceptedAt,
          outcome: state.confirmation.outcome,
          decidedAt: state.confirmation.decidedAt,
        }
      : undefined,
  };
}
