import { useI18n } from '../../i18n/i18n.tsx';
import type { StatisticsFigures } from './dashboard-api.ts';
import { formatRate } from './format-figures.ts';

/** 履行率 and 满意率 from the follow-ups (回访) of the filtered cases, with how each is worked out. */
export function FollowUpRates({ totals }: { totals: StatisticsFigures }) {
  const { t, language } = useI18n();
  const card = (id: 'performanceRate' | 'satisfactionRate', rate: number | null) => {
    const text = formatRate(rate, language);
    return (
      <div className="summary-card rate" data-testid={`summary-${id}`}>
        <dt>{t(`dashboard.${id}`)}</dt>
        <dd className="value" title={text ? undefined : t('dashboard.noRateHint')}>
          {text ?? t('dashboard.noRate')}
        </dd>
        <dd className="hint">{t(`dashboard.${id}Hint`)}</dd>
      </div>
    );
  };
  return (
    <>
      <dl className="summary-cards follow-up-rates">
        {card('performanceRate', totals.performanceRate)}
        {card('satisfactionRate', totals.satisfactionRate)}
      </dl>
      <p className="muted" data-testid="follow-up-counts">
        {t('dashboard.followUpCounts', { recorded: totals.followUpsRecorded, performed: totals.performed, answered: totals.surveysAnswered, satisfied: totals.satisfied })}
      </p>
    </>
  );
}
