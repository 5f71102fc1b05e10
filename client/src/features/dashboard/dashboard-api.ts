import { StatisticsQuerySchema, type StatisticsQuery, type StatisticsResponse } from '@protocol';
import { staffRequest } from '../../api/staff-client.ts';
import { validateRequest } from '../../api/validate.ts';

export type { StatisticsFigures, StatisticsQuery, StatisticsResponse } from '@protocol';

/** The filters as they stand in the address bar (`/dashboard?from=2026-01&to=2026-06`); checked when sent. */
export function queryFromSearch(search: string): StatisticsQuery {
  const params = new URLSearchParams(search);
  const query: Record<string, string> = {};
  for (const key of ['from', 'to', 'disputeType', 'areaCode'] as const) {
    const value = params.get(key);
    if (value) query[key] = value;
  }
  return query as StatisticsQuery;
}

export function searchOf(query: StatisticsQuery): string {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]));
  const search = params.toString();
  return search ? `?${search}` : '';
}

export const statisticsApi = {
  /** Checked against the server's own schema first, so a bad filter is refused the same way here. */
  get: (query: StatisticsQuery) => staffRequest<StatisticsResponse>('GET', `/statistics${searchOf(validateRequest(StatisticsQuerySchema, query))}`),
};
