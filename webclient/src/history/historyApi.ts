import type { Id } from '../api/types';
import type { CallDetail, CallPage, HistoryFilters } from './historyTypes';

/** One authorized call of the API (the app's client behind the session's 401 renewal). */
export type Requester = <T>(method: string, url: string, body?: unknown) => Promise<T>;

export const PAGE_SIZE = 50;

/**
 * `GET /api/history/calls?…`: the filled filters (trimmed; a data value only with its key), the page size and the
 * cursor of the page before.
 */
export function historyUrl(filters: HistoryFilters, after: string | null = null, limit = PAGE_SIZE): string {
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(filters)) {
    const value = raw.trim();
    if (value === '') continue;
    if (key === 'dataValue' && filters.dataKey.trim() === '') continue;
    if (key === 'dataKey' && filters.dataValue.trim() === '') continue;
    params.set(key, value);
  }
  params.set('limit', String(limit));
  if (after) params.set('after', after);
  return `/api/history/calls?${params.toString()}`;
}

export function historyApi(request: Requester) {
  return {
    list: (filters: HistoryFilters, after: string | null = null) =>
      request<CallPage>('GET', historyUrl(filters, after)),
    detail: (id: Id) => request<CallDetail>('GET', `/api/history/calls/${encodeURIComponent(String(id))}`),
  };
}

export type HistoryApi = ReturnType<typeof historyApi>;
