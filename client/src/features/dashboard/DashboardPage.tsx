import { useState } from 'react';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { AreaTable } from './AreaTable.tsx';
import { DashboardFilters } from './DashboardFilters.tsx';
import { DisputeTypeRates } from './DisputeTypeRates.tsx';
import { MonthlyChart } from './MonthlyChart.tsx';
import { StageDurations } from './StageDurations.tsx';
import { SummaryCards } from './SummaryCards.tsx';
import { FollowUpRates } from './FollowUpRates.tsx';
import { queryFromSearch, searchOf, statisticsApi, type StatisticsQuery } from './dashboard-api.ts';
import './dashboard.css';
import '../cases/staff-pages.css';
import { usePathname } from '../../router/router.ts';
import { WarningScreens } from '../warning/WarningScreens.tsx';

/**
 * /dashboard: counts and rates over the cases the signed-in staff member may see, computed by the
 * server from the case logs. Loaded on its own (with the chart library) only when opened.
 */
export function DashboardPage() {
  const path = usePathname().replace(/\/+$/, '');
  // Early warning (#15): its pages live under the dashboard (one chunk, one catalog group, no new weight on residents' first download).
  return path === '/dashboard' ? <StatisticsDashboard /> : <WarningScreens path={path.slice('/dashboard'.length)} />;
}

function StatisticsDashboard() {
  const { t } = useI18n();
  const [query, setQuery] = useState<StatisticsQuery>(() => queryFromSearch(window.location.search));
  const search = searchOf(query);
  const statistics = useApiData(`statistics${search}`, () => statisticsApi.get(query));

  const apply = (next: StatisticsQuery) => {
    setQuery(next);
    // Kept in the address so a reload or a shared link shows the same figures.
    window.history.replaceState(null, '', `/dashboard${searchOf(next)}`);
  };

  const data = statistics.data;
  return (
    <section className="dashboard" aria-labelledby="dashboard-title">
      <div className="page-title">
        <h1 id="dashboard-title">{t('dashboard.title')}</h1>
        {data && <span className="muted" data-testid="dashboard-scope">{t(`dashboard.scope.${data.scope.kind}`)}</span>}
      </div>
      <DashboardFilters query={query} error={statistics.error} onApply={apply} />
      <ErrorNotice error={statistics.error} shownFields={['from', 'to', 'areaCode']} />
      {statistics.loading && !data && <p>{t('common.loading')}</p>}
      {data && (
        <>
          <p className="muted">{t('dashboard.cohortNote')}</p>
          <SummaryCards totals={data.totals} />
          <FollowUpRates totals={data.totals} />
          {data.totals.received === 0 ? (
            <p className="card">{t('dashboard.empty')}</p>
          ) : (
            <div className="dashboard-grid">
              <MonthlyChart months={data.byMonth} />
              <DisputeTypeRates types={data.byDisputeType} />
              <StageDurations stages={data.totals.stages} />
              <AreaTable areas={data.byArea} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
