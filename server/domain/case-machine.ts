import { AppError } from '../protocol/errors.ts';
import { upcastStoredDraft } from './agreement.ts';
import type { CaseEvent, CaseEventType, EventDraft } from './case-events.ts';
import type { Actor, CaseState, CaseStatus, Tier } from './case-types.ts';
import { GENESIS_HASH } from './case-log.ts';
import { CASE_STATUSES, TIERS } from './case-types.ts';
import { roomSessionKind } from './session-kind.ts';
import { AFTER_AGREEMENT, applyFollowUpEvent, assertFollowUpAllowed, isFollowUpDraft } from './follow-up.ts';
import { assertApplicationAllowed, assertApplicationGate, foldApplication, isApplicationDraft } from './application.ts';

const OPEN_WORK: CaseStatus[] = ['intake', 'accepted', 'scheduled', 'in_session', 'drafting'];
const MEDIATING: CaseStatus[] = ['accepted', 'scheduled', 'in_session', 'drafting', 'signing'];
// Residents keep getting links after an outcome, to fetch the documents delivered to them.
const INVITABLE: CaseStatus[] = ['accepted', 'scheduled', 'in_session', 'drafting', 'signing', 'signed', 'failed', 'confirmation_requested', 'confirmed', 'rejected'];
/** Statuses in which a session can be live: room events need one. */
const LIVE_CAPABLE: CaseStatus[] = ['in_session', 'drafting', 'signing', 'signed', 'failed', 'confirmation_requested', 'confirmed', 'rejected'];
const NOT_CLOSED: CaseStatus[] = ['accepted', 'scheduled', 'in_session', 'drafting', 'signing', 'signed', 'failed', 'confirmation_requested', 'confirmed', 'rejected'];

/** In which statuses each kind of event may happen (DOMAIN.md: the life of a case). */
export const allowedFrom: Record<Exclude<CaseEventType, 'case.opened'>, readonly CaseStatus[]> = {
  'case.assigned': ['intake'],
  'case.accepted': ['intake'],
  'case.declined': ['intake'],
  'case.escalated': OPEN_WORK,
  'participant.added': OPEN_WORK,
  'participant.removed': OPEN_WORK,
  'invitation.issued': INVITABLE,
  'invitation.revoked': INVITABLE,
  // Mediation sessions while mediating; a verification hearing while the court reviews the application.
  'session.scheduled': ['accepted', 'scheduled', 'in_session', 'drafting', 'signing', 'confirmation_requested'],
  'session.cancelled': ['scheduled', 'in_session', 'drafting', 'signing', 'confirmation_requested'],
  'session.started': ['scheduled', 'drafting', 'signing', 'confirmation_requested'],
  // A live session can always be ended, whatever the case went through meanwhile.
  'session.ended': LIVE_CAPABLE,
  // Residents may arrive, declare and be checked before the mediator opens the session.
  'room.declaration_accepted': NOT_CLOSED,
  'room.identity_checked': NOT_CLOSED,
  'room.admitted': LIVE_CAPABLE,
  'room.declined': LIVE_CAPABLE,
  'room.removed': LIVE_CAPABLE,
  'room.left': LIVE_CAPABLE,
  'caucus.started': LIVE_CAPABLE,
  'caucus.ended': LIVE_CAPABLE,
  'chat.posted': LIVE_CAPABLE,
  'minutes.saved': NOT_CLOSED,
  'minutes.shared': NOT_CLOSED,
  'minutes.confirmed': NOT_CLOSED,
  'agreement.drafting_started': ['accepted', 'scheduled', 'in_session'],
  'agreement.draft_saved': ['drafting'],
  'agreement.comment_added': ['drafting', 'signing'],
  'agreement.sent_for_signature': ['drafting'],
  'agreement.signed_by_party': ['signing'],
  'agreement.countersigned': ['signing'],
  // Receipts of delivery are recorded whenever a copy is fetched, closed cases included.
  'document.delivered': ['signed', 'failed', 'confirmation_requested', 'confirmed', 'rejected', 'closed'],
  'agreement.reopened': ['signing'],
  'agreement.signed': ['signing'],
  'mediation.failed': MEDIATING,
  'confirmation.party_applied': ['signed'],
  'confirmation.requested': ['signed'],
  'confirmation.routed': ['confirmation_requested'],
  'confirmation.accepted': ['confirmation_requested'],
  'confirmation.extended': ['confirmation_requested'],
  'confirmation.material_requested': ['confirmation_requested'],
  'confirmation.material_submitted': ['confirmation_requested'],
  'hearing.held': ['confirmation_requested'],
  'confirmation.confirmed': ['confirmation_requested'],
  'confirmation.rejected': ['confirmation_requested'],
  'case.closed': ['intake', 'accepted', 'scheduled', 'in_session', 'drafting', 'signing', 'signed', 'failed', 'confirmed', 'rejected'],
  // --- Intake: field reports and assisted join ---
  'case.photo_added': OPEN_WORK,
  // Assistance runs wherever a resident may get a link: the door, signing, fetching documents.
  'assistance.started': INVITABLE,
  'assistance.ended': INVITABLE,
  // Ledger and follow-up (台账与回访): only once an agreement took effect (the rules in follow-up.ts).
  'followup.scheduled': AFTER_AGREEMENT,
  'followup.recorded': AFTER_AGREEMENT,
  'survey.sent': AFTER_AGREEMENT,
  'survey.answered': AFTER_AGREEMENT,
  // Dispatch and the three tiers (#14): a case changes hands only before its sessions are scheduled.
  'case.transferred': ['intake', 'accepted'],
  'guidance.requested': MEDIATING,
  'guidance.answered': MEDIATING,
  // Resident self-application: all before a mediator takes the case (domain/application.ts has the rules).
  'application.submitted': ['intake'],
  'application.accepted': ['intake'],
  'application.not_accepted': ['intake'],
  'application.respondent_contacted': ['intake'],
  'application.respondent_agreed': ['intake'],
  'application.respondent_refused': ['intake'],
  // Early warning (#15): a warning follows the dispute, whatever became of this one case.
  'warning.level_changed': CASE_STATUSES,
};

function illegal(message: string): AppError {
  return new AppError('illegal_transition', message);
}

/** Only the judge the application was routed to runs its hearing, once the application is accepted and until it is decided. */
function assertHearingJudge(state: CaseState, actor: Actor): void {
  if (!isRoutedJudge(state, actor)) throw illegal('Only the judge the application was routed to runs the verification hearing.');
  if (!state.confirmation?.acceptedAt) throw illegal('Accept the application first.');
  if (state.confirmation.decidedAt) throw illegal('Already decided.');
}

function liveSession(state: CaseState) {
  return state.sessions.find((session) => session.status === 'live');
}

function hasScheduled(state: CaseState, exceptSessionId?: string) {
  return state.sessions.some((session) => session.status === 'scheduled' && session.kind === 'mediation' && session.sessionId !== exceptSessionId);
}

const isRoutedJudge = (state: CaseState, actor: Actor) => !!state.confirmation?.judgeId && actor.kind === 'account' && actor.accountId === state.confirmation.judgeId;

/** The parties themselves (not their agents): who must attend a hearing together. */
const partyIds = (state: CaseState) => state.participants.filter((p) => p.role !== 'agent').map((p) => p.participantId);

/** The session a case's room is about now, of the kind `roomSessionKind` says: the live one first, else the earliest scheduled. */
export function roomSession(state: CaseState): CaseState['sessions'][number] | undefined {
  const kind = roomSessionKind(state);
  const pool = state.sessions.filter((s) => s.kind === kind);
  return pool.find((s) => s.status === 'live') ?? pool.filter((s) => s.status === 'scheduled').sort((a, b) => a.startsAt.localeCompare(b.startsAt))[0];
}

/**
 * Checks one decision against the case as it stands and the rules of the domain. Throws
 * `illegal_transition` naming the rule; returns nothing when the event may be appended.
 */
export function assertAllowed(state: CaseState | undefined, draft: EventDraft, actor: Actor): void {
  if (draft.type === 'case.opened') {
    if (state) throw illegal('This case already exists.');
    return;
  }
  if (!state) throw new AppError('not_found', 'No such case.');
  const from = allowedFrom[draft.type];
  if (!from.includes(state.status)) throw illegal(`"${draft.type}" is not allowed while the case is ${state.status}.`);
  if (isFollowUpDraft(draft)) {
    assertFollowUpAllowed(state, draft, actor);
    return;
  }
  if (isApplicationDraft(draft)) {
    assertApplicationAllowed(state, draft, actor);
    return;
  }
  assertApplicationGate(state, draft);

  switch (draft.type) {
    case 'case.assigned':
      if (state.mediator?.acceptedAt) throw illegal('The case is already accepted by a mediator.');
      if (state.declinedBy.includes(draft.data.mediatorId)) throw illegal('This mediator has declined the case.');
      return;
    case 'case.accepted':
    case 'case.declined':
      if (!state.mediator || state.mediator.accountId !== draft.data.mediatorId) throw illegal('Only the assigned mediator can accept or decline the case.');
      if (actor.kind !== 'account' || actor.accountId !== draft.data.mediatorId) throw illegal('Only the assigned mediator can accept or decline the case.');
      if (draft.type === 'case.accepted' && draft.data.noConflictDeclared !== true) throw illegal('Declare that you have no conflict of interest first.');
      return;
    case 'case.escalated':
      if (draft.data.from !== state.tier) throw illegal(`The case is at the ${state.tier} tier.`);
      if (TIERS.indexOf(draft.data.to) <= TIERS.indexOf(state.tier)) throw illegal('A case can only be escalated to a higher tier.');
      if (!draft.data.reason.trim()) throw illegal('Escalation needs a reason.');
      assertHandOver(state, draft.data, actor);
      return;
    case 'participant.added': {
      const { participant } = draft.data;
      if (state.participants.some((p) => p.participantId === participant.participantId)) throw illegal('This participant is already on the case.');
      if (participant.role === 'agent' && !state.participants.some((p) => p.participantId === participant.representing && p.role !== 'agent')) {
        throw illegal('An agent must represent a party of this case.');
      }
      return;
    }
    case 'participant.removed': {
      if (!state.participants.some((p) => p.participantId === draft.data.participantId)) throw new AppError('not_found', 'No such participant.');
      if (state.participants.some((p) => p.representing === draft.data.participantId)) throw illegal('Remove the agents of this party first.');
      return;
    }
    case 'invitation.issued':
      if (!state.participants.some((p) => p.participantId === draft.data.participantId)) throw new AppError('not_found', 'No such participant.');
      return;
    case 'invitation.revoked': {
      const invitation = state.invitations.find((i) => i.invitationId === draft.data.invitationId);
      if (!invitation) throw new AppError('not_found', 'No such invitation.');
      if (invitation.revoked) throw illegal('This invitation is already revoked.');
      return;
    }
    case 'session.scheduled': {
      if (state.sessions.some((s) => s.sessionId === draft.data.sessionId)) throw illegal('This session already exists.');
      const reviewing = state.status === 'confirmation_requested';
      if ((draft.data.kind === 'hearing') !== reviewing) {
        throw illegal(reviewing ? 'While the court reviews the application, only the verification hearing can be scheduled.' : 'A verification hearing is held only while the court reviews an application.');
      }
      if (reviewing) assertHearingJudge(state, actor);
      return;
    }
    case 'session.cancelled':
    case 'session.started': {
      const session = state.sessions.find((s) => s.sessionId === draft.data.sessionId);
      if (!session) throw new AppError('not_found', 'No such session.');
      if (session.status !== 'scheduled') throw illegal(`The session is ${session.status}.`);
      if (draft.type === 'session.started' && liveSession(state)) throw illegal('Another session is live.');
      if (session.kind === 'hearing') assertHearingJudge(state, actor);
      else if (draft.type === 'session.started' && state.status === 'confirmation_requested') throw illegal('No mediation session starts while the court reviews the application.');
      return;
    }
    case 'session.ended':
      if (liveSession(state)?.sessionId !== draft.data.sessionId) throw illegal('This session is not live.');
      return;
    case 'agreement.drafting_started':
      return;
    case 'agreement.draft_saved':
      if (draft.data.version !== (state.agreement?.version ?? 0) + 1) throw new AppError('conflict', 'The draft changed meanwhile; reload it.');
      return;
    case 'agreement.comment_added':
      if (!state.agreement || draft.data.version !== state.agreement.version) throw illegal('Comment on the current version of the draft.');
      if (actor.kind !== 'resident' || actor.participantId !== draft.data.participantId) throw illegal('Parties comment for themselves.');
      return;
    case 'agreement.sent_for_signature':
      if (!state.agreement) throw illegal('Write the agreement first.');
      if (draft.data.version !== undefined && draft.data.version !== state.agreement.version) throw new AppError('conflict', 'The draft changed meanwhile; reload it.');
      return;
    case 'agreement.signed_by_party': {
      const frozen = state.agreement?.frozen;
      if (!frozen || frozen.documentHash !== draft.data.documentHash) throw illegal('This is not the version sent for signature.');
      const party = state.participants.find((p) => p.participantId === draft.data.participantId);
      if (!party || party.role === 'agent') throw illegal('Only the parties sign the agreement.');
      if (actor.kind !== 'resident' || actor.participantId !== draft.data.participantId) throw illegal('Each party signs for themselves.');
      if (state.agreement!.signatures.some((s) => s.participantId === draft.data.participantId)) throw illegal('You have already signed.');
      return;
    }
    case 'agreement.countersigned': {
      const frozen = state.agreement?.frozen;
      if (!frozen || frozen.documentHash !== draft.data.documentHash) throw illegal('This is not the version sent for signature.');
      if (actor.kind !== 'account' || actor.accountId !== draft.data.mediatorId || state.mediator?.accountId !== draft.data.mediatorId) throw illegal('Only the mediator of the case countersigns.');
      if (state.agreement!.countersignature) throw illegal('Already countersigned.');
      const unsigned = state.participants.filter((p) => p.role !== 'agent' && !state.agreement!.signatures.some((s) => s.participantId === p.participantId));
      if (unsigned.length > 0) throw illegal(`Waiting for ${unsigned.map((p) => p.name).join(', ')} to sign; the mediator countersigns last.`);
      return;
    }
    case 'agreement.signed': {
      const frozen = state.agreement?.frozen;
      if (!frozen || frozen.documentHash !== draft.data.documentHash) throw illegal('This is not the version sent for signature.');
      if (!state.agreement!.countersignature) throw illegal('The agreement takes effect with the mediator’s countersignature.');
      return;
    }
    case 'document.delivered':
      if (draft.data.document === 'agreement' && draft.data.documentHash !== state.agreement?.finalPdfHash) throw illegal('No signed agreement to deliver.');
      if (draft.data.document === 'failure_notice' && !state.failureReason) throw illegal('The mediation has not failed.');
      return;
    case 'mediation.failed':
    case 'agreement.reopened':
      if (!draft.data.reason.trim()) throw illegal('A reason is required.');
      return;
    case 'confirmation.party_applied': {
      const party = state.participants.find((p) => p.participantId === draft.data.participantId);
      if (!party || party.role === 'agent') throw illegal('The parties themselves apply.');
      if (actor.kind !== 'resident' || actor.participantId !== draft.data.participantId) throw illegal('Each party applies for themselves.');
      if (state.confirmation?.applications[draft.data.participantId]) throw illegal('You have already applied.');
      if (draft.data.subject.personalStatus || draft.data.subject.ownershipConfirmation) throw illegal('A court does not confirm agreements on personal status or on ownership (民诉解释 355).');
      return;
    }
    case 'confirmation.requested': {
      const missing = state.participants.filter((p) => p.role !== 'agent' && !state.confirmation?.applications[p.participantId]);
      if (missing.length > 0) throw illegal('Both parties must apply together.');
      return;
    }
    case 'confirmation.routed':
      if (draft.data.courtId !== state.courtId) throw illegal('The application stays with the court it was filed with.');
      if (state.confirmation?.decidedAt) throw illegal('Already decided.');
      return;
    case 'confirmation.material_submitted': {
      if (!state.confirmation?.materialRequests?.some((r) => r.requestId === draft.data.requestId)) throw new AppError('not_found', 'No such request for material.');
      if (actor.kind !== 'resident' || actor.participantId !== draft.data.participantId) throw illegal('Parties send their own material.');
      return;
    }
    case 'confirmation.accepted':
    case 'confirmation.extended':
    case 'confirmation.material_requested':
    case 'hearing.held':
    case 'confirmation.confirmed':
    case 'confirmation.rejected': {
      const c = state.confirmation;
      if (!c?.judgeId || actor.kind !== 'account' || actor.accountId !== c.judgeId) throw illegal('Only the judge the application was routed to may do this.');
      if (draft.type === 'confirmation.accepted') {
        if (c.acceptedAt) throw illegal('Already accepted.');
        return;
      }
      if (!c.acceptedAt) throw illegal('Accept the application first.');
      if (draft.type === 'confirmation.material_requested') {
        if (!draft.data.message.trim()) throw illegal('Say what material is needed.');
        return;
      }
      if (draft.type === 'confirmation.extended') {
        if (c.extended) throw illegal('The review period can be extended once.');
        if (!draft.data.reason.trim()) throw illegal('An extension needs a reason.');
        return;
      }
      if (draft.type === 'hearing.held') {
        const session = state.sessions.find((s) => s.sessionId === draft.data.sessionId);
        if (session?.kind !== 'hearing') throw illegal('Record the hearing of a verification session held in the room.');
        if (!session.partiesTogetherAt) throw illegal('双方当事人应当同时到场，询问方可进行。');
        const parties = partyIds(state);
        if (parties.some((id) => !draft.data.presentParticipantIds.includes(id))) throw illegal('The record must name both parties as present.');
        if (draft.data.presentParticipantIds.some((id) => !session.attendedParticipantIds.includes(id))) throw illegal('Only those the room admitted were present.');
        return;
      }
      if (draft.type === 'confirmation.confirmed' && !c.hearing) throw illegal('Hold the verification hearing with both parties first.');
      if (draft.type === 'confirmation.rejected' && !draft.data.reason.trim()) throw illegal('A reason is required.');
      return;
    }
    case 'room.declaration_accepted':
    case 'room.identity_checked': {
      const session = state.sessions.find((s) => s.sessionId === draft.data.sessionId);
      if (!session || (session.status !== 'scheduled' && session.status !== 'live')) throw illegal('This happens only for a scheduled or live session.');
      return;
    }
    case 'room.admitted':
      if (liveSession(state)?.sessionId !== draft.data.sessionId) throw illegal('This happens only in the live session.');
      // Attendance at a hearing is evidence for the court: only its judge admits.
      if (liveSession(state)!.kind === 'hearing' && !isRoutedJudge(state, actor)) throw illegal('Only the judge admits to the verification hearing.');
      return;
    case 'room.declined':
    case 'room.removed':
    case 'room.left':
    case 'caucus.started':
    case 'caucus.ended':
    case 'chat.posted':
      if (liveSession(state)?.sessionId !== draft.data.sessionId) throw illegal('This happens only in the live session.');
      return;
    case 'minutes.saved':
      if (draft.data.version !== (state.minutes?.version ?? 0) + 1) throw new AppError('conflict', 'The minutes changed meanwhile; reload them.');
      return;
    case 'minutes.shared':
      if (!state.minutes || state.minutes.version !== draft.data.version) throw illegal('Share the current version of the minutes.');
      return;
    case 'minutes.confirmed': {
      if (!state.minutes?.shared || state.minutes.version !== draft.data.version) throw illegal('Only the current, shared minutes can be confirmed.');
      const party = state.participants.find((p) => p.participantId === draft.data.participantId);
      if (!party) throw new AppError('not_found', 'No such participant.');
      if (actor.kind !== 'resident' || actor.participantId !== draft.data.participantId) throw illegal('Each party confirms the minutes themselves.');
      return;
    }
    case 'case.transferred':
      if (draft.data.fromOrgId !== state.orgId) throw illegal('The case is no longer with that organisation.');
      if (draft.data.toOrgId === state.orgId) throw illegal('The case is already with this organisation.');
      if (!draft.data.reason.trim()) throw illegal('A transfer needs a reason.');
      return;
    case 'guidance.requested':
      if (state.guidance?.some((g) => g.requestId === draft.data.requestId)) throw illegal('This request already exists.');
      if (!draft.data.question.trim()) throw illegal('Write the question.');
      if (actor.kind !== 'account' || state.mediator?.accountId !== actor.accountId || !state.mediator.acceptedAt) throw illegal('The mediator of the case asks for guidance.');
      return;
    case 'guidance.answered': {
      const request = state.guidance?.find((g) => g.requestId === draft.data.requestId);
      if (!request) throw new AppError('not_found', 'No such request for guidance.');
      if (request.answer) throw illegal('This request is already answered.');
      if (!draft.data.answer.trim()) throw illegal('Write the answer.');
      if (actor.kind !== 'account' || actor.accountId !== draft.data.judgeId) throw illegal('Judges answer for themselves.');
      return;
    }
    case 'case.closed': {
      const completed: CaseStatus[] = ['signed', 'failed', 'confirmed', 'rejected'];
      if (!completed.includes(state.status) && draft.data.reason !== 'withdrawn' && !(state.status === 'intake' && draft.data.reason === 'not_accepted')) {
        throw illegal('Only a withdrawn case can be closed before mediation has an outcome.');
      }
      if (liveSession(state)) throw illegal('End the live session first.');
      return;
    }
    // --- Intake: field reports and assisted join ---
    case 'case.photo_added':
      if (actor.kind !== 'account') throw illegal('Staff add photos to a report.');
      if (!/^[0-9a-f]{64}$/.test(draft.data.sha256) || draft.data.size <= 0) throw new AppError('invalid_input', 'A photo is named by the SHA-256 of its bytes.');
      return;
    case 'assistance.started': {
      const invitation = state.invitations.find((i) => i.invitationId === draft.data.invitationId);
      if (!invitation || invitation.revoked || invitation.participantId !== draft.data.participantId) throw illegal('Assistance runs through a live invitation of that participant.');
      if ((state.assistances ?? []).some((a) => a.invitationId === draft.data.invitationId)) throw illegal('This invitation is already an assisted one.');
      if (actor.kind !== 'account' || actor.role !== 'grid_worker' || actor.accountId !== draft.data.assistedBy.accountId) throw illegal('A grid worker starts assistance for themselves.');
      return;
    }
    case 'assistance.ended': {
      const assistance = (state.assistances ?? []).find((a) => a.invitationId === draft.data.invitationId);
      if (!assistance || assistance.endedAt) throw illegal('No assistance under way through this invitation.');
      return;
    }
    // Early warning (#15): the matching records levels on its own account, and only real changes.
    case 'warning.level_changed':
      if (actor.kind !== 'system') throw illegal('Warning levels are set by the matching, not by hand.');
      if (state.warning && state.warning.level === draft.data.level && state.warning.warningId === draft.data.warningId) throw illegal('The level did not change.');
      return;
  }
}

/**
 * An escalation that hands the case over (#14): to a mediator, who must accept it afresh, only
 * before sessions are scheduled; to the judge tier, naming the guiding court.
 */
function assertHandOver(state: CaseState, data: Extract<EventDraft, { type: 'case.escalated' }>['data'], actor: Actor): void {
  if (data.mediatorId !== undefined) {
    if (data.to !== 'mediator') throw illegal('Only an escalation to the mediator tier assigns a mediator.');
    if (state.status !== 'intake' && state.status !== 'accepted') throw illegal('Cancel the scheduled sessions before handing the case to another mediator.');
    if (state.declinedBy.includes(data.mediatorId)) throw illegal('This mediator has declined the case.');
    if (actor.kind === 'account' && actor.accountId === data.mediatorId) throw illegal('Escalate to another mediator.');
    if (!data.mediatorName || !data.acceptBy) throw illegal('Name the mediator and the acceptance deadline.');
  }
  if (data.courtId !== undefined && data.to !== 'judge') throw illegal('Only an escalation to the judge tier names a guiding court.');
}

/** The status after an event; everything else about the case is updated in `applyEvent`. */
function nextStatus(state: CaseState, event: CaseEvent): CaseStatus {
  switch (event.type) {
    case 'case.accepted':
      return 'accepted';
    case 'case.transferred':
      return 'intake';
    case 'case.escalated':
      return event.data.mediatorId ? 'intake' : state.status;
    case 'session.scheduled':
      return state.status === 'accepted' ? 'scheduled' : state.status;
    case 'session.cancelled':
      return state.status === 'scheduled' && !hasScheduled(state, event.data.sessionId) ? 'accepted' : state.status;
    case 'session.started':
      return state.status === 'scheduled' ? 'in_session' : state.status;
    case 'session.ended':
      return state.status === 'in_session' ? (hasScheduled(state) ? 'scheduled' : 'accepted') : state.status;
    case 'agreement.drafting_started':
    case 'agreement.reopened':
      return 'drafting';
    case 'agreement.sent_for_signature':
      return 'signing';
    case 'agreement.signed':
      return 'signed';
    case 'mediation.failed':
      return 'failed';
    case 'confirmation.requested':
      return 'confirmation_requested';
    case 'confirmation.confirmed':
      return 'confirmed';
    case 'confirmation.rejected':
      return 'rejected';
    case 'case.closed':
      return 'closed';
    default:
      return state.status;
  }
}

const replaceSession = (state: CaseState, sessionId: string, status: CaseState['sessions'][number]['status']) =>
  state.sessions.map((session) => (session.sessionId === sessionId ? { ...session, status } : session));

/**
 * Attendance from the room's decisions: an admitted resident attended; the moment the last party is
 * admitted while the others are still in (none removed or gone) is when both sides were present together.
 */
function updateAttendance(state: CaseState, sessionId: string, type: 'room.admitted' | 'room.removed' | 'room.left', memberKey: string, at: string): CaseState['sessions'] {
  if (!memberKey.startsWith('p:')) return state.sessions;
  const participantId = memberKey.slice(2);
  return state.sessions.map((session) => {
    if (session.sessionId !== sessionId) return session;
    const others = session.presentParticipantIds.filter((id) => id !== participantId);
    const present = type === 'room.admitted' ? [...others, participantId] : others;
    const attended = type === 'room.admitted' && !session.attendedParticipantIds.includes(participantId) ? [...session.attendedParticipantIds, participantId] : session.attendedParticipantIds;
    const together = session.partiesTogetherAt ?? (partyIds(state).every((id) => present.includes(id)) ? at : undefined);
    return { ...session, presentParticipantIds: present, attendedParticipantIds: attended, partiesTogetherAt: together };
  });
}

/** Folds one stored event into the state. Trusts the event: it was checked when it was decided. */
export function applyEvent(state: CaseState | undefined, event: CaseEvent): CaseState {
  if (event.type === 'case.opened') {
    return {
      ...event.data,
      caseId: event.caseId,
      status: 'intake',
      openedAt: event.at,
      openedBy: event.actor,
      declinedBy: [],
      participants: [],
      sessions: [],
      invitations: [],
      escalations: [],
      lastSeq: event.seq,
      lastHash: event.hash,
      updatedAt: event.at,
    };
  }
  if (!state) throw new Error(`event ${event.seq} of ${event.caseId} comes before case.opened`);
  let next: CaseState = { ...state, status: nextStatus(state, event), lastSeq: event.seq, lastHash: event.hash, updatedAt: event.at };
  if (isApplicationDraft(event)) next.application = foldApplication(state, event);
  switch (event.type) {
    case 'case.assigned':
      next.mediator = { accountId: event.data.mediatorId, name: event.data.mediatorName, assignedAt: event.at, acceptBy: event.data.acceptBy };
      break;
    case 'case.accepted':
      next.mediator = { ...state.mediator!, acceptedAt: event.at };
      break;
    case 'case.declined':
      next.mediator = undefined;
      next.declinedBy = [...state.declinedBy, event.data.mediatorId];
      break;
    case 'case.escalated':
      next.tier = event.data.to;
      next.escalations = [...state.escalations, { from: event.data.from, to: event.data.to, reason: event.data.reason, at: event.at }];
      if (event.data.mediatorId) next.mediator = { accountId: event.data.mediatorId, name: event.data.mediatorName ?? '', assignedAt: event.at, acceptBy: event.data.acceptBy ?? event.at };
      if (event.data.courtId) next.guidingCourtId = event.data.courtId;
      break;
    // Dispatch and the three tiers (#14)
    case 'case.transferred':
      next.orgId = event.data.toOrgId;
      next.mediator = undefined;
      next.declinedBy = [];
      next.transfers = [...(state.transfers ?? []), { fromOrgId: event.data.fromOrgId, toOrgId: event.data.toOrgId, reason: event.data.reason, at: event.at }];
      break;
    case 'guidance.requested':
      next.guidingCourtId = state.guidingCourtId ?? event.data.courtId;
      next.guidance = [
        ...(state.guidance ?? []),
        { requestId: event.data.requestId, courtId: event.data.courtId, question: event.data.question, askedBy: { accountId: event.actor.kind === 'account' ? event.actor.accountId : '', name: event.actor.kind === 'system' ? '' : event.actor.name }, at: event.at },
      ];
      break;
    case 'guidance.answered':
      next.guidance = (state.guidance ?? []).map((g) =>
        g.requestId === event.data.requestId ? { ...g, answer: { judgeId: event.data.judgeId, judgeName: event.data.judgeName, text: event.data.answer, at: event.at } } : g,
      );
      break;
    case 'participant.added':
      next.participants = [...state.participants, event.data.participant];
      break;
    case 'participant.removed':
      next.participants = state.participants.filter((p) => p.participantId !== event.data.participantId);
      next.invitations = state.invitations.map((i) => (i.participantId === event.data.participantId ? { ...i, revoked: true } : i));
      break;
    case 'invitation.issued':
      next.invitations = [
        ...state.invitations,
        { invitationId: event.data.invitationId, participantId: event.data.participantId, issuedAt: event.at, expiresAt: event.data.expiresAt, revoked: false },
      ];
      break;
    case 'invitation.revoked':
      next.invitations = state.invitations.map((i) => (i.invitationId === event.data.invitationId ? { ...i, revoked: true } : i));
      break;
    case 'session.scheduled':
      next.sessions = [
        ...state.sessions,
        { sessionId: event.data.sessionId, startsAt: event.data.startsAt, roomId: event.data.roomId, kind: event.data.kind ?? 'mediation', status: 'scheduled', attendedParticipantIds: [], presentParticipantIds: [] },
      ];
      break;
    case 'room.admitted':
    case 'room.removed':
    case 'room.left':
      next.sessions = updateAttendance(state, event.data.sessionId, event.type, event.data.memberKey, event.at);
      break;
    case 'caucus.started':
    case 'caucus.ended': {
      const side = event.type === 'caucus.started' ? event.data.side : undefined;
      next.sessions = state.sessions.map((session) => (session.sessionId === event.data.sessionId ? { ...session, caucusSide: side } : session));
      break;
    }
    case 'session.cancelled':
      next.sessions = replaceSession(state, event.data.sessionId, 'cancelled');
      break;
    case 'session.started':
      next.sessions = replaceSession(state, event.data.sessionId, 'live');
      break;
    case 'session.ended':
      next.sessions = replaceSession(state, event.data.sessionId, 'ended');
      break;
    case 'mediation.failed':
      next.failureReason = event.data.reason;
      break;
    case 'confirmation.party_applied':
      next.confirmation = {
        ...(state.confirmation ?? { applications: {} }),
        applications: { ...(state.confirmation?.applications ?? {}), [event.data.participantId]: { at: event.at, electronicDelivery: event.data.electronicDelivery } },
      };
      break;
    case 'confirmation.requested':
      next.courtId = event.data.courtId;
      next.confirmation = { ...(state.confirmation ?? { applications: {} }), requestedAt: event.at };
      break;
    case 'confirmation.routed':
      next.confirmation = { ...state.confirmation!, judgeId: event.data.judgeId, judgeName: event.data.judgeName };
      break;
    case 'confirmation.accepted':
      next.confirmation = { ...state.confirmation!, acceptedAt: event.at };
      break;
    case 'confirmation.extended':
      next.confirmation = { ...state.confirmation!, extended: { reason: event.data.reason, at: event.at } };
      break;
    case 'confirmation.material_requested':
      next.confirmation = { ...state.confirmation!, materialRequests: [...(state.confirmation!.materialRequests ?? []), { requestId: event.data.requestId, message: event.data.message, at: event.at, files: [] }] };
      break;
    case 'confirmation.material_submitted':
      next.confirmation = {
        ...state.confirmation!,
        materialRequests: state.confirmation!.materialRequests!.map((r) =>
          r.requestId === event.data.requestId ? { ...r, files: [...r.files, { ...event.data.file, participantId: event.data.participantId, at: event.at }] } : r,
        ),
      };
      break;
    case 'hearing.held':
      next.confirmation = { ...state.confirmation!, hearing: { at: event.at, presentParticipantIds: event.data.presentParticipantIds, answers: event.data.answers, notes: event.data.notes } };
      break;
    case 'confirmation.confirmed':
      next.confirmation = { ...state.confirmation!, decidedAt: event.at, outcome: 'confirmed', rulingHash: event.data.rulingHash };
      break;
    case 'confirmation.rejected':
      next.confirmation = { ...state.confirmation!, decidedAt: event.at, outcome: 'rejected', rulingHash: event.data.rulingHash, rejection: { reason: event.data.reason, ground: event.data.ground } };
      break;
    case 'case.closed':
      next.closedReason = event.data.reason;
      if (event.data.note) next.closedNote = event.data.note;
      break;
    case 'agreement.draft_saved':
      next.agreement = { comments: [], signatures: [], ...state.agreement, version: event.data.version, draft: upcastStoredDraft(event.data.draft) };
      break;
    case 'agreement.comment_added':
      next.agreement = { ...state.agreement!, comments: [...state.agreement!.comments, { ...event.data, at: event.at }] };
      break;
    case 'agreement.sent_for_signature':
      next.agreement = state.agreement && {
        ...state.agreement,
        frozen: { version: event.data.version ?? state.agreement.version, documentHash: event.data.documentHash, text: event.data.text, sealedText: event.data.sealedText },
        signatures: [],
        countersignature: undefined,
      };
      break;
    case 'agreement.reopened':
      // Any change after signing starts over: every signature of the old version is void.
      next.agreement = state.agreement && {
        ...state.agreement,
        frozen: undefined,
        signatures: [],
        countersignature: undefined,
        voidedSignatures: [
          ...(state.agreement.voidedSignatures ?? []).filter((v) => !state.agreement!.signatures.some((s) => s.participantId === v.participantId)),
          ...state.agreement.signatures.map((s) => ({ participantId: s.participantId, voidedAt: event.at, reason: event.data.reason })),
        ],
      };
      break;
    case 'agreement.signed_by_party':
      next.agreement = {
        ...state.agreement!,
        voidedSignatures: state.agreement!.voidedSignatures?.filter((v) => v.participantId !== event.data.participantId),
        signatures: [...state.agreement!.signatures, { participantId: event.data.participantId, at: event.at, method: event.data.method, signatureImageHash: event.data.signatureImageHash }],
      };
      break;
    case 'agreement.countersigned':
      next.agreement = { ...state.agreement!, countersignature: { mediatorId: event.data.mediatorId, mediatorName: event.data.mediatorName, at: event.at, signatureImageHash: event.data.signatureImageHash } };
      break;
    case 'agreement.signed':
      next.agreement = { ...state.agreement!, effectiveAt: event.at, finalPdfHash: event.data.finalPdfHash };
      break;
    case 'minutes.saved':
      next.minutes = { version: event.data.version, text: event.data.text, shared: state.minutes?.shared ?? false, confirmedBy: {} };
      break;
    case 'minutes.shared':
      next.minutes = { ...state.minutes!, shared: event.data.shared };
      break;
    case 'minutes.confirmed':
      next.minutes = { ...state.minutes!, confirmedBy: { ...state.minutes!.confirmedBy, [event.data.participantId]: event.data.version } };
      break;
    // --- Intake: field reports and assisted join ---
    case 'case.photo_added':
      next.photos = [...(state.photos ?? []), { ...event.data, at: event.at, addedBy: event.actor.kind === 'account' ? event.actor.name : '' }];
      break;
    case 'assistance.started':
      next.assistances = [...(state.assistances ?? []), { invitationId: event.data.invitationId, participantId: event.data.participantId, assistedBy: event.data.assistedBy, startedAt: event.at }];
      break;
    case 'assistance.ended':
      next.assistances = (state.assistances ?? []).map((a) => (a.invitationId === event.data.invitationId ? { ...a, endedAt: event.at } : a));
      break;
    case 'followup.scheduled':
    case 'followup.recorded':
    case 'survey.sent':
    case 'survey.answered':
      next = { ...next, ...applyFollowUpEvent(state, event) };
      break;
    // Early warning (#15)
    case 'warning.level_changed':
      next.warning = { ...event.data, at: event.at };
      break;
    default:
      break;
  }
  return next;
}

/** A case's state is the fold of its events. */
export function foldCase(events: readonly CaseEvent[]): CaseState | undefined {
  return events.reduce<CaseState | undefined>(applyEvent, undefined);
}

export function initialHead(state: CaseState | undefined): { seq: number; hash: string } {
  return state ? { seq: state.lastSeq, hash: state.lastHash } : { seq: 0, hash: GENESIS_HASH };
}

export function isAcceptanceOverdue(state: CaseState, now: Date): boolean {
  return state.status === 'intake' && !!state.mediator && !state.mediator.acceptedAt && now.getTime() > Date.parse(state.mediator.acceptBy);
}

export type { Tier };
