import type { Page } from 'playwright-core';
import { signIn } from './e2e.ts';
import type { PageWalker } from './page-walk.ts';
import { waitUntil } from './processes.ts';
import { reportDispute, type WarningView } from './warning-world.ts';
import { expectOk } from './world.ts';

/**
 * Early warning and work orders (#15): the centre's warning list, area view with charts, work-order
 * list and a work order with its 督办 forms; the mediator's work order with the accept button and a
 * case page with its linked history.
 */
export async function walkWarningPages(walker: PageWalker): Promise<void> {
  const { app, world } = walker.setup;
  const centreApi = await world.api.login('centre');
  const where = { orgId: 'baicheng', areaCode: '370785001001' };
  const first = await reportDispute(centreApi, 'hotline', '12345-WALK-1', undefined, where);
  await reportDispute(centreApi, 'enterprise', 'QY-WALK-2', undefined, where);
  const last = await reportDispute(centreApi, 'police', '警调-WALK-3', undefined, where);
  const warning = await waitUntil(async () => ((await expectOk(centreApi.get('/warnings'))).body as WarningView[]).find((w) => w.cases.some((c) => c.caseId === first) && w.workOrderId), {
    what: 'a warning with a work order',
  });
  const open = async (username: string) => {
    const page = await walker.open();
    await signIn(page, app.url, username);
    return page;
  };
  const stop = async (page: Page, path: string, ready: (page: Page) => Promise<void>, name: string) => {
    await page.goto(`${app.url}${path}`);
    await ready(page);
    await walker.visit(page, name);
  };

  const centre = await open('centre');
  await stop(centre, '/dashboard/warnings', (p) => p.getByTestId('warning-row').first().waitFor(), 'centre: /dashboard/warnings');
  await stop(centre, '/dashboard/warnings/areas', (p) => p.getByTestId('warning-chart-by-month').locator('.recharts-bar-rectangle').first().waitFor(), 'centre: /dashboard/warnings/areas');
  await stop(centre, '/dashboard/work-orders', (p) => p.getByTestId('work-order-row').first().waitFor(), 'centre: /dashboard/work-orders');
  await stop(centre, `/dashboard/work-orders/${warning.workOrderId}`, (p) => p.getByLabel('督办意见').waitFor(), 'centre: /dashboard/work-orders/:id');
  await centre.context().close();

  const mediator = await open('mediator');
  await stop(mediator, `/dashboard/work-orders/${warning.workOrderId}`, (p) => p.getByRole('button', { name: '签收工单' }).waitFor(), 'mediator: /dashboard/work-orders/:id');
  await stop(mediator, `/cases/${last}`, (p) => p.getByTestId('linked-history').getByRole('link').first().waitFor(), 'mediator: /cases/:id with linked history');
  await mediator.context().close();
}
