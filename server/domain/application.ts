/**
 * Resident self-application (在线调解规则 5, 8, 10, 15, 17): a resident applies online, the
 * organisation takes it up (受理) or not (不予受理), the respondent is asked and agrees or refuses
 * (人民调解法 17: a party who refuses is not mediated). Pure: the rules, the fold and the progress
 * the applicant sees. The case machine calls in here for the `application.*` events.
 */
import { AppError } from '../protocol/errors.ts';
import type { CaseEvent, EventDraft } from './case-events.ts';
import type { Actor, CaseState } from './case-types.ts';

/** 代为申请: who may apply for an elder (the elder stays the party; the helper is their agent). */
export const AGENT_RELATIONSHIPS = ['spouse', 'child', 'grandchild', 'sibling', 'other_relative'] as const;
export type AgentRelationship = (typeof AGENT_RELATIONSHIPS)[number];

export interface ApplicationSubmitted {
  applicantId: string;
  respondentId: string;
  /** Present when a family member applied on the party's behalf. */
  agent?: { participantId: string; relationship: AgentRelationship } | undefined;
  /** The submitter's mobile was proven with an SMS code before the case was opened. */
  phoneVerified: true;
  /** 送达地址确认书: the address and phone (and e-mail if given) are confirmed for service; electronic service consented or not. */
  delivery: { addressConfirmed: true; electronicDelivery: boolean; emailGiven: boolean };
  /** Consent to mediation online (在线调解规则 5). */
  onlineMediationConsent: true;
  /** Chosen from the public directory; the case goes to them once the respondent agrees. */
  chosenMediator?: { accountId: string; name: string } | undefined;
}

export type ApplicationStage = 'submitted' | 'accepted' | 'not_accepted' | 'respondent_contacted' | 'respondent_agreed' | 'respondent_refused';

export interface ApplicationState extends ApplicationSubmitted {
  stage: ApplicationStage;
  submittedAt: string;
  acceptedAt?: string | undefined;
  notAccepted?: { reason: string; at: string } | undefined;
  /** The latest time the respondent was sent the link, and how many times. */
  contactedAt?: string | undefined;
  contactCount: number;
  answeredAt?: string | undefined;
  refusalReason?: string | undefined;
}

export type ApplicationDraft = Extract<EventDraft, { type: `application.${string}` }>;
type ApplicationEvent = Extract<CaseEvent, { type: `application.${string}` }>;

export function isApplicationDraft(draft: EventDraft): draft is ApplicationDraft {
  return draft.type.startsWith('application.');
}

function illegal(message: string): AppError {
  return new AppError('illegal_transition', message);
}

// 一窗受理: the centre's window decides as well as the organisation's mediators and admins.
const isDecider = (actor: Actor) => actor.kind === 'account' && (actor.role === 'admin' || actor.role === 'mediator' || actor.role === 'centre_staff');

/** Checks one application event against the case; throws `illegal_transition` naming the rule. */
export function assertApplicationAllowed(state: CaseState, draft: ApplicationDraft, actor: Actor): void {
  const application = state.application;
  switch (draft.type) {
    case 'application.submitted': {
      // The service opens the case (channel `resident_application`) in the same batch.
      if (application) throw illegal('This case already has its application.');
      const party = (id: string) => state.participants.find((p) => p.participantId === id);
      if (party(draft.data.applicantId)?.role !== 'applicant') throw illegal('The application names its applicant.');
      if (party(draft.data.respondentId)?.role !== 'respondent') throw illegal('The application names its respondent.');
      const agent = draft.data.agent && party(draft.data.agent.participantId);
      if (draft.data.agent && (agent?.role !== 'agent' || agent.representing !== draft.data.applicantId)) throw illegal('A family helper applies as the applicant’s agent.');
      if (actor.kind !== 'resident') throw illegal('Residents apply for themselves or a family member.');
      return;
    }
    case 'application.accepted':
    case 'application.not_accepted':
      if (!application) throw illegal('This case has no application.');
      if (application.stage !== 'submitted') throw illegal('The application has already been decided.');
      if (!isDecider(actor)) throw illegal('A mediator or an administrator of the organisation, or the centre’s window, decides on an application.');
      if (draft.type === 'application.not_accepted' && !draft.data.reason.trim()) throw illegal('Tell the applicant why the application is not accepted.');
      return;
    case 'application.respondent_contacted':
      if (!application) throw illegal('This case has no application.');
      if (application.stage !== 'accepted' && application.stage !== 'respondent_contacted') throw illegal('The respondent is contacted once the application is accepted and until they answer.');
      if (draft.data.participantId !== application.respondentId) throw illegal('Only the respondent is asked to agree.');
      return;
    case 'application.respondent_agreed':
    case 'application.respondent_refused':
      if (application?.stage !== 'respondent_contacted') throw illegal('The respondent answers once they have been asked, and only once.');
      if (draft.data.participantId !== application.respondentId) throw illegal('Only the respondent answers.');
      if (actor.kind !== 'resident' || actor.participantId !== application.respondentId) throw illegal('The respondent answers for themselves.');
      return;
  }
}

/**
 * The rest of the case waits for the application: a mediator takes a resident's application up
 * (case.accepted) only once the respondent agreed, since a party who refuses is not mediated (人民调解法 17).
 */
export function assertApplicationGate(state: CaseState, draft: EventDraft): void {
  if (draft.type === 'case.accepted' && state.application && state.application.stage !== 'respondent_agreed') {
    throw illegal('The respondent has not agreed to mediation yet (人民调解法 17).');
  }
}

/** Folds one application event into the case's application. */
export function foldApplication(state: CaseState, event: ApplicationEvent): ApplicationState | undefined {
  const current = state.application;
  switch (event.type) {
    case 'application.submitted':
      return { ...event.data, stage: 'submitted', submittedAt: event.at, contactCount: 0 };
    case 'application.accepted':
      return current && { ...current, stage: 'accepted', acceptedAt: event.at };
    case 'application.not_accepted':
      return current && { ...current, stage: 'not_accepted', notAccepted: { reason: event.data.reason, at: event.at } };
    case 'application.respondent_contacted':
      return current && { ...current, stage: 'respondent_contacted', contactedAt: event.at, contactCount: current.contactCount + 1 };
    case 'application.respondent_agreed':
      return current && { ...current, stage: 'respondent_agreed', answeredAt: event.at };
    case 'application.respondent_refused':
      return current && { ...current, stage: 'respondent_refused', answeredAt: event.at, refusalReason: event.data.reason };
  }
}

/** The steps the applicant's status page shows: 已提交 → 已受理/不予受理 → 已联系对方 → 已排期 → 调解中 → 结案. */
export const APPLICATION_STEPS = ['submitted', 'accepted', 'respondent_contacted', 'scheduled', 'in_mediation', 'closed'] as const;
export type ApplicationStepKey = (typeof APPLICATION_STEPS)[number];
/** `refused`: the step ended the case (不予受理, or the respondent refused); `skipped`: the case closed before it. */
export type StepStatus = 'done' | 'current' | 'pending' | 'refused' | 'skipped';

export interface ApplicationProgress {
  steps: Array<{ key: ApplicationStepKey; status: StepStatus; at?: string | undefined }>;
  notAcceptedReason?: string | undefined;
  respondentRefused: boolean;
  respondentAgreed: boolean;
}

const MEDIATED = ['in_session', 'drafting', 'signing', 'signed', 'failed', 'confirmation_requested', 'confirmed', 'rejected'];

/** Where an application stands, derived from the case alone. */
export function applicationProgress(state: CaseState): ApplicationProgress {
  const application = state.application;
  const sessions = state.sessions.filter((s) => s.kind === 'mediation');
  const firstScheduled = sessions.map((s) => s.startsAt).sort()[0];
  // Mediation happened if a session ran, or the mediator recorded an outcome (a failure can be recorded without a session in the room).
  const mediating = MEDIATED.includes(state.status) || sessions.some((s) => s.status === 'live' || s.status === 'ended') || !!state.failureReason || !!state.agreement;
  const closed = state.status === 'closed';
  const refusedAt: Partial<Record<ApplicationStepKey, string | undefined>> = {
    ...(application?.notAccepted ? { accepted: application.notAccepted.at } : {}),
    ...(application?.stage === 'respondent_refused' ? { respondent_contacted: application.answeredAt } : {}),
  };
  const reached: Record<ApplicationStepKey, { done: boolean; at?: string | undefined }> = {
    submitted: { done: !!application, at: application?.submittedAt },
    accepted: { done: !!application?.acceptedAt, at: application?.acceptedAt },
    // Contacting asks the respondent; the step is complete when they agreed.
    respondent_contacted: { done: application?.stage === 'respondent_agreed' || (!!application?.contactedAt && mediating), at: application?.contactedAt },
    scheduled: { done: sessions.length > 0, at: firstScheduled },
    in_mediation: { done: mediating },
    closed: { done: closed, at: closed ? state.updatedAt : undefined },
  };
  let blocked = false;
  let currentGiven = false;
  // A step passed over (an outcome recorded with no session ever scheduled) is not waiting either.
  const lastDone = Math.max(...APPLICATION_STEPS.map((key, index) => (reached[key].done ? index : -1)));
  const steps = APPLICATION_STEPS.map((key, index) => {
    const step = reached[key];
    if (key === 'closed') return { key, status: step.done ? ('done' as const) : currentGiven ? ('pending' as const) : ('current' as const), at: step.at };
    if (key in refusedAt) {
      blocked = true;
      return { key, status: 'refused' as const, at: refusedAt[key] };
    }
    if (step.done) return { key, status: 'done' as const, at: step.at };
    // Steps the case closed before reaching are not waiting any more.
    if (blocked || closed || index < lastDone) return { key, status: 'skipped' as const };
    if (currentGiven) return { key, status: 'pending' as const };
    currentGiven = true;
    return { key, status: 'current' as const, at: step.at };
  });
  return {
    steps,
    notAcceptedReason: application?.notAccepted?.reason,
    respondentRefused: application?.stage === 'respondent_refused',
    respondentAgreed: application?.stage === 'respondent_agreed' || (!!application?.contactedAt && mediating),
  };
}
