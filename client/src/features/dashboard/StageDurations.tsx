import { useI18n } from '../../i18n/i18n.tsx';
import type { StatisticsFigures } from './dashboard-api.ts';
import { formatDays } from './format-figures.ts';

const STAGES = ['acceptance', 'mediation', 'application', 'review'] as const;

/** Average calendar days of each stage, with how many cases the average is over. */
export function StageDurations({ stages }: { stages: StatisticsFigures['stages'] }) {
  const { t, language } = useI18n();
  return (
    <section className="card" aria-labelledby="stages-title">
      <h2 id="stages-title">{t('dashboard.stages')}</h2>
      <table className="cases-table dashboard-table" data-testid="stage-table">
        <thead>
          <tr>
            <th>{t('dashboard.stage')}</th>
            <th>{t('dashboard.averageDays')}</th>
            <th>{t('dashboard.stageCases')}</th>
          </tr>
        </thead>
        <tbody>
          {STAGES.map((stage) => {
            const { averageDays, cases } = stages[stage];
            return (
              <tr key={stage} data-stage={stage}>
                <td data-label={t('dashboard.stage')}>{t(`dashboard.stage.${stage}`)}</td>
                <td data-label={t('dashboard.averageDays')}>{averageDays === null ? t('dashboard.noRate') : t('dashboard.days', { n: formatDays(averageDays, language) })}</td>
                <td data-label={t('dashboard.stageCases')}>{cases}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted">{t('dashboard.daysNote')}</p>
    </section>
  );
}
