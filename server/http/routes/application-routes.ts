import { Router } from 'express';
import {
  ApplicationDecisionRequestSchema,
  ApplyQrQuerySchema,
  ApplyRequestSchema,
  LinkTokenRequestSchema,
  MediatorProfileRequestSchema,
  RespondentAnswerRequestSchema,
  SendCodeRequestSchema,
} from '../../protocol/application.ts';
import type { ApplicationService } from '../../services/application/application-service.ts';
import type { MediatorProfiles } from '../../services/application/mediator-profiles.ts';
import type { Clock } from '../../services/clock.ts';
import { staffCaseView } from '../case-views.ts';
import { handle } from '../handler.ts';

/**
 * Resident self-application. The public part needs no account: the form and its SMS code (limited
 * per phone and per address in the services), the applicant's status link and the respondent's
 * answer link (tokens in the body, never in a URL a log keeps). Staff decide on applications and
 * edit mediators' public profiles.
 */
export function applicationRoutes(applications: ApplicationService, profiles: MediatorProfiles, clock: Clock): Router {
  const router = Router();
  const address = (ip: string | undefined) => ip ?? 'unknown';

  router.get('/public/mediators', handle({}, () => profiles.publicDirectory()));
  router.get('/public/apply-qr', handle({ query: ApplyQrQuerySchema }, ({ query }) => applications.applyQr(query.org)));
  router.post('/applications/sms-code', handle({ body: SendCodeRequestSchema }, ({ body, req }) => applications.sendCode(body.phone, address(req.ip))));
  router.post('/applications', handle({ body: ApplyRequestSchema, status: 201 }, ({ body, req }) => applications.submit(body, address(req.ip))));
  router.post('/applications/status', handle({ body: LinkTokenRequestSchema }, ({ body }) => applications.status(body.token)));
  router.post('/applications/respondent', handle({ body: LinkTokenRequestSchema }, ({ body }) => applications.respondentView(body.token)));
  router.post('/applications/respondent/answer', handle({ body: RespondentAnswerRequestSchema }, ({ body }) => applications.respond(body.token, body.agree, body.reason)));

  router.post(
    '/cases/:caseId/application/decision',
    handle({ body: ApplicationDecisionRequestSchema }, async ({ principal, params, body }) => staffCaseView(await applications.decide(principal, params.caseId!, body), clock.now())),
  );
  router.post(
    '/cases/:caseId/application/contact-respondent',
    handle({}, async ({ principal, params }) => staffCaseView(await applications.contactRespondent(principal, params.caseId!), clock.now())),
  );
  router.get('/mediators/:accountId/profile', handle({}, ({ principal, params }) => profiles.get(principal, params.accountId!)));
  router.put('/mediators/:accountId/profile', handle({ body: MediatorProfileRequestSchema }, ({ principal, params, body }) => profiles.update(principal, params.accountId!, body)));
  return router;
}
