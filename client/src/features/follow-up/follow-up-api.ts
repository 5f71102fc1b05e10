import {
  AnswerSurveyRequestSchema,
  RecordFollowUpRequestSchema,
  ScheduleFollowUpRequestSchema,
  SendSurveyRequestSchema,
  type FollowUpCaseView,
  type RecordFollowUpRequest,
  type ScheduleFollowUpRequest,
  type SurveyLink,
  type SurveyView,
} from '@protocol';
import { requestJson } from '../../api/http.ts';
import { staffRequest } from '../../api/staff-client.ts';
import { validateRequest } from '../../api/validate.ts';

export type { FollowUpCaseView, SurveyLink, SurveyView } from '@protocol';

const base = (caseId: string) => `/cases/${encodeURIComponent(caseId)}`;

export const followUpApi = {
  view: (caseId: string) => staffRequest<FollowUpCaseView>('GET', `${base(caseId)}/follow-up`),
  schedule: (caseId: string, request: ScheduleFollowUpRequest) => staffRequest<FollowUpCaseView>('POST', `${base(caseId)}/follow-ups`, validateRequest(ScheduleFollowUpRequestSchema, request)),
  record: (caseId: string, followUpId: string, request: RecordFollowUpRequest) =>
    staffRequest<FollowUpCaseView>('POST', `${base(caseId)}/follow-ups/${encodeURIComponent(followUpId)}/record`, validateRequest(RecordFollowUpRequestSchema, request)),
  sendSurvey: (caseId: string, participantId: string) => staffRequest<SurveyLink>('POST', `${base(caseId)}/surveys`, validateRequest(SendSurveyRequestSchema, { participantId })),
};

/** The resident's side: the link's token is the only credential, sent in the body. */
export const surveyApi = {
  open: (token: string) => requestJson<SurveyView>('POST', '/surveys/open', { body: { token } }),
  answer: (token: string, answer: SurveyView['answer'] & string) => requestJson<SurveyView>('POST', '/surveys/answer', { body: validateRequest(AnswerSurveyRequestSchema, { token, answer }) }),
};
