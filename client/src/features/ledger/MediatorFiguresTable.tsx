import { useI18n } from '../../i18n/i18n.tsx';
import { formatRate } from '../dashboard/format-figures.ts';
import type { MediatorFigures } from './ledger-api.ts';

/** Each mediator's figures over the filtered cases. */
export function MediatorFiguresTable({ mediators }: { mediators: MediatorFigures[] }) {
  const { t, language } = useI18n();
  const rate = (value: number | null) => formatRate(value, language) ?? '—';
  return (
    <section className="card ledger-figures" aria-labelledby="ledger-figures-title">
      <h2 id="ledger-figures-title">{t('ledger.figures')}</h2>
      <table className="cases-table" data-testid="mediator-figures">
        <thead>
          <tr>
            <th>{t('ledger.fig.name')}</th>
            <th>{t('ledger.fig.cases')}</th>
            <th>{t('ledger.fig.successful')}</th>
            <th>{t('ledger.fig.successRate')}</th>
            <th>{t('ledger.fig.averageDays')}</th>
            <th>{t('ledger.fig.followUpsDue')}</th>
            <th>{t('ledger.fig.followUpsDone')}</th>
            <th>{t('ledger.fig.satisfaction')}</th>
          </tr>
        </thead>
        <tbody>
          {mediators.map((m) => (
            <tr key={m.mediatorId} data-mediator-id={m.mediatorId}>
              <td data-label={t('ledger.fig.name')}>{m.name}</td>
              <td data-label={t('ledger.fig.cases')}>{m.cases}</td>
              <td data-label={t('ledger.fig.successful')}>{m.successful}</td>
              <td data-label={t('ledger.fig.successRate')}>{rate(m.successRate)}</td>
              <td data-label={t('ledger.fig.averageDays')}>{m.averageDays === null ? '—' : t('ledger.days', { n: m.averageDays })}</td>
              <td data-label={t('ledger.fig.followUpsDue')}>{m.followUpsDue}</td>
              <td data-label={t('ledger.fig.followUpsDone')}>{m.followUpsDone}</td>
              <td data-label={t('ledger.fig.satisfaction')}>{rate(m.satisfactionRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
