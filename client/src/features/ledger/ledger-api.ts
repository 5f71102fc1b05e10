import { LedgerCloseRequestSchema, LedgerQuerySchema, type LedgerCloseRequest, type LedgerResponse } from '@protocol';
import { staffRequest } from '../../api/staff-client.ts';
import { validateRequest } from '../../api/validate.ts';
import { downloadPdf } from '../agreement/download-pdf.ts';

export type { LedgerResponse, LedgerRow, MediatorFigures } from '@protocol';

/** The ledger's filters as the address bar holds them: text, checked by the server's schema before sending. */
export type LedgerSearch = Partial<Record<(typeof LEDGER_KEYS)[number], string>>;

export const LEDGER_KEYS = ['q', 'channel', 'disputeType', 'status', 'areaCode', 'grid', 'mediatorId', 'from', 'to', 'mine', 'followUp', 'page'] as const;

export function searchFromLocation(search: string): LedgerSearch {
  const params = new URLSearchParams(search);
  const query: LedgerSearch = {};
  for (const key of LEDGER_KEYS) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  return query;
}

export function searchString(query: LedgerSearch, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams([...Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]), ...Object.entries(extra)]);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const ledgerApi = {
  list: (query: LedgerSearch, pageSize?: number) => {
    const extra: Record<string, string> = pageSize ? { pageSize: String(pageSize) } : {};
    validateRequest(LedgerQuerySchema, { ...query, ...extra });
    return staffRequest<LedgerResponse>('GET', `/ledger${searchString(query, extra)}`);
  },
  close: (caseId: string, request: LedgerCloseRequest) => staffRequest<{ status: string }>('POST', `/ledger/cases/${encodeURIComponent(caseId)}/close`, validateRequest(LedgerCloseRequestSchema, request)),
  /** The same filter, every row, as a spreadsheet (fetched with the Bearer token, then saved). */
  exportXlsx: (query: LedgerSearch) => {
    const { page: _page, ...filter } = query;
    validateRequest(LedgerQuerySchema, filter);
    return downloadPdf(`/ledger/export.xlsx${searchString(filter)}`, '调解台账.xlsx', 'staff');
  },
};
