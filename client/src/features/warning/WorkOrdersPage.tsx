import { casesApi } from '../../api/cases-api.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { LevelBadge } from './LevelBadge.tsx';
import { warningApi } from './warning-api.ts';
import '../cases/staff-pages.css';
import './warning.css';

/** /work-orders (#15): the work orders a supervisor follows or an organisation must handle, open ones first. */
export function WorkOrdersPage() {
  const { t, language } = useI18n();
  const orders = useApiData('work-orders', () => warningApi.workOrders());
  const orgs = useApiData('orgs', () => casesApi.orgs());
  const orgName = (orgId: string) => orgs.data?.find((o) => o.orgId === orgId)?.name ?? orgId;
  return (
    <section aria-labelledby="work-orders-title">
      <PageHeading id="work-orders-title">{t('workOrders.title')}</PageHeading>
      <ErrorNotice error={orders.error} />
      {orders.loading && !orders.data && <p>{t('common.loading')}</p>}
      {orders.data?.length === 0 && <p className="card">{t('workOrders.empty')}</p>}
      <ul className="warning-list">
        {(orders.data ?? []).map((o) => (
          <li key={o.workOrderId} className="card warning-row" data-testid="work-order-row" data-work-order-id={o.workOrderId}>
            <h2>
              <LevelBadge level={o.level} />
              <Link href={`/dashboard/work-orders/${encodeURIComponent(o.workOrderId)}`}>
                {t(`dispute.${o.disputeType}`)} · {o.areaName}
              </Link>
            </h2>
            <p>
              {t(`workOrders.status.${o.status}`)} · {t('workOrders.org', { org: orgName(o.orgId) })} · {t('workOrders.due', { time: formatTime(o.dueAt, language) })}
              {o.overdueAt && o.status !== 'resolved' && <span className="badge overdue">{t('workOrders.overdue')}</span>}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
