import { Router } from 'express';
import { AnswerSurveyRequestSchema, OpenSurveyRequestSchema, RecordFollowUpRequestSchema, ScheduleFollowUpRequestSchema, SendSurveyRequestSchema } from '../../protocol/follow-up.ts';
import type { FollowUpService } from '../../services/follow-up-service.ts';
import { handle } from '../handler.ts';

/** 回访: the mediator's follow-up on performance and survey links; the party's one-tap survey (the link's token is the credential). */
export function followUpRoutes(followUps: FollowUpService): Router {
  const router = Router();
  router.get('/cases/:caseId/follow-up', handle({}, ({ principal, params }) => followUps.view(principal, params.caseId!)));
  router.post('/cases/:caseId/follow-ups', handle({ body: ScheduleFollowUpRequestSchema, status: 201 }, ({ principal, params, body }) => followUps.schedule(principal, params.caseId!, body)));
  router.post(
    '/cases/:caseId/follow-ups/:followUpId/record',
    handle({ body: RecordFollowUpRequestSchema }, ({ principal, params, body }) => followUps.record(principal, params.caseId!, params.followUpId!, body)),
  );
  router.post('/cases/:caseId/surveys', handle({ body: SendSurveyRequestSchema, status: 201 }, ({ principal, params, body }) => followUps.sendSurvey(principal, params.caseId!, body)));
  router.post('/surveys/open', handle({ body: OpenSurveyRequestSchema }, ({ body }) => followUps.openSurvey(body.token)));
  router.post('/surveys/answer', handle({ body: AnswerSurveyRequestSchema }, ({ body }) => followUps.answerSurvey(body.token, body.answer)));
  return router;
}
