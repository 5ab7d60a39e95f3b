import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ListController } from '../listController';
import { useStore } from '../../util/hooks';

interface Props<T extends { id: unknown }> {
  list: ListController<T>;
  /** Plural noun for the counts, e.g. "users". */
  noun: string;
  searchLabel: string;
  placeholder?: string;
  /** The table's head cells. */
  head: string[];
  row: (item: T) => ComponentChildren;
  actions?: ComponentChildren;
}

/** Search (debounced), a table of the loaded rows, "More" while the server has a next page. */
export function ListShell<T extends { id: unknown }>({
  list,
  noun,
  searchLabel,
  placeholder,
  head,
  row,
  actions,
}: Props<T>) {
  const view = useStore(list.view);
  const [text, setText] = useState(view.search);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    void list.load();
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [list]);
  const search = (value: string) => {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void list.load(value), 250);
  };
  return (
    <div class="admin-list">
      <form class="team-filters" role="search" onSubmit={(e) => (e.preventDefault(), void list.load(text))}>
        <label>
          {searchLabel}
          <input
            type="search"
            value={text}
            maxLength={100}
            placeholder={placeholder}
            onInput={(e) => search(e.currentTarget.value)}
          />
        </label>
        {actions}
        <span class="muted" role="status" aria-live="polite">
          {view.status === 'loading' ? 'Loading…' : `${view.items.length}${view.next ? '+' : ''} ${noun}`}
        </span>
      </form>
      {view.error && (
        <p class="form-problem" role="alert">
          {view.error}
        </p>
      )}
      <table class="team-table admin-table">
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{view.items.map((item) => row(item))}</tbody>
      </table>
      {view.status === 'idle' && view.items.length === 0 && !view.error && <p class="muted">No {noun} found.</p>}
      {view.next != null && (
        <button type="button" onClick={() => void list.more()} disabled={view.status !== 'idle'}>
          {view.status === 'loading-more' ? 'Loading…' : 'More'}
        </button>
      )}
    </div>
  );
}
