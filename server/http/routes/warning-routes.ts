import { Router } from 'express';
import { requireStaff } from '../../auth/policy.ts';
import { tallyWarnings } from '../../domain/warning-tallies.ts';
import { AcceptWorkOrderRequestSchema, EscalateWorkOrderRequestSchema, RemindWorkOrderRequestSchema, ResolveWorkOrderRequestSchema, WarningSettingsSchema, WorkOrderListQuerySchema } from '../../protocol/warnings.ts';
import type { AreaNames } from '../../services/area-names.ts';
import type { CaseService } from '../../services/case-service.ts';
import type { WarningRecord, WarningService } from '../../services/warning-service.ts';
import type { WarningSettingsStore } from '../../services/warning-settings.ts';
import type { WorkOrderService } from '../../services/work-orders.ts';
import type { WorkOrderState } from '../../domain/work-orders.ts';
import { handle } from '../handler.ts';

export interface WarningRouteDeps {
  warnings: WarningService;
  workOrders: WorkOrderService;
  settings: WarningSettingsStore;
  cases: CaseService;
  areaNames: AreaNames;
}

/**
 * Early warning and work orders (#15). What goes out names cases by id and number, channels,
 * counts and reasons; never a party's name, number or the keys they were matched by.
 */
export function warningRoutes({ warnings, workOrders, settings, cases, areaNames }: WarningRouteDeps): Router {
  const router = Router();

  const caseSummary = async (caseId: string) => {
    const state = await cases.get(caseId);
    return state && { caseId, caseNumber: state.caseNumber, channel: state.channel, externalRef: state.externalRef, openedAt: state.openedAt, orgId: state.orgId, areaCode: state.areaCode, disputeType: state.disputeType };
  };
  const warningView = async (w: WarningRecord) => {
    const { assessment, caseIds, ...rest } = w;
    const linked = (await Promise.all(caseIds.map(caseSummary))).filter((c) => !!c);
    return { ...rest, score: assessment.score, sightings: assessment.sightings, recentSightings: assessment.recentSightings, channels: assessment.channels, escalated: assessment.escalated, riskWords: assessment.riskWords, cases: linked, areaName: (await areaNames.nameOf(w.areaCode)) ?? w.areaCode };
  };
  const orderView = async (o: WorkOrderState) => ({ ...o, cases: (await Promise.all(o.caseIds.map(caseSummary))).filter((c) => !!c), areaName: (await areaNames.nameOf(o.areaCode)) ?? o.areaCode });

  router.get('/warnings', handle({}, async ({ principal }) => Promise.all((await warnings.list(principal)).map(warningView))));
  router.get(
    '/warnings/tallies',
    handle({}, async ({ principal }) => {
      const tallies = tallyWarnings(await warnings.list(principal));
      const byArea = await Promise.all(tallies.byArea.map(async (row) => ({ ...row, name: (await areaNames.nameOf(row.key)) ?? row.key })));
      return { ...tallies, byArea };
    }),
  );
  router.get(
    '/warnings/settings',
    handle({}, async ({ principal }) => {
      requireStaff(principal, ['admin']);
      return settings.get();
    }),
  );
  router.put(
    '/warnings/settings',
    handle({ body: WarningSettingsSchema }, async ({ principal, body }) => {
      requireStaff(principal, ['admin']);
      return settings.set(body);
    }),
  );
  router.get(
    '/cases/:caseId/linked-history',
    handle({}, async ({ principal, params }) => {
      const { warning } = await warnings.linkedTo(principal, params.caseId!);
      return { warning: warning && (await warningView(warning)) };
    }),
  );

  router.get('/work-orders', handle({ query: WorkOrderListQuerySchema }, async ({ principal, query }) => Promise.all((await workOrders.list(principal, query.status)).map(orderView))));
  router.get('/work-orders/:id', handle({}, async ({ principal, params }) => orderView(await workOrders.get(principal, params.id!))));
  router.get('/work-orders/:id/records', handle({}, ({ principal, params }) => workOrders.records(principal, params.id!)));
  router.get('/work-orders/:id/verify', handle({}, ({ principal, params }) => workOrders.verify(principal, params.id!)));
  router.post('/work-orders/:id/accept', handle({ body: AcceptWorkOrderRequestSchema }, async ({ principal, params }) => orderView(await workOrders.accept(principal, params.id!))));
  router.post('/work-orders/:id/remind', handle({ body: RemindWorkOrderRequestSchema }, async ({ principal, params, body }) => orderView(await workOrders.remind(principal, params.id!, body.note))));
  router.post('/work-orders/:id/escalate', handle({ body: EscalateWorkOrderRequestSchema }, async ({ principal, params, body }) => orderView(await workOrders.escalate(principal, params.id!, body.reason))));
  router.post('/work-orders/:id/resolve', handle({ body: ResolveWorkOrderRequestSchema }, async ({ principal, params, body }) => orderView(await workOrders.resolve(principal, params.id!, body.outcome))));
  return router;
}
