import { z } from 'zod';

/** A calendar day in China, `YYYY-MM-DD`. */
export const CalendarDaySchema = z.iso.date();

export const FollowUpMethodSchema = z.enum(['phone', 'visit', 'online']);
export const PerformanceSchema = z.enum(['performed', 'partly', 'not_performed']);
export const SurveyAnswerSchema = z.enum(['satisfied', 'neutral', 'unsatisfied']);

/** POST /api/cases/:caseId/follow-ups: the mediator plans a follow-up (回访) on performance. */
export const ScheduleFollowUpRequestSchema = z.object({ dueDate: CalendarDaySchema, method: FollowUpMethodSchema, note: z.string().trim().max(500).optional() });
export type ScheduleFollowUpRequest = z.infer<typeof ScheduleFollowUpRequestSchema>;

/** POST /api/cases/:caseId/follow-ups/:followUpId/record: what the follow-up found. */
export const RecordFollowUpRequestSchema = z.object({ performance: PerformanceSchema, note: z.string().trim().max(500).optional() });
export type RecordFollowUpRequest = z.infer<typeof RecordFollowUpRequestSchema>;

/** POST /api/cases/:caseId/surveys: a one-tap satisfaction survey link for one party. */
export const SendSurveyRequestSchema = z.object({ participantId: z.string().min(1).max(64), validDays: z.number().int().min(1).max(90).default(30) });
export type SendSurveyRequest = z.infer<typeof SendSurveyRequestSchema>;

export const SurveyLinkSchema = z.object({ surveyId: z.string(), participantId: z.string(), expiresAt: z.string(), url: z.string(), qrSvg: z.string() });
export type SurveyLink = z.infer<typeof SurveyLinkSchema>;

/** The survey link's token travels in the body (it came from the URL fragment), never in a URL the server logs. */
const SurveyTokenSchema = z.string().min(20).max(200).regex(/^[A-Za-z0-9_-]+$/);
export const OpenSurveyRequestSchema = z.object({ token: SurveyTokenSchema });
export const AnswerSurveyRequestSchema = z.object({ token: SurveyTokenSchema, answer: SurveyAnswerSchema });

/** What the resident's survey page shows: little, since the link alone opens it. */
export const SurveyViewSchema = z.object({
  caseNumber: z.string(),
  orgName: z.string(),
  participantName: z.string(),
  answer: SurveyAnswerSchema.optional(),
  /** The case was filed away: follow-up is over, nothing more is asked. */
  closed: z.boolean(),
});
export type SurveyView = z.infer<typeof SurveyViewSchema>;

/** The follow-up part of a case, for its mediator's follow-up page. */
export const FollowUpCaseViewSchema = z.object({
  caseId: z.string(),
  caseNumber: z.string(),
  title: z.string(),
  status: z.string(),
  agreementEffectiveAt: z.string().optional(),
  canManage: z.boolean(),
  followUps: z.array(
    z.object({
      followUpId: z.string(),
      dueDate: z.string(),
      method: FollowUpMethodSchema,
      note: z.string().optional(),
      due: z.boolean(),
      recorded: z.object({ performance: PerformanceSchema, note: z.string().optional(), at: z.string(), by: z.string() }).optional(),
    }),
  ),
  parties: z.array(z.object({ participantId: z.string(), name: z.string(), role: z.string(), surveySent: z.boolean(), answer: SurveyAnswerSchema.optional() })),
});
export type FollowUpCaseView = z.infer<typeof FollowUpCaseViewSchema>;
