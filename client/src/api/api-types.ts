/**
 * Response shapes of the HTTP API. The protocol module describes requests (zod) but not yet the
 * case views, so these come from the domain types the server's views are built from
 * (server/http/case-views.ts): both ends still compile against one definition. The domain
 * modules imported here are pure (no Node APIs at runtime), so the bundle can take their constants.
 */
import type { CaseState, SessionKind } from '../../../server/domain/case-types.ts';

export type {
  AccountRole,
  Actor,
  CaseState,
  CaseStatus,
  DisputeType,
  IntakeChannel,
  InvitationInfo,
  Participant,
  PartyRole,
  SessionInfo,
  SessionKind,
  Tier,
} from '../../../server/domain/case-types.ts';
export { CASE_STATUSES, DISPUTE_TYPES, TIERS } from '../../../server/domain/case-types.ts';
export type { CaseEvent, CaseEventType } from '../../../server/domain/case-events.ts';
export { CASE_EVENT_TYPES } from '../../../server/domain/case-events.ts';
export type { ChainVerdict } from '../../../server/domain/case-log.ts';

/** GET /api/cases and /api/cases/:id: the whole state plus flags computed at request time. */
export type StaffCaseView = CaseState & { acceptanceOverdue: boolean };

export interface Organisation {
  orgId: string;
  name: string;
  areaCodes: string[];
}

export interface ResidentSessionView {
  sessionId: string;
  startsAt: string;
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
  /** A mediation session, or the court's verification hearing. */
  kind: SessionKind;
}

/** GET /api/resident/case: only what the resident may see of their case. */
export interface ResidentCaseView {
  caseId: string;
  caseNumber: string;
  title: string;
  status: CaseState['status'];
  /** Present once a mediator has accepted the case. */
  mediatorName?: string;
  me?: { participantId: string; name: string; role: 'applicant' | 'respondent' | 'agent' };
  sessions: ResidentSessionView[];
  /** When the signed agreement took effect: the 30 days for judicial confirmation run from here. */
  agreementEffectiveAt?: string;
  /** Judicial confirmation as this party sees it. */
  confirmation?: { appliedByMe: boolean; requestedAt?: string; acceptedAt?: string; outcome?: 'confirmed' | 'rejected'; decidedAt?: string };
}

export interface RedeemResponse {
  residentToken: string;
  expiresAt: string;
  case: ResidentCaseView;
}
