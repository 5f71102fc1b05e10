import { Router } from 'express';
import type { Services } from '../services/compose.ts';
import { adminRoutes } from './routes/admin-routes.ts';
import { agreementRoutes } from './routes/agreement-routes.ts';
import { applicationRoutes } from './routes/application-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { caseRoutes } from './routes/case-routes.ts';
import { confirmationRoutes } from './routes/confirmation-routes.ts';
import { dispatchRoutes } from './routes/dispatch-routes.ts';
import { residentRoutes } from './routes/resident-routes.ts';
import { statisticsRoutes } from './routes/statistics-routes.ts';
import { fieldReportRoutes } from './routes/field-report-routes.ts';
import { gridRoutes } from './routes/grid-routes.ts';
import { followUpRoutes } from './routes/follow-up-routes.ts';
import { ledgerRoutes } from './routes/ledger-routes.ts';
import { warningRoutes } from './routes/warning-routes.ts';

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
  // Intake: grid registry, lighter items, field reports, assisted join (issue #14 items 1 and 7).
  router.use(gridRoutes(services.gridRegistry, services.gridItems));
  router.use(fieldReportRoutes(services.fieldReports, services.assistance, services.clock));
  router.use(ledgerRoutes(services.ledger, services.commands));
  router.use(followUpRoutes(services.followUps));
  router.use(dispatchRoutes(services.dispatch, services.staffContacts, services.clock));
  router.use(applicationRoutes(services.applications, services.mediatorProfiles, services.clock));
  // Early warning and work orders (#15)
  router.use(warningRoutes({ warnings: services.warnings, workOrders: services.workOrders, settings: services.warningSettings, cases: services.cases, areaNames: services.areaNames }));
  return router;
}
