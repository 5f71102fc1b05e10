import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { warningApi, type TallyRow } from './warning-api.ts';
import '../cases/staff-pages.css';
import '../dashboard/dashboard.css';
import './warning.css';

const LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
const FILL = { blue: '#1565c0', yellow: '#f9a825', orange: '#e65100', red: '#b71c1c' } as const;

/** /warnings/areas (#15): the map-free area view — warnings per grid or community by level — and charts by type, area and month. */
export function WarningAreasPage() {
  const { t } = useI18n();
  const tallies = useApiData('warning-tallies', () => warningApi.tallies());
  const areas = tallies.data?.byArea ?? [];
  return (
    <section aria-labelledby="warning-areas-title">
      <p>
        <Link href="/dashboard/warnings">{t('areas.back')}</Link>
      </p>
      <PageHeading id="warning-areas-title">{t('areas.title')}</PageHeading>
      <ErrorNotice error={tallies.error} />
      {tallies.loading && !tallies.data && <p>{t('common.loading')}</p>}
      {tallies.data && areas.length === 0 && <p className="card">{t('areas.empty')}</p>}
      {areas.length > 0 && (
        <>
          <div className="card table-scroll">
            <table className="cases-table dashboard-table" data-testid="warning-area-table">
              <thead>
                <tr>
                  <th scope="col">{t('areas.area')}</th>
                  {LEVELS.map((level) => (
                    <th scope="col" key={level}>
                      {t(`warningLevel.${level}`)}
                    </th>
                  ))}
                  <th scope="col">{t('areas.total')}</th>
                </tr>
              </thead>
              <tbody>
                {areas.map((row) => (
                  <tr key={row.key} data-area={row.key}>
                    <td data-label={t('areas.area')}>{row.name ?? row.key}</td>
                    {LEVELS.map((level) => (
                      <td data-label={t(`warningLevel.${level}`)} key={level}>
                        {row[level]}
                      </td>
                    ))}
                    <td data-label={t('areas.total')}>{row.total}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="warning-charts">
            <LevelChart id="by-type" title={t('areas.byType')} rows={(tallies.data?.byType ?? []).map((r) => ({ ...r, label: t(`dispute.${r.key}` as 'dispute.other') }))} />
            <LevelChart id="by-area" title={t('areas.byArea')} rows={areas.map((r) => ({ ...r, label: r.name ?? r.key }))} />
            <LevelChart id="by-month" title={t('areas.byMonth')} rows={(tallies.data?.byMonth ?? []).map((r) => ({ ...r, label: r.key }))} />
          </div>
        </>
      )}
    </section>
  );
}

function LevelChart({ id, title, rows }: { id: string; title: string; rows: Array<TallyRow & { label: string }> }) {
  const { t } = useI18n();
  return (
    <section className="card dashboard-chart" data-testid={`warning-chart-${id}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Legend itemSorter={null} />
          {LEVELS.map((level) => (
            <Bar key={level} dataKey={level} stackId="levels" name={t(`warningLevel.${level}`)} fill={FILL[level]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </section>
  );
}
