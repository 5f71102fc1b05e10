/** The vocabulary of a case. Pure types; no I/O. */

/** `centre_staff`: the window of a one-stop 矛调中心, who dispatches cases (#14). */
export type AccountRole = 'admin' | 'mediator' | 'grid_worker' | 'judge' | 'centre_staff';

export type Actor =
  | { kind: 'account'; accountId: string; role: AccountRole; name: string }
  | { kind: 'resident'; participantId: string; name: string; assistedBy?: Assistant | undefined }
  | { kind: 'system' };

/** Who helps a resident without a device through the door and signing (帮办代办): a grid worker, on their device. */
export interface Assistant {
  accountId: string;
  name: string;
  role: AccountRole;
}

export const CASE_STATUSES = [
  'intake',
  'accepted',
  'scheduled',
  'in_session',
  'drafting',
  'signing',
  'signed',
  'failed',
  'confirmation_requested',
  'confirmed',
  'rejected',
  'closed',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** How a dispute reached us (DOMAIN.md: a resident, a grid worker, a court's referral, the hotline). */
export type IntakeChannel = 'resident_application' | 'grid_report' | 'court_referral' | 'hotline' | IntakeChannelWarning;
// --- Early warning (#15): the police (警调对接), petitions (信访) and enterprises join the channels ---
export type IntakeChannelWarning = 'police' | 'petition' | 'enterprise';

export const DISPUTE_TYPES = ['neighbour', 'family', 'property_management', 'labour', 'debt', 'land', 'consumer', 'traffic', 'other'] as const;
export type DisputeType = (typeof DISPUTE_TYPES)[number];

/** The three tiers: 小事不出网格 (grid worker), 大事不出村 (mediator), 难事不出乡镇 (guiding judge). */
export const TIERS = ['grid', 'mediator', 'judge'] as const;
export type Tier = (typeof TIERS)[number];

export type PartyRole = 'applicant' | 'respondent' | 'agent';

export interface Participant {
  participantId: string;
  role: PartyRole;
  personKind: 'natural' | 'organization';
  name: string;
  /** For an agent: whom they represent. */
  representing?: string | undefined;
  sex?: 'male' | 'female' | undefined;
  ethnicity?: string | undefined;
  /** Masked in the log; the full number is kept encrypted outside it. */
  idNumberMasked?: string | undefined;
  phoneMasked?: string | undefined;
  /** Organisations: the legal representative. */
  legalRepresentative?: string | undefined;
}

/** A mediation session, run by the mediator; or a verification hearing (司法确认询问), run by the judge. */
export type SessionKind = 'mediation' | 'hearing';

export interface SessionInfo {
  sessionId: string;
  startsAt: string;
  roomId: string;
  kind: SessionKind;
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
  /** Parties and agents the room admitted in this session at any time (attendance, from `room.admitted`). */
  attendedParticipantIds: string[];
  /** Those admitted and not removed or gone since (left, or lost past the grace period). */
  presentParticipantIds: string[];
  /** When every party was first admitted with none removed meanwhile: both sides present together. */
  partiesTogetherAt?: string | undefined;
  /** The side in a private caucus (背对背) now; the other side is held apart. */
  caucusSide?: 'applicant' | 'respondent' | undefined;
}

export interface InvitationInfo {
  invitationId: string;
  participantId: string;
  issuedAt: string;
  expiresAt: string;
  revoked: boolean;
}

export interface MediatorAssignment {
  accountId: string;
  name: string;
  assignedAt: string;
  acceptBy: string;
  acceptedAt?: string | undefined;
}

/** A value encrypted with a key from the key file (AES-256-GCM); `kid` names the key. */
export interface SealedRecord {
  kid?: string | undefined;
  iv: string;
  tag: string;
  data: string;
}

export interface AgreementSignature {
  participantId: string;
  at: string;
  method: 'handwritten' | 'fingerprint';
  signatureImageHash: string;
}

export interface AgreementState {
  version: number;
  draft: import('./agreement.ts').AgreementDraft;
  comments: Array<{ version: number; clause: string; text: string; participantId: string; at: string }>;
  /** The frozen text: sealed (`sealedText`) since key files; older logs hold it in clear (`text`). */
  frozen?: { version: number; documentHash: string; text?: import('./agreement.ts').AgreementText | undefined; sealedText?: SealedRecord | undefined } | undefined;
  signatures: AgreementSignature[];
  /** Who had signed a version that was then reopened: their signatures are void and they must be told. */
  voidedSignatures?: Array<{ participantId: string; voidedAt: string; reason: string }> | undefined;
  countersignature?: { mediatorId: string; mediatorName: string; at: string; signatureImageHash: string } | undefined;
  effectiveAt?: string | undefined;
  finalPdfHash?: string | undefined;
}

export interface ConfirmationState {
  applications: Record<string, { at: string; electronicDelivery: boolean }>;
  requestedAt?: string | undefined;
  judgeId?: string | undefined;
  judgeName?: string | undefined;
  acceptedAt?: string | undefined;
  extended?: { reason: string; at: string } | undefined;
  materialRequests?: Array<{ requestId: string; message: string; at: string; files: Array<{ participantId: string; name: string; mime: string; size: number; sha256: string; at: string }> }> | undefined;
  hearing?: { at: string; presentParticipantIds: string[]; answers: Record<string, Record<string, string>>; notes: string } | undefined;
  decidedAt?: string | undefined;
  outcome?: 'confirmed' | 'rejected' | undefined;
  rulingHash?: string | undefined;
  rejection?: { reason: string; ground?: string | undefined } | undefined;
}

/** 指导: a mediator's question to the guiding court on a case, and a judge's answer. */
export interface GuidanceRequest {
  requestId: string;
  courtId: string;
  question: string;
  askedBy: { accountId: string; name: string };
  at: string;
  answer?: { judgeId: string; judgeName: string; text: string; at: string } | undefined;
}

/** What a case is opened with (the data of `case.opened`), and what its state starts from. */
export interface CaseBasics {
  caseNumber: string;
  channel: IntakeChannel;
  disputeType: DisputeType;
  title: string;
  summary: string;
  areaCode: string;
  grid?: string | undefined;
  orgId: string;
  tier: Tier;
  /** The court that referred the case, or that confirmation is routed to. */
  courtId?: string | undefined;
  /** Early warning (#15): the other system's number for it (12345 工单号, 警情号, 信访件号, grid report id). */
  externalRef?: string | undefined;
}

export interface CaseState extends CaseBasics {
  caseId: string;
  status: CaseStatus;
  openedAt: string;
  openedBy: Actor;
  mediator?: MediatorAssignment | undefined;
  declinedBy: string[];
  participants: Participant[];
  sessions: SessionInfo[];
  invitations: InvitationInfo[];
  escalations: Array<{ from: Tier; to: Tier; reason: string; at: string }>;
  minutes?: { version: number; text: string; shared: boolean; confirmedBy: Record<string, number> } | undefined;
  agreement?: AgreementState | undefined;
  confirmation?: ConfirmationState | undefined;
  failureReason?: string | undefined;
  closedReason?: string | undefined;
  // --- Intake: field reports and assisted join ---
  /** Photos of a field report; the bytes are in the blob store under `sha256`. */
  photos?: Array<{ name: string; mime: string; size: number; sha256: string; at: string; addedBy: string }> | undefined;
  assistances?: Array<{ invitationId: string; participantId: string; assistedBy: Assistant; startedAt: string; endedAt?: string | undefined }> | undefined;
  /** Ledger and follow-up (台账与回访): the closing note, and follow-ups and surveys (absent until the first). */
  closedNote?: string | undefined;
  followUps?: import('./follow-up.ts').FollowUp[] | undefined;
  surveys?: import('./follow-up.ts').SurveyState[] | undefined;
  // Dispatch and the three tiers (#14): the court guiding the mediation, guidance asked of it, transfers.
  guidingCourtId?: string | undefined;
  guidance?: GuidanceRequest[] | undefined;
  transfers?: Array<{ fromOrgId: string; toOrgId: string; reason: string; at: string }> | undefined;
  /** A resident's own application (channel `resident_application`): see domain/application.ts. */
  application?: import('./application.ts').ApplicationState | undefined;
  /** Early warning (#15): the latest level of the dispute this case is a sighting of. */
  warning?: (import('./warning-case.ts').WarningLevelChange & { at: string }) | undefined;
  lastSeq: number;
  lastHash: string;
  updatedAt: string;
}
