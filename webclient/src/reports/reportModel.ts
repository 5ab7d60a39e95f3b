import type { Cell, ReportKind, ReportPage } from './reportsApi';

/** Column headings people read; reason columns are "Not Ready: <code>". */
const LABELS: Record<string, string> = {
  intervalStart: 'Interval',
  agentId: 'Agent id',
  agentNumber: 'Agent',
  agentName: 'Name',
  signedIn: 'Signed in',
  ready: 'Ready',
  notReady: 'Not Ready',
  ringing: 'Ringing',
  talk: 'Talk',
  hold: 'Hold',
  wrapup: 'Wrap-up',
  offered: 'Offered',
  answered: 'Answered',
  missed: 'Missed',
  made: 'Made',
  connected: 'Connected',
  averageHandling: 'AHT',
  groupId: 'Group id',
  queue: 'Queue',
  groupName: 'Group',
  serviceLevelThreshold: 'SL threshold (s)',
  abandoned: 'Abandoned',
  other: 'Other',
  answeredInThreshold: 'In threshold',
  serviceLevelCalls: 'SL calls',
  serviceLevelPercent: 'Service level %',
  averageWait: 'Avg wait',
  longestWait: 'Longest wait',
  averageTalk: 'Avg talk',
  averageAbandonWait: 'Avg wait before abandon',
  abandonedIn10: 'Abandoned ≤10 s',
  abandonedIn30: '≤30 s',
  abandonedIn60: '≤60 s',
  abandonedIn120: '≤120 s',
  abandonedAfter120: '>120 s',
  reasonCode: 'Reason code',
  reasonLabel: 'Reason',
  count: 'Count',
  seconds: 'Time',
  occurredAt: 'When',
  kind: 'Kind',
  actorName: 'By',
  actorRole: 'Role',
  action: 'Action',
  targetKind: 'Target',
  targetId: 'Target id',
  detail: 'Detail',
  outcome: 'Outcome',
  before: 'Before',
  after: 'After',
};

/** Columns holding seconds, shown as h:mm:ss. */
const DURATIONS = new Set([
  'signedIn',
  'ready',
  'notReady',
  'ringing',
  'talk',
  'hold',
  'wrapup',
  'averageHandling',
  'averageWait',
  'longestWait',
  'averageTalk',
  'averageAbandonWait',
  'seconds',
]);

/** Columns the table leaves out (ids are for links and filters, not for reading). */
const HIDDEN = new Set(['agentId', 'groupId', 'entryId', 'actorUserId']);

export function columnLabel(column: string): string {
  if (column.startsWith('notReady_')) return `Not Ready: ${column.slice('notReady_'.length)}`;
  return LABELS[column] ?? column;
}

export function visibleColumns(columns: string[]): string[] {
  return columns.filter((c) => !HIDDEN.has(c));
}

export function isDuration(column: string): boolean {
  return DURATIONS.has(column) || column.startsWith('notReady_');
}

/** Seconds as h:mm:ss (a whole day and more stays in hours: 26:00:00). */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}`;
}

/** "2026-03-29T03:00:00+02:00" as the tenant's local time the server wrote: date, and hour for hourly rows. */
export function formatInterval(value: string, interval: string): string {
  const date = value.slice(0, 10);
  if (interval !== 'hour') return date;
  return `${date} ${value.slice(11, 16)} (UTC${value.slice(19) || 'Z'})`;
}

export function formatCell(column: string, value: Cell, interval: string): string {
  if (value == null) return '–';
  if (column === 'intervalStart' && typeof value === 'string') return formatInterval(value, interval);
  // an audit entry's time: the tenant's local date and time the server wrote, to the second
  if (column === 'occurredAt' && typeof value === 'string') return `${value.slice(0, 10)} ${value.slice(11, 19)}`;
  if (typeof value === 'number' && isDuration(column)) return formatDuration(value);
  if (column === 'serviceLevelPercent' && typeof value === 'number') return `${value.toFixed(1)} %`;
  return String(value);
}

/** A time series for the charts: x in seconds since the epoch, one array per series. */
export interface Series {
  x: number[];
  series: { label: string; values: (number | null)[] }[];
}

/** Sums the rows per interval (over agents or queues) for the given numeric columns. */
export function perInterval(rows: Record<string, Cell>[], columns: { column: string; label: string }[]): Series {
  const byStart = new Map<number, Record<string, number>>();
  for (const row of rows) {
    const x = Date.parse(String(row.intervalStart)) / 1000;
    const sums = byStart.get(x) ?? {};
    for (const { column } of columns) {
      const v = row[column];
      if (typeof v === 'number') sums[column] = (sums[column] ?? 0) + v;
    }
    byStart.set(x, sums);
  }
  const x = [...byStart.keys()].sort((a, b) => a - b);
  return {
    x,
    series: columns.map(({ column, label }) => ({ label, values: x.map((t) => byStart.get(t)?.[column] ?? 0) })),
  };
}

/** Service level per interval over all queues of the page: in threshold / (answered + late abandons). */
export function serviceLevel(rows: Record<string, Cell>[]): Series {
  const sums = perInterval(rows, [
    { column: 'answeredInThreshold', label: 'in' },
    { column: 'serviceLevelCalls', label: 'calls' },
  ]);
  const [inThreshold, calls] = sums.series;
  return {
    x: sums.x,
    series: [
      {
        label: 'Service level %',
        values: sums.x.map((_, i) => {
          const n = calls!.values[i] ?? 0;
          return n === 0 ? null : Math.round((1000 * (inThreshold!.values[i] ?? 0)) / n) / 10;
        }),
      },
    ],
  };
}

export const STATE_PARTS = [
  { column: 'ready', label: 'Ready' },
  { column: 'notReady', label: 'Not Ready' },
  { column: 'ringing', label: 'Ringing' },
  { column: 'talk', label: 'Talk' },
  { column: 'hold', label: 'Hold' },
  { column: 'wrapup', label: 'Wrap-up' },
] as const;

export interface AgentStateTime {
  agentId: number;
  name: string;
  total: number;
  parts: { column: string; label: string; seconds: number }[];
}

/** State time per agent over the rows of the page (all intervals added up), for the stacked bars. */
export function stateTimePerAgent(rows: Record<string, Cell>[]): AgentStateTime[] {
  const byAgent = new Map<number, AgentStateTime>();
  for (const row of rows) {
    const id = Number(row.agentId);
    let a = byAgent.get(id);
    if (!a) {
      a = {
        agentId: id,
        name: `${row.agentName ?? ''} (${row.agentNumber ?? ''})`,
        total: 0,
        parts: STATE_PARTS.map((p) => ({ ...p, seconds: 0 })),
      };
      byAgent.set(id, a);
    }
    for (const part of a.parts) {
      const v = row[part.column];
      if (typeof v === 'number') {
        part.seconds += v;
        a.total += v;
      }
    }
  }
  return [...byAgent.values()];
}

/** Which charts a report shows. */
export function chartsOf(kind: ReportKind, page: ReportPage | null): ('calls' | 'serviceLevel' | 'states')[] {
  if (!page || page.items.length === 0) return [];
  if (kind === 'queues') return page.interval === 'period' ? [] : ['calls', 'serviceLevel'];
  if (kind === 'agents') return page.interval === 'period' ? ['states'] : ['states', 'calls'];
  return [];
}
