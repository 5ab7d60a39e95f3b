import { ApiError, type FetchFn } from '../api/client';
import type { Problem } from '../api/types';

export type ReportKind = 'agents' | 'queues' | 'pauses' | 'audit';
/** What the audit report lists: everything of the scope, or one kind of entry. */
export type AuditEntryKind = 'intervention' | 'admin-change' | 'refused-call';
export type ReportInterval = 'hour' | 'day' | 'period';

/** What the screen asks for; dates are the tenant's local days, `to` inclusive. */
export interface ReportParams {
  kind: ReportKind;
  from: string;
  to: string;
  interval: ReportInterval;
  groupId?: string;
  agentId?: string;
  by?: 'agent' | 'group';
  /** The audit report's filter. */
  entryKind?: AuditEntryKind;
}

export type Cell = string | number | null;

/** One page of a report as the server sends it: every row is an object keyed by the column names. */
export interface ReportPage {
  report: ReportKind;
  from: string;
  to: string;
  interval: ReportInterval;
  timeZone: string;
  columns: string[];
  items: Record<string, Cell>[];
  next: string | null;
}

export interface ReportChoices {
  timeZone: string;
  groups: { id: number; name: string; queue: string; serviceLevelThreshold: number }[];
  agents: { id: number; number: string; name: string }[];
}

/** The query string of a report request (without paging): only what is set. */
export function reportQuery(p: ReportParams): URLSearchParams {
  // the audit report is a list of entries: it has no interval
  const q = new URLSearchParams({ from: p.from, to: p.to });
  if (p.kind !== 'audit') q.set('interval', p.interval);
  if (p.groupId) q.set('groupId', p.groupId);
  if (p.agentId) q.set('agentId', p.agentId);
  if (p.kind === 'pauses' && p.by === 'group') q.set('by', 'group');
  if (p.kind === 'audit' && p.entryKind) q.set('kind', p.entryKind);
  return q;
}

export interface ReportsApi {
  choices(): Promise<ReportChoices>;
  page(p: ReportParams, cursor?: string | null): Promise<ReportPage>;
  /** The whole report as CSV (the server streams it); resolves to the file's name and contents. */
  csv(p: ReportParams): Promise<{ fileName: string; blob: Blob }>;
}

type Request = <T>(method: string, url: string) => Promise<T>;

/**
 * The report endpoints. JSON goes through the app's API client; the CSV is fetched with the same bearer token
 * (a plain link would carry none) and handed over as a Blob.
 */
export function reportsApi(request: Request, getToken: () => string | null, fetchFn: FetchFn = fetch): ReportsApi {
  return {
    choices: () => request<ReportChoices>('GET', '/api/reports/choices'),
    page: (p, cursor) => {
      const q = reportQuery(p);
      if (cursor) q.set('cursor', cursor);
      return request<ReportPage>('GET', `/api/reports/${p.kind}?${q}`);
    },
    csv: async (p) => {
      const token = getToken();
      const headers: Record<string, string> = { Accept: 'text/csv, application/problem+json' };
      if (token) headers.Authorization = `Bearer ${token}`;
      const res = await fetchFn(`/api/reports/${p.kind}?${reportQuery(p)}`, { method: 'GET', headers });
      if (!res.ok) {
        let problem: Problem | null;
        try {
          problem = (await res.json()) as Problem;
        } catch {
          problem = null;
        }
        throw new ApiError(res.status, problem, null);
      }
      const disposition = res.headers.get('content-disposition') ?? '';
      const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `${p.kind}.csv`;
      return { fileName: name, blob: await res.blob() };
    },
  };
}
