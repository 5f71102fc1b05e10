import { Router } from 'express';
import type { Services } from '../services/compose.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { agreementRoutes } from './routes/agreement-routes.ts';
import { applicationRoutes } from './routes/application-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { caseRoutes } from './routes/case-routes.ts';
import { confirmationRoutes } from './routes/confirmation-routes.ts';
import { residentRoutes } from './routes/resident-routes.ts';
import { statisticsRoutes } from './routes/statistics-routes.ts';

/** Every route under /api. */
export function apiRouter(services: Services): Router {
  const router = Router();
  router.use(authRoutes(services.accounts));
  router.use(adminRoutes(services.accounts, services.directory));
  router.use(caseRoutes(services.cases, services.commands, services.invitations, services.clock));
  router.use(residentRoutes(services.cases, services.invitations, services.notifier));
  router.use(agreementRoutes(services.agreements));
  router.use(confirmationRoutes(services.confirmations));
  router.use(statisticsRoutes(services.statistics));
  router.use(applicationRoutes(services.applications, services.mediatorProfiles, services.clock));
  return router;
}
