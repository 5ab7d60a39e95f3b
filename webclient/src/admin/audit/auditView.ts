import type { Id } from '../../api/types';
import type { ListQuery } from '../adminTypes';

/** What an audit entry records (GET /api/admin/audit). */
export type AuditKind = 'admin-change' | 'intervention' | 'refused-call';

export interface AuditEntry {
  id: Id;
  occurredAt: string;
  actor: { id: Id; username: string; displayName: string };
  kind: AuditKind;
  entityType: string;
  entityId: string;
  action: string;
  detail: string;
  outcome: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export const KIND_LABELS: Record<AuditKind, string> = {
  'admin-change': 'Administration change',
  intervention: 'Supervisor intervention',
  'refused-call': 'Refused outside call',
};

/** The filters of the screen; dates are the `yyyy-mm-dd` of date inputs, in the browser's time zone. */
export interface AuditFilters {
  kind: AuditKind | '';
  from: string;
  to: string;
  actor: { id: Id; name: string } | null;
  entity: { type: string; id: string } | null;
}

export const NO_FILTERS: AuditFilters = { kind: '', from: '', to: '', actor: null, entity: null };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Local midnight of a `yyyy-mm-dd` as an instant, or undefined when empty or malformed. */
function dayStart(day: string, plusDays = 0): string | undefined {
  if (!DAY.test(day)) return undefined;
  const [y, m, d] = day.split('-').map(Number);
  const at = new Date(y, m - 1, d + plusDays);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}

/** The list query of the filters: `to` includes its whole day (the API's `to` is exclusive). */
export function auditQuery(f: AuditFilters): ListQuery {
  return {
    kind: f.kind || undefined,
    from: dayStart(f.from),
    to: dayStart(f.to, 1),
    actor: f.actor ? String(f.actor.id) : undefined,
    entityType: f.entity?.type,
    entityId: f.entity?.id || undefined,
  };
}

/** A problem with the chosen period, said before asking the server. */
export function periodProblem(f: AuditFilters): string | null {
  const from = dayStart(f.from);
  const to = dayStart(f.to, 1);
  return from && to && from >= to ? 'The first day must not be after the last day.' : null;
}

const show = (v: unknown): string =>
  v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** The fields a change touched, `name: before → after`, in the order of the after value then the before one. */
export function changes(e: Pick<AuditEntry, 'before' | 'after'>): string[] {
  const before = e.before ?? {};
  const after = e.after ?? {};
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const lines: string[] = [];
  for (const k of keys) {
    const b = before[k];
    const a = after[k];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    if (e.before == null) lines.push(`${k}: ${show(a)}`);
    else if (e.after == null) lines.push(`${k}: ${show(b)} (deleted)`);
    else lines.push(`${k}: ${show(b)} → ${show(a)}`);
  }
  return lines;
}

/** One line saying what happened, e.g. "update queue 7" or "state.not-ready agent 12 (lunch)". */
export function summary(e: AuditEntry): string {
  const target = e.entityId ? `${e.entityType} ${e.entityId}` : e.entityType;
  return `${e.action} ${target}${e.detail ? ` (${e.detail})` : ''}`;
}

/** The outcome as a reader says it: done, refused (with the problem code) or failed. */
export function outcomeText(outcome: string): string {
  if (outcome === 'done') return 'Done';
  if (outcome.startsWith('refused:')) return `Refused (${outcome.slice('refused:'.length)})`;
  return outcome === 'failed' ? 'Failed' : outcome;
}
