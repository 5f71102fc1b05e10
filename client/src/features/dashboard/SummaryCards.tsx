import type { MessageKey } from '../../i18n/messages.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { StatisticsFigures } from './dashboard-api.ts';
import { formatRate } from './format-figures.ts';

const COUNTS = ['received', 'successful', 'failed', 'inProgress', 'closedWithoutOutcome', 'confirmationApplied', 'confirmed', 'rejected'] as const;

function RateCard({ id, rate, hint }: { id: 'successRate' | 'confirmationRate'; rate: number | null; hint: MessageKey }) {
  const { t, language } = useI18n();
  const text = formatRate(rate, language);
  return (
    <div className="summary-card rate" data-testid={`summary-${id}`}>
      <dt>{t(`dashboard.${id}`)}</dt>
      <dd className="value" title={text ? undefined : t('dashboard.noRateHint')}>
        {text ?? t('dashboard.noRate')}
      </dd>
      <dd className="hint">{t(hint)}</dd>
    </div>
  );
}

/** The totals of the filtered cases, counts first, then the two rates with how each is worked out. */
export function SummaryCards({ totals }: { totals: StatisticsFigures }) {
  const { t } = useI18n();
  return (
    <dl className="summary-cards">
      {COUNTS.map((id) => (
        <div key={id} className="summary-card" data-testid={`summary-${id}`}>
          <dt>{t(`dashboard.${id}`)}</dt>
          <dd className="value">{totals[id]}</dd>
        </div>
      ))}
      <RateCard id="successRate" rate={totals.successRate} hint="dashboard.successRateHint" />
      <RateCard id="confirmationRate" rate={totals.confirmationRate} hint="dashboard.confirmationRateHint" />
    </dl>
  );
}
