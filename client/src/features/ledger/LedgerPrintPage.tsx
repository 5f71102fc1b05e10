import { useEffect, useState } from 'react';
import { asApiError, type ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { PageHeading } from '../../components/PageHeading.tsx';
import { formatTime } from '../../i18n/format-time.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { Link } from '../../router/Link.tsx';
import { LedgerTable } from './LedgerTable.tsx';
import { MediatorFiguresTable } from './MediatorFiguresTable.tsx';
import { ledgerApi, searchFromLocation, searchString, type LedgerResponse, type LedgerRow } from './ledger-api.ts';
import './ledger.css';
import '../cases/staff-pages.css';

const PAGE = 100;

/** Every page of the filter, fetched in turn: a printed ledger has all its rows. */
async function everyRow(query: ReturnType<typeof searchFromLocation>): Promise<{ rows: LedgerRow[]; first: LedgerResponse }> {
  const first = await ledgerApi.list({ ...query, page: '1' }, PAGE);
  const rows = [...first.rows];
  for (let page = 2; (page - 1) * PAGE < first.total; page++) rows.push(...(await ledgerApi.list({ ...query, page: String(page) }, PAGE)).rows);
  return { rows, first };
}

/** /ledger/print: the filtered ledger laid out for paper (its stylesheet hides the app's chrome). */
export function LedgerPrintPage() {
  const { t, language } = useI18n();
  const [query] = useState(() => {
    const { page: _page, ...filter } = searchFromLocation(window.location.search);
    return filter;
  });
  const [result, setResult] = useState<{ rows: LedgerRow[]; first: LedgerResponse }>();
  const [error, setError] = useState<ApiError>();
  const [printedAt] = useState(() => new Date().toISOString());

  useEffect(() => {
    everyRow(query).then(setResult, (caught: unknown) => setError(asApiError(caught)));
  }, [query]);

  const filters = Object.entries(query)
    .map(([key, value]) => `${key}=${value}`)
    .join('，');
  return (
    <section className="ledger ledger-print" aria-labelledby="ledger-print-title">
      <div className="page-title">
        <PageHeading id="ledger-print-title">{t('ledger.title')}</PageHeading>
        <div className="ledger-tools no-print">
          <button type="button" className="button small" onClick={() => window.print()} data-testid="print-now">
            {t('ledger.printNow')}
          </button>
          <Link href={`/ledger${searchString(query)}`} className="button small secondary">
            {t('ledger.back')}
          </Link>
        </div>
      </div>
      <p className="muted">
        {t('ledger.printFilters', { filters: filters || t('ledger.noFilters') })} · {t('ledger.printedAt', { time: formatTime(printedAt, language) })}
      </p>
      <ErrorNotice error={error} />
      {!result && !error && <p>{t('common.loading')}</p>}
      {result && (
        <>
          <p data-testid="ledger-count">{t('ledger.count', { n: result.first.total })}</p>
          {result.rows.length === 0 ? <p>{t('ledger.empty')}</p> : <LedgerTable rows={result.rows} />}
          {result.first.mediators.length > 0 && <MediatorFiguresTable mediators={result.first.mediators} />}
        </>
      )}
    </section>
  );
}
