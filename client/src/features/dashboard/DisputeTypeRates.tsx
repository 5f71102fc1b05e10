import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StatisticsResponse } from './dashboard-api.ts';
import { ratePercent } from './format-figures.ts';

/** Success and confirmation rates per dispute type; a type with nothing decided yet has no bar. */
export function DisputeTypeRates({ types }: { types: StatisticsResponse['byDisputeType'] }) {
  const { t } = useI18n();
  const data = types.map((type) => ({
    label: `${t(`dispute.${type.disputeType}`)} (${type.received})`,
    successRate: ratePercent(type.successRate),
    confirmationRate: ratePercent(type.confirmationRate),
  }));
  // Horizontal bars: Chinese type names are long for an axis under the bars on a phone.
  return (
    <section className="card dashboard-chart" data-testid="type-chart" aria-labelledby="type-title">
      <h2 id="type-title">{t('dashboard.byType')}</h2>
      <ResponsiveContainer width="100%" height={80 + data.length * 48}>
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
          <YAxis type="category" dataKey="label" width={120} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => `${String(value)}%`} />
          {/* In the order of the bars, not sorted by name. */}
          <Legend itemSorter={null} />
          <Bar dataKey="successRate" name={t('dashboard.successRate')} fill="#2e7d32" isAnimationActive={false} />
          <Bar dataKey="confirmationRate" name={t('dashboard.confirmationRate')} fill="#6a1b9a" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </section>
  );
}
