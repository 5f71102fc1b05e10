import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StatisticsResponse } from './dashboard-api.ts';
import { formatMonth } from './format-figures.ts';

/** Cases received and mediated successfully in each month received, side by side. */
export function MonthlyChart({ months }: { months: StatisticsResponse['byMonth'] }) {
  const { t, language } = useI18n();
  const data = months.map((m) => ({ label: formatMonth(m.month, language), received: m.received, successful: m.successful }));
  return (
    <section className="card dashboard-chart" data-testid="monthly-chart" aria-labelledby="monthly-title">
      <h2 id="monthly-title">{t('dashboard.byMonth')}</h2>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={{ fontSize: 12 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
          <Tooltip />
          {/* In the order of the bars, not sorted by name. */}
          <Legend itemSorter={null} />
          <Bar dataKey="received" name={t('dashboard.received')} fill="#1565c0" isAnimationActive={false} />
          <Bar dataKey="successful" name={t('dashboard.successful')} fill="#2e7d32" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </section>
  );
}
