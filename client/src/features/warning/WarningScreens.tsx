import { WarningAreasPage } from './WarningAreasPage.tsx';
import { WarningsPage } from './WarningsPage.tsx';
import { WorkOrderPage } from './WorkOrderPage.tsx';
import { WorkOrdersPage } from './WorkOrdersPage.tsx';

/**
 * The early-warning pages (#15), sub-pages of the dashboard: /dashboard/warnings, /dashboard/warnings/areas,
 * /dashboard/work-orders and /dashboard/work-orders/:id (`path` is what follows /dashboard). They ride
 * the dashboard's chunk and catalog group: a page of their own would add to every resident's first
 * download, which has no room left (test/e2e/page-weight.test.ts).
 */
export function WarningScreens({ path }: { path: string }) {
  if (path === '/warnings') return <WarningsPage />;
  if (path === '/warnings/areas') return <WarningAreasPage />;
  if (path === '/work-orders') return <WorkOrdersPage />;
  if (!path.startsWith('/work-orders/')) return <WarningsPage />;
  const workOrderId = decodeURIComponent(path.slice('/work-orders/'.length));
  return <WorkOrderPage key={workOrderId} workOrderId={workOrderId} />;
}
