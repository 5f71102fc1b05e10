import { useI18n } from '../../i18n/i18n.tsx';
import type { StatisticsResponse } from './dashboard-api.ts';
import { formatRate } from './format-figures.ts';

/** One row per area code recorded on the cases. */
export function AreaTable({ areas }: { areas: StatisticsResponse['byArea'] }) {
  const { t, language } = useI18n();
  const rate = (value: number | null) => formatRate(value, language) ?? t('dashboard.noRate');
  return (
    <section className="card dashboard-wide" aria-labelledby="area-title">
      <h2 id="area-title">{t('dashboard.byArea')}</h2>
      <div className="table-scroll">
        <table className="cases-table dashboard-table" data-testid="area-table">
          <thead>
            <tr>
              <th>{t('dashboard.area')}</th>
              <th>{t('dashboard.received')}</th>
              <th>{t('dashboard.successful')}</th>
              <th>{t('dashboard.failed')}</th>
              <th>{t('dashboard.successRate')}</th>
              <th>{t('dashboard.confirmationApplied')}</th>
              <th>{t('dashboard.confirmationRate')}</th>
            </tr>
          </thead>
          <tbody>
            {areas.map((area) => (
              <tr key={area.areaCode} data-area={area.areaCode}>
                <td data-label={t('dashboard.area')} className="mono">
                  {area.areaCode}
                </td>
                <td data-label={t('dashboard.received')}>{area.received}</td>
                <td data-label={t('dashboard.successful')}>{area.successful}</td>
                <td data-label={t('dashboard.failed')}>{area.failed}</td>
                <td data-label={t('dashboard.successRate')}>{rate(area.successRate)}</td>
                <td data-label={t('dashboard.confirmationApplied')}>{area.confirmationApplied}</td>
                <td data-label={t('dashboard.confirmationRate')}>{rate(area.confirmationRate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
