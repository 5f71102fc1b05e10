import type { WarningLevelChange } from './warning-case.ts';
import type { AgreementText, SignatureMethod, StoredAgreementDraft } from './agreement.ts';
import type { Actor, Assistant, CaseBasics, Participant, SealedRecord, SessionKind, Tier } from './case-types.ts';
import type { FollowUpMethod, Performance, SurveyAnswer } from './follow-up.ts';
import type { ApplicationSubmitted } from './application.ts';

/** Data of each kind of case event. Adding a kind here makes the fold and the transition table demand it. */
export interface CaseEventData {
  'case.opened': CaseBasics;
  'case.assigned': { mediatorId: string; mediatorName: string; acceptBy: string };
  'case.accepted': { mediatorId: string; noConflictDeclared: true };
  'case.declined': { mediatorId: string; reason: 'conflict_of_interest' | 'workload' | 'other'; note?: string | undefined };
  /**
   * 提级 to a higher tier. Since #14 it also names who takes it there: a mediator assigned (who must
   * accept), or the guiding court whose judges list it. Older events carry neither.
   */
  'case.escalated': { from: Tier; to: Tier; reason: string; mediatorId?: string | undefined; mediatorName?: string | undefined; acceptBy?: string | undefined; courtId?: string | undefined };
  'participant.added': { participant: Participant };
  'participant.removed': { participantId: string };
  'invitation.issued': { invitationId: string; participantId: string; expiresAt: string };
  'invitation.revoked': { invitationId: string };
  /** `kind` is absent on sessions recorded before hearings existed: those are mediation sessions. */
  'session.scheduled': { sessionId: string; startsAt: string; roomId: string; kind?: SessionKind | undefined };
  'session.cancelled': { sessionId: string };
  'session.started': { sessionId: string };
  'session.ended': { sessionId: string };
  'agreement.drafting_started': Record<string, never>;
  /** Drafts saved before amounts were fen carry `amountYuan`: the fold reads them through `upcastStoredDraft`. */
  'agreement.draft_saved': { version: number; draft: StoredAgreementDraft };
  'agreement.comment_added': { version: number; clause: string; text: string; participantId: string };
  /** Freezes one version: its text is kept here, and its hash is what every signature covers. */
  'agreement.sent_for_signature': { documentHash: string; version?: number | undefined; text?: AgreementText | undefined; sealedText?: SealedRecord | undefined };
  'agreement.reopened': { reason: string };
  'agreement.signed_by_party': { participantId: string; documentHash: string; method: SignatureMethod; signatureImageHash: string; ip: string; userAgent: string };
  'agreement.countersigned': { mediatorId: string; mediatorName: string; documentHash: string; signatureImageHash: string; ip: string; userAgent: string };
  /** The agreement takes effect (the last signature and the seal): the 30-day window for judicial confirmation starts. */
  'agreement.signed': { documentHash: string; finalPdfHash?: string | undefined };
  /** 电子送达: a copy reached its recipient. */
  'document.delivered': { document: 'agreement' | 'failure_notice' | 'ruling'; recipient: string; documentHash: string; ip: string };
  'mediation.failed': { reason: string };
  /** One party joins the joint application (民诉解释 351), consenting to electronic delivery or asking for paper. */
  'confirmation.party_applied': { participantId: string; electronicDelivery: boolean; subject: { personalStatus: boolean; ownershipConfirmation: boolean } };
  'confirmation.requested': { courtId: string };
  /** The application reaches a judge of the court (by least open applications, or reassigned by an admin). */
  'confirmation.routed': { courtId: string; judgeId: string; judgeName: string };
  'confirmation.accepted': Record<string, never>;
  /** The judge asks the parties for more material (evidence photos, documents). */
  'confirmation.material_requested': { requestId: string; message: string };
  /** A party sends a file for a request; the file itself is kept by its SHA-256. */
  'confirmation.material_submitted': { requestId: string; participantId: string; file: { name: string; mime: string; size: number; sha256: string } };
  'confirmation.extended': { reason: string };
  /** The verification hearing, both parties present (as the room admitted them), with each party's answers to the script. */
  'hearing.held': { sessionId?: string | undefined; presentParticipantIds: string[]; answers: Record<string, Record<string, string>>; notes: string };
  'confirmation.confirmed': { rulingHash: string };
  'confirmation.rejected': { reason: string; ground?: 'violates_law' | 'harms_interests' | 'public_order' | 'not_voluntary' | 'unclear' | 'other' | undefined; rulingHash?: string | undefined };
  'case.closed': { reason: 'withdrawn' | 'completed' | 'failed' | 'confirmed' | 'rejected' | 'not_accepted'; note?: string | undefined };
  'room.declaration_accepted': { sessionId: string; participantId: string; recordingConsent: boolean };
  'room.identity_checked': { sessionId: string; participantId: string; outcome: 'verified' | 'pending_mediator' | 'confirmed_by_mediator' };
  'room.admitted': { sessionId: string; memberKey: string; name: string };
  'room.declined': { sessionId: string; memberKey: string };
  'room.removed': { sessionId: string; memberKey: string };
  /** An admitted resident is gone: left on purpose, or their connection stayed lost past the grace period. */
  'room.left': { sessionId: string; memberKey: string; reason: 'left' | 'connection_lost' };
  'caucus.started': { sessionId: string; side: 'applicant' | 'respondent' };
  'caucus.ended': { sessionId: string };
  /** `audience` records who could read it: everyone, or one caucus. */
  'chat.posted': { sessionId: string; memberKey: string; name: string; text: string; audience: 'all' | 'caucus' | 'excluded'; caucusSide?: 'applicant' | 'respondent' | undefined };
  'minutes.saved': { version: number; text: string };
  'minutes.shared': { version: number; shared: boolean };
  'minutes.confirmed': { participantId: string; version: number };
  // --- Intake: grid worker field reports and assisted join (帮办代办), issue #14 items 1 and 7 ---
  /** A photo from the field, checked by its bytes and kept sealed in the blob store under its SHA-256. */
  'case.photo_added': { name: string; mime: string; size: number; sha256: string };
  /** A staff device acts for a resident without one; what is done through `invitationId` is theirs, assisted (the actor says by whom). */
  'assistance.started': { participantId: string; invitationId: string; assistedBy: Assistant };
  'assistance.ended': { invitationId: string };
  // --- Ledger and follow-up (台账与回访, issue #14 items 5-6) ---
  /** 回访 (人民调解法 31): the mediator plans a check on how the agreement is performed; `dueDate` is a China calendar day. */
  'followup.scheduled': { followUpId: string; dueDate: string; method: FollowUpMethod; note?: string | undefined };
  /** What the follow-up found: performed, partly, or not performed (a note says what is missing). */
  'followup.recorded': { followUpId: string; performance: Performance; note?: string | undefined };
  /** A one-tap satisfaction survey link was issued to a party; the link itself is kept (digested) outside the log. */
  'survey.sent': { surveyId: string; participantId: string; expiresAt: string };
  /** A party's answer: one per party, never replaced. */
  'survey.answered': { surveyId: string; participantId: string; answer: SurveyAnswer };
  // ── Dispatch and the three tiers (#14 items 3, 4) ──
  /** 转办/提级 to another organisation: the assignment is cleared and the case waits for dispatch there. */
  'case.transferred': { fromOrgId: string; toOrgId: string; reason: string };
  /** 指导: the mediator asks the guiding court a question on the case. */
  'guidance.requested': { requestId: string; courtId: string; question: string };
  'guidance.answered': { requestId: string; judgeId: string; judgeName: string; answer: string };
  // --- Resident self-application (在线调解规则 5, 8, 10, 15, 17; issue #14 item 2): see domain/application.ts. ---
  /** A resident applied online with a verified phone; the parties (and a family agent) are added with it. */
  'application.submitted': ApplicationSubmitted;
  /** 受理: the organisation takes the application up. */
  'application.accepted': Record<string, never>;
  /** 不予受理, with the reason told to the applicant; the case closes with it. */
  'application.not_accepted': { reason: string };
  /** 已联系对方: the respondent was sent a link asking whether they agree to mediation. */
  'application.respondent_contacted': { participantId: string; channel: 'sms'; phoneMasked: string };
  'application.respondent_agreed': { participantId: string };
  /** 人民调解法 17: a party who refuses is not mediated; the case closes with this record. */
  'application.respondent_refused': { participantId: string; reason?: string | undefined };
  // ── Early warning of repeated disputes (#15) ──
  /** The dispute this case belongs to changed level; only case ids, counts, channels and reasons: never a key or a name. */
  'warning.level_changed': WarningLevelChange;
}

export type CaseEventType = keyof CaseEventData;

export type EventDraft = { [T in CaseEventType]: { type: T; data: CaseEventData[T] } }[CaseEventType];

/** One link of a case's hash chain, as stored. */
export type CaseEvent = EventDraft & {
  caseId: string;
  seq: number;
  actor: Actor;
  at: string;
  prevHash: string;
  hash: string;
};

export const CASE_EVENT_TYPES = [
  'case.opened',
  'case.assigned',
  'case.accepted',
  'case.declined',
  'case.escalated',
  'participant.added',
  'participant.removed',
  'invitation.issued',
  'invitation.revoked',
  'session.scheduled',
  'session.cancelled',
  'session.started',
  'session.ended',
  'agreement.drafting_started',
  'agreement.draft_saved',
  'agreement.comment_added',
  'agreement.sent_for_signature',
  'agreement.reopened',
  'agreement.signed_by_party',
  'agreement.countersigned',
  'agreement.signed',
  'document.delivered',
  'mediation.failed',
  'confirmation.party_applied',
  'confirmation.requested',
  'confirmation.routed',
  'confirmation.accepted',
  'confirmation.material_requested',
  'confirmation.material_submitted',
  'confirmation.extended',
  'hearing.held',
  'confirmation.confirmed',
  'confirmation.rejected',
  'case.closed',
  'room.declaration_accepted',
  'room.identity_checked',
  'room.admitted',
  'room.declined',
  'room.removed',
  'room.left',
  'caucus.started',
  'caucus.ended',
  'chat.posted',
  'minutes.saved',
  'minutes.shared',
  'minutes.confirmed',
  // --- Intake: field reports and assisted join ---
  'case.photo_added',
  'assistance.started',
  'assistance.ended',
  // Ledger and follow-up (台账与回访)
  'followup.scheduled',
  'followup.recorded',
  'survey.sent',
  'survey.answered',
  // Dispatch and the three tiers (#14)
  'case.transferred',
  'guidance.requested',
  'guidance.answered',
  // Resident self-application (申请人自行申请, issue #14 item 2): see domain/application.ts.
  'application.submitted',
  'application.accepted',
  'application.not_accepted',
  'application.respondent_contacted',
  'application.respondent_agreed',
  'application.respondent_refused',
  // Early warning of repeated disputes (#15)
  'warning.level_changed',
] as const satisfies readonly CaseEventType[];
