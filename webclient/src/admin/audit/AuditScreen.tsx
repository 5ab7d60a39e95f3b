import { useEffect, useState } from 'preact/hooks';
import { useStore } from '../../util/hooks';
import type { AdminApi } from '../adminApi';
import { ListController } from '../listController';
import { auditQuery, changes, KIND_LABELS, NO_FILTERS, outcomeText, periodProblem, summary } from './auditView';
import type { AuditEntry, AuditFilters, AuditKind } from './auditView';

/**
 * The tenant's audit log, newest first: administration changes, supervisor interventions and refused outside calls.
 * Filters: kind, period (days), and, from a row, its actor or its entity. "More" follows the keyset cursor.
 */
export function AuditScreen({ api }: { api: AdminApi }) {
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [list] = useState(() => new ListController<AuditEntry>((q) => api.audit.list(q), auditQuery(NO_FILTERS)));
  const view = useStore(list.view);
  const problem = periodProblem(filters);
  useEffect(() => {
    if (!problem) void list.filter(auditQuery(filters));
  }, [filters, list, problem]);
  const set = (change: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...change }));

  return (
    <section class="admin-screen" aria-label="Audit log">
      <h2>Audit log</h2>
      <form class="team-filters" aria-label="Audit filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Kind
          <select value={filters.kind} onChange={(e) => set({ kind: e.currentTarget.value as AuditKind | '' })}>
            <option value="">All</option>
            {(Object.keys(KIND_LABELS) as AuditKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={filters.from} onChange={(e) => set({ from: e.currentTarget.value })} />
        </label>
        <label>
          To
          <input type="date" value={filters.to} onChange={(e) => set({ to: e.currentTarget.value })} />
        </label>
        {filters.actor && (
          <button
            type="button"
            class="chip"
            aria-label={`Stop showing only ${filters.actor.name}`}
            onClick={() => set({ actor: null })}
          >
            By {filters.actor.name} ×
          </button>
        )}
        {filters.entity && (
          <button
            type="button"
            class="chip"
            aria-label="Stop showing only this item"
            onClick={() => set({ entity: null })}
          >
            {filters.entity.type} {filters.entity.id} ×
          </button>
        )}
        <span class="muted" role="status" aria-live="polite">
          {view.status === 'loading' ? 'Loading…' : `${view.items.length}${view.next ? '+' : ''} entries`}
        </span>
      </form>
      {(problem ?? view.error) && (
        <p class="form-problem" role="alert">
          {problem ?? view.error}
        </p>
      )}
      <table class="team-table admin-table">
        <thead>
          <tr>
            {['When', 'Who', 'What', 'Changes', 'Outcome'].map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {view.items.map((e) => (
            <tr key={e.id} class="admin-row" data-kind={e.kind}>
              <td>{new Date(e.occurredAt).toLocaleString()}</td>
              <td>
                <button
                  type="button"
                  class="link"
                  title="Show only this person's entries"
                  onClick={() => set({ actor: { id: e.actor.id, name: e.actor.displayName } })}
                >
                  {e.actor.displayName}
                </button>
              </td>
              <th scope="row">
                <span class="muted">{KIND_LABELS[e.kind]}: </span>
                <button
                  type="button"
                  class="link"
                  title="Show only this item's entries"
                  onClick={() => set({ entity: { type: e.entityType, id: e.entityId } })}
                >
                  {summary(e)}
                </button>
              </th>
              <td>
                <ul class="audit-changes">
                  {changes(e).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </td>
              <td>{outcomeText(e.outcome)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {view.status === 'idle' && view.items.length === 0 && !view.error && <p class="muted">No entries found.</p>}
      {view.next != null && (
        <button type="button" onClick={() => void list.more()} disabled={view.status !== 'idle'}>
          {view.status === 'loading-more' ? 'Loading…' : 'More'}
        </button>
      )}
    </section>
  );
}
