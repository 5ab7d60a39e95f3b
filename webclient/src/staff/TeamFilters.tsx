import type { Id } from '../api/types';
import { SORT_TEXT, STATUS_FILTER_TEXT, type SortKey, type StatusFilter, type TeamQuery } from './teamQuery';
import type { TeamQueue } from './teamTypes';

interface Props {
  query: TeamQuery;
  groups: TeamQueue[];
  shown: number;
  total: number;
  onChange: (q: TeamQuery) => void;
}

/** Search, filter by state and group, sort. */
export function TeamFilters({ query, groups, shown, total, onChange }: Props) {
  const set = (p: Partial<TeamQuery>) => onChange({ ...query, ...p });
  return (
    <form class="team-filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label>
        Search
        <input
          type="search"
          value={query.search}
          placeholder="Name, extension or caller"
          onInput={(e) => set({ search: (e.currentTarget as HTMLInputElement).value })}
        />
      </label>
      <label>
        Show
        <select
          value={query.status}
          onChange={(e) => set({ status: (e.currentTarget as HTMLSelectElement).value as StatusFilter })}
        >
          {(Object.keys(STATUS_FILTER_TEXT) as StatusFilter[]).map((k) => (
            <option key={k} value={k}>
              {STATUS_FILTER_TEXT[k]}
            </option>
          ))}
        </select>
      </label>
      {groups.length > 1 && (
        <label>
          Group
          <select
            value={query.groupId == null ? '' : String(query.groupId)}
            onChange={(e) => {
              const v = (e.currentTarget as HTMLSelectElement).value;
              set({ groupId: v === '' ? null : (Number(v) as Id) });
            }}
          >
            <option value="">All groups</option>
            {groups.map((g) => (
              <option key={g.groupId} value={String(g.groupId)}>
                {g.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        Sort by
        <select
          value={query.sort}
          onChange={(e) => set({ sort: (e.currentTarget as HTMLSelectElement).value as SortKey })}
        >
          {(Object.keys(SORT_TEXT) as SortKey[]).map((k) => (
            <option key={k} value={k}>
              {SORT_TEXT[k]}
            </option>
          ))}
        </select>
      </label>
      <button type="button" aria-pressed={query.descending} onClick={() => set({ descending: !query.descending })}>
        {query.descending ? 'Descending' : 'Ascending'}
      </button>
      <span class="muted" role="status" aria-live="polite">
        {shown === total ? `${total} agents` : `${shown} of ${total} agents`}
      </span>
    </form>
  );
}
