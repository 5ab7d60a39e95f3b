import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api/client';
import {
  chartsOf,
  columnLabel,
  formatCell,
  perInterval,
  serviceLevel,
  stateTimePerAgent,
  visibleColumns,
} from './reportModel';
import type {
  AuditEntryKind,
  ReportChoices,
  ReportInterval,
  ReportKind,
  ReportPage,
  ReportParams,
  ReportsApi,
} from './reportsApi';
import { StateBars } from './StateBars';
import { TimeChart } from './TimeChart';
import './reports.css';

const KINDS: { kind: ReportKind; label: string }[] = [
  { kind: 'agents', label: 'Agent performance' },
  { kind: 'queues', label: 'Queues' },
  { kind: 'pauses', label: 'Not Ready reasons' },
  { kind: 'audit', label: 'Audit log' },
];

/** The calendar day before today in a time zone (today there minus one day: right on 23- and 25-hour days). */
export function yesterdayIn(timeZone: string, now: Date = new Date()): string {
  let today: string;
  try {
    today = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      now,
    );
  } catch {
    today = now.toISOString().slice(0, 10);
  }
  const [y, m, d] = today.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}

interface Props {
  api: ReportsApi;
  /** Saves a downloaded file (the browser's download; tests record it). */
  save?: (fileName: string, blob: Blob) => void;
  now?: () => Date;
}

function browserSave(fileName: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function message(e: unknown): string {
  if (e instanceof ApiError) return e.problem?.detail ?? e.message;
  return 'The server could not be reached. Try again.';
}

/**
 * Reports for supervisors and admins: pick a report, a period of local days, an interval and a group or agent;
 * the table shows a page (more with "More"), charts show what is easier seen than read, and "Download CSV"
 * fetches the whole report as the server streams it.
 */
export function ReportsScreen({ api, save = browserSave, now = () => new Date() }: Props) {
  const [choices, setChoices] = useState<ReportChoices | null>(null);
  const [params, setParams] = useState<ReportParams | null>(null);
  const [page, setPage] = useState<ReportPage | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.choices().then(
      (c) => {
        setChoices(c);
        const day = yesterdayIn(c.timeZone, now());
        setParams({ kind: 'agents', from: day, to: day, interval: 'day' });
      },
      (e) => setError(message(e)),
    );
  }, [api]);

  const run = async (p: ReportParams, cursor?: string | null) => {
    setBusy(true);
    setError(null);
    try {
      const next = await api.page(p, cursor);
      setPage((prev) => (cursor && prev ? { ...next, items: [...prev.items, ...next.items] } : next));
    } catch (e) {
      setError(message(e));
      if (!cursor) setPage(null);
    } finally {
      setBusy(false);
    }
  };

  const download = async () => {
    if (!params) return;
    setError(null);
    try {
      const file = await api.csv(params);
      save(file.fileName, file.blob);
    } catch (e) {
      setError(message(e));
    }
  };

  const set = (change: Partial<ReportParams>) => setParams((p) => (p ? { ...p, ...change } : p));

  if (!params || !choices) {
    return (
      <section class="reports" aria-label="Reports">
        {error ? (
          <p role="alert">{error}</p>
        ) : (
          <p class="muted" role="status">
            Loading…
          </p>
        )}
      </section>
    );
  }
  return (
    <section class="reports" aria-label="Reports">
      <form
        class="report-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(params);
        }}
      >
        <label>
          Report
          <select
            aria-label="Report"
            value={params.kind}
            onChange={(e) => {
              const kind = e.currentTarget.value as ReportKind;
              set({
                kind,
                interval:
                  kind === 'pauses' || kind === 'audit'
                    ? 'period'
                    : params.interval === 'period'
                      ? 'day'
                      : params.interval,
              });
              setPage(null);
            }}
          >
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input
            aria-label="From"
            type="date"
            required
            value={params.from}
            onInput={(e) => set({ from: e.currentTarget.value })}
          />
        </label>
        <label>
          To
          <input
            aria-label="To"
            type="date"
            required
            value={params.to}
            onInput={(e) => set({ to: e.currentTarget.value })}
          />
        </label>
        {params.kind !== 'audit' && (
          <label>
            Interval
            <select
              aria-label="Interval"
              value={params.interval}
              onChange={(e) => set({ interval: e.currentTarget.value as ReportInterval })}
            >
              <option value="hour">Hour</option>
              <option value="day">Day</option>
              <option value="period">Whole period</option>
            </select>
          </label>
        )}
        {params.kind === 'audit' && (
          <label>
            Entries
            <select
              aria-label="Entries"
              value={params.entryKind ?? ''}
              onChange={(e) => set({ entryKind: (e.currentTarget.value || undefined) as AuditEntryKind | undefined })}
            >
              <option value="">All</option>
              <option value="intervention">Supervisor interventions</option>
              <option value="admin-change">Administration changes</option>
              <option value="refused-call">Refused outside calls</option>
            </select>
          </label>
        )}
        <label>
          Group
          <select
            aria-label="Group"
            value={params.groupId ?? ''}
            onChange={(e) => set({ groupId: e.currentTarget.value || undefined })}
          >
            <option value="">All my groups</option>
            {choices.groups.map((g) => (
              <option key={g.id} value={String(g.id)}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
        {params.kind !== 'queues' && (
          <label>
            Agent
            <select
              aria-label="Agent"
              value={params.agentId ?? ''}
              onChange={(e) => set({ agentId: e.currentTarget.value || undefined })}
            >
              <option value="">All agents</option>
              {choices.agents.map((a) => (
                <option key={a.id} value={String(a.id)}>
                  {a.name} ({a.number})
                </option>
              ))}
            </select>
          </label>
        )}
        {params.kind === 'pauses' && (
          <label>
            Per
            <select
              aria-label="Per"
              value={params.by ?? 'agent'}
              onChange={(e) => set({ by: e.currentTarget.value as 'agent' | 'group' })}
            >
              <option value="agent">Agent</option>
              <option value="group">Group</option>
            </select>
          </label>
        )}
        <button type="submit" disabled={busy}>
          Show
        </button>
        <button type="button" onClick={() => void download()}>
          Download CSV
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
      {page && <ReportView page={page} />}
      {page?.next && (
        <button type="button" disabled={busy} onClick={() => void run(params, page.next)}>
          More
        </button>
      )}
    </section>
  );
}

function ReportView({ page }: { page: ReportPage }) {
  const columns = useMemo(() => visibleColumns(page.columns), [page]);
  const charts = chartsOf(page.report, page);
  const calls = useMemo(
    () =>
      page.report === 'queues'
        ? perInterval(page.items, [
            { column: 'answered', label: 'Answered' },
            { column: 'abandoned', label: 'Abandoned' },
          ])
        : perInterval(page.items, [
            { column: 'answered', label: 'Answered' },
            { column: 'missed', label: 'Missed' },
            { column: 'made', label: 'Made' },
          ]),
    [page],
  );
  if (page.items.length === 0) {
    return <p class="muted">Nothing happened in this period.</p>;
  }
  return (
    <>
      <div class="report-charts">
        {charts.includes('states') && <StateBars agents={stateTimePerAgent(page.items)} />}
        {charts.includes('calls') && (
          <TimeChart title="Calls per interval" data={calls} kind="bars" timeZone={page.timeZone} />
        )}
        {charts.includes('serviceLevel') && (
          <TimeChart
            title="Service level over time"
            data={serviceLevel(page.items)}
            kind="line"
            timeZone={page.timeZone}
            yLabel="%"
          />
        )}
      </div>
      <div class="report-table">
        <table>
          <caption>
            {KINDS.find((k) => k.kind === page.report)?.label}, {page.from} to {page.to} ({page.timeZone})
          </caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {columnLabel(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {page.items.map((row, i) => (
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c}>{formatCell(c, row[c] ?? null, page.interval)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
