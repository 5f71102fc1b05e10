import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { StatusBadge } from '../cases/StatusBadge.tsx';
import './intake.css';
import { intakeApi } from './intake-api.ts';
import { ItemCard } from './ItemCard.tsx';
import '../cases/staff-pages.css';

/** The grid worker's phone home: report a dispute, log a lighter item, and what they reported and logged. */
export function GridWorkPage() {
  const { t, language } = useI18n();
  const reports = useApiData('my-reports', intakeApi.myReports);
  const items = useApiData('items', intakeApi.items);

  return (
    <section className="intake-page grid-work">
      <PageHeading>{t('grid.title')}</PageHeading>
      <p className="actions">
        <Link className="button" href="/grid/report">
          {t('grid.newReport')}
        </Link>
        <Link className="button secondary" href="/grid/items/new">
          {t('grid.newItem')}
        </Link>
      </p>

      <h2>{t('grid.myReports')}</h2>
      <ErrorNotice error={reports.error} />
      {reports.data && reports.data.length === 0 && <p className="muted">{t('grid.noReports')}</p>}
      <ul className="plain-list" data-testid="my-reports">
        {(reports.data ?? []).map((c) => (
          <li key={c.caseId} className="card" data-case-id={c.caseId}>
            <p>
              <Link href={`/cases/${encodeURIComponent(c.caseId)}`}>{c.title}</Link> <StatusBadge status={c.status} />
            </p>
            <p className="muted">
              {c.caseNumber} · {c.grid ?? c.areaCode} · {formatTime(c.openedAt, language)}
            </p>
          </li>
        ))}
      </ul>

      <h2>{t('grid.items')}</h2>
      <ErrorNotice error={items.error} />
      {items.data && items.data.length === 0 && <p className="muted">{t('grid.noItems')}</p>}
      <ul className="plain-list" data-testid="items">
        {(items.data ?? []).map((item) => (
          <ItemCard key={item.itemId} item={item} onChanged={() => items.reload()} />
        ))}
      </ul>
    </section>
  );
}
