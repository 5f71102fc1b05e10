import { AppError } from '../protocol/errors.ts';
import type { CaseEvent, EventDraft } from './case-events.ts';
import type { Actor, CaseState, CaseStatus } from './case-types.ts';

/**
 * 回访 (人民调解法 31): after an agreement takes effect the mediation organisation checks on its
 * performance, and asks the parties whether they were satisfied. Pure rules and fold; no I/O.
 */

export const FOLLOW_UP_METHODS = ['phone', 'visit', 'online'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];
export const PERFORMANCE_OUTCOMES = ['performed', 'partly', 'not_performed'] as const;
export type Performance = (typeof PERFORMANCE_OUTCOMES)[number];
export const SURVEY_ANSWERS = ['satisfied', 'neutral', 'unsatisfied'] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];

export interface FollowUp {
  followUpId: string;
  /** `YYYY-MM-DD`, a calendar day in China. */
  dueDate: string;
  method: FollowUpMethod;
  note?: string | undefined;
  scheduledAt: string;
  recorded?: { performance: Performance; note?: string | undefined; at: string; by: string } | undefined;
}

export interface SurveyState {
  surveyId: string;
  participantId: string;
  sentAt: string;
  expiresAt: string;
  answer?: { value: SurveyAnswer; at: string } | undefined;
}

/**
 * Statuses after an agreement took effect, before the case is filed away: follow-up comes before
 * closing and archiving (DOMAIN.md, the life of a case), so a closed case takes no more of it.
 */
export const AFTER_AGREEMENT: readonly CaseStatus[] = ['signed', 'confirmation_requested', 'confirmed', 'rejected'];

const illegal = (message: string) => new AppError('illegal_transition', message);

type FollowUpDraft = Extract<EventDraft, { type: 'followup.scheduled' | 'followup.recorded' | 'survey.sent' | 'survey.answered' }>;

export function isFollowUpDraft(draft: EventDraft): draft is FollowUpDraft {
  return draft.type === 'followup.scheduled' || draft.type === 'followup.recorded' || draft.type === 'survey.sent' || draft.type === 'survey.answered';
}

export function pendingFollowUp(state: CaseState): FollowUp | undefined {
  return state.followUps?.find((f) => !f.recorded);
}

/** The latest recorded outcome of performance, if any follow-up was recorded. */
export function latestPerformance(state: CaseState): Performance | undefined {
  const recorded = (state.followUps ?? []).filter((f) => f.recorded).sort((a, b) => a.recorded!.at.localeCompare(b.recorded!.at));
  return recorded.at(-1)?.recorded?.performance;
}

/** A follow-up is due on its day and after, until it is recorded. `today` is a China calendar day. */
export function dueFollowUp(state: CaseState, today: string): FollowUp | undefined {
  const pending = pendingFollowUp(state);
  return pending && pending.dueDate <= today ? pending : undefined;
}

/** Checks one follow-up decision against the case; throws `illegal_transition` naming the rule. */
export function assertFollowUpAllowed(state: CaseState, draft: FollowUpDraft, actor: Actor): void {
  if (!state.agreement?.effectiveAt) throw illegal('Follow-up is for cases whose agreement took effect.');
  switch (draft.type) {
    case 'followup.scheduled':
      if (pendingFollowUp(state)) throw illegal('A follow-up is already planned; record it first.');
      if (state.followUps?.some((f) => f.followUpId === draft.data.followUpId)) throw illegal('This follow-up exists.');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.data.dueDate) || Number.isNaN(Date.parse(draft.data.dueDate))) throw illegal('A follow-up needs a due date.');
      return;
    case 'followup.recorded': {
      const followUp = state.followUps?.find((f) => f.followUpId === draft.data.followUpId);
      if (!followUp) throw new AppError('not_found', 'No such follow-up.');
      if (followUp.recorded) throw illegal('This follow-up is already recorded.');
      if (draft.data.performance !== 'performed' && !draft.data.note?.trim()) throw illegal('Say what was not performed.');
      return;
    }
    case 'survey.sent': {
      const party = state.participants.find((p) => p.participantId === draft.data.participantId);
      if (!party || party.role === 'agent') throw illegal('The survey goes to a party of the case.');
      if (answerOf(state, draft.data.participantId)) throw illegal('This party has already answered the survey.');
      return;
    }
    case 'survey.answered': {
      if (actor.kind !== 'resident' || actor.participantId !== draft.data.participantId) throw illegal('Each party answers the survey themselves.');
      const survey = state.surveys?.find((s) => s.surveyId === draft.data.surveyId);
      if (!survey || survey.participantId !== draft.data.participantId) throw new AppError('not_found', 'No such survey.');
      // One answer per party, kept as given: a second tap (or another link) cannot change it.
      if (answerOf(state, draft.data.participantId)) throw illegal('This party has already answered the survey.');
      return;
    }
  }
}

/** The party's answer, whichever of their links they used. */
export function answerOf(state: CaseState, participantId: string): SurveyAnswer | undefined {
  return state.surveys?.find((s) => s.participantId === participantId && s.answer)?.answer?.value;
}

type FollowUpEvent = Extract<CaseEvent, { type: FollowUpDraft['type'] }>;

/** Folds one follow-up event into the state (already checked). */
export function applyFollowUpEvent(state: CaseState, event: FollowUpEvent): Pick<CaseState, 'followUps' | 'surveys'> {
  const followUps = state.followUps ?? [];
  const surveys = state.surveys ?? [];
  switch (event.type) {
    case 'followup.scheduled':
      return { followUps: [...followUps, { followUpId: event.data.followUpId, dueDate: event.data.dueDate, method: event.data.method, note: event.data.note, scheduledAt: event.at }], surveys: state.surveys };
    case 'followup.recorded': {
      const by = event.actor.kind === 'account' ? event.actor.name : '';
      const recorded = { performance: event.data.performance, note: event.data.note, at: event.at, by };
      return { followUps: followUps.map((f) => (f.followUpId === event.data.followUpId ? { ...f, recorded } : f)), surveys: state.surveys };
    }
    case 'survey.sent':
      return { followUps: state.followUps, surveys: [...surveys, { surveyId: event.data.surveyId, participantId: event.data.participantId, sentAt: event.at, expiresAt: event.data.expiresAt }] };
    case 'survey.answered':
      return { followUps: state.followUps, surveys: surveys.map((s) => (s.surveyId === event.data.surveyId ? { ...s, answer: { value: event.data.answer, at: event.at } } : s)) };
  }
}
