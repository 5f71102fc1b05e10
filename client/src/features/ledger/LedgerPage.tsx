import { useState } from 'react';
import { useApiAction } from '../../api/use-api-action.ts';
import { useApiData } from '../../api/use-api-data.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { CloseCaseDialog } from './CloseCaseDialog.tsx';
import { LedgerFilters } from './LedgerFilters.tsx';
import { LedgerTable } from './LedgerTable.tsx';
import { MediatorFiguresTable } from './MediatorFiguresTable.tsx';
import { ledgerApi, searchFromLocation, searchString, type LedgerRow, type LedgerSearch } from './ledger-api.ts';
import './ledger.css';
import '../cases/staff-pages.css';

/**
 * /ledger: the centre's register of cases (台账), filtered and paged by the server, with each
 * mediator's figures, an Excel export and a print view of the same filter, and closing or
 * withdrawing a case with a written reason.
 */
export function LedgerPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState<LedgerSearch>(() => searchFromLocation(window.location.search));
  const ledger = useApiData(`ledger${searchString(query)}`, () => ledgerApi.list(query));
  const exporting = useApiAction();
  const [closing, setClosing] = useState<LedgerRow>();

  const apply = (next: LedgerSearch) => {
    setQuery(next);
    // Kept in the address so a reload, a shared link or the print view shows the same rows.
    window.history.replaceState(null, '', `/ledger${searchString(next)}`);
  };

  const data = ledger.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;
  const page = data?.page ?? 1;
  const { page: _page, ...filter } = query;
  return (
    <section className="ledger" aria-labelledby="ledger-title">
      <div className="page-title">
        <PageHeading id="ledger-title">{t('ledger.title')}</PageHeading>
        <div className="ledger-tools">
          <button type="button" className="button small" disabled={exporting.busy} onClick={() => void exporting.run(() => ledgerApi.exportXlsx(query))} data-testid="ledger-export">
            {exporting.busy ? t('ledger.exporting') : t('ledger.export')}
          </button>
          <Link href={`/ledger/print${searchString(filter)}`} className="button small secondary" data-testid="ledger-print">
            {t('ledger.print')}
          </Link>
        </div>
      </div>
      <LedgerFilters key={searchString(filter)} query={query} mediators={data?.mediatorOptions ?? []} error={ledger.error} onApply={apply} />
      <ErrorNotice error={ledger.error ?? exporting.error} shownFields={['areaCode', 'to']} />
      {ledger.loading && !data && <p>{t('common.loading')}</p>}
      {data && (
        <>
          <p className="muted" data-testid="ledger-count">
            {t('ledger.count', { n: data.total })}
          </p>
          {data.rows.length === 0 ? <p className="card">{t('ledger.empty')}</p> : <LedgerTable rows={data.rows} onClose={setClosing} />}
          {pages > 1 && (
            <nav className="pager" aria-label={t('ledger.page', { page, pages })}>
              <button type="button" className="button small secondary" disabled={page <= 1} onClick={() => apply({ ...query, page: String(page - 1) })}>
                {t('ledger.prev')}
              </button>
              <span>{t('ledger.page', { page, pages })}</span>
              <button type="button" className="button small secondary" disabled={page >= pages} onClick={() => apply({ ...query, page: String(page + 1) })}>
                {t('ledger.next')}
              </button>
            </nav>
          )}
          {data.mediators.length > 0 && <MediatorFiguresTable mediators={data.mediators} />}
        </>
      )}
      {closing && (
        <CloseCaseDialog
          row={closing}
          onCancel={() => setClosing(undefined)}
          onDone={() => {
            setClosing(undefined);
            ledger.reload();
          }}
        />
      )}
    </section>
  );
}
