import { describe, expect, it } from 'vitest';
import type { ListQuery, Page } from './adminTypes';
import { ListController } from './listController';
import { ApiError } from '../api/client';

type Row = { id: number; name: string };

/** A fake server list: keyset over `rows` filtered by q, cursor = last id. */
function server(rows: Row[]) {
  const queries: ListQuery[] = [];
  const fetchPage = async (q: ListQuery): Promise<Page<Row>> => {
    queries.push(q);
    const match = rows.filter((r) => !q.q || r.name.includes(String(q.q)));
    const after = q.after == null ? -Infinity : Number(q.after);
    const items = match.filter((r) => r.id > after).slice(0, Number(q.limit));
    const last = items[items.length - 1];
    return { items, next: last && match.some((r) => r.id > last.id) ? String(last.id) : null };
  };
  return { fetchPage, queries };
}

const rows = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, name: i % 2 ? `bob${i}` : `ann${i}` }));

describe('ListController', () => {
  it('pages with more until next is null, passing search, filters and cursor', async () => {
    const s = server(rows);
    const list = new ListController<Row>(s.fetchPage, { role: 'agent' }, 2);
    await list.load();
    expect(list.view.get().items.map((r) => r.id)).toEqual([1, 2]);
    await list.more();
    await list.more();
    expect(list.view.get()).toMatchObject({ next: null, status: 'idle' });
    expect(list.view.get().items.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    await list.more(); // at the end: no request
    expect(s.queries).toEqual([
      { role: 'agent', q: '', limit: 2 },
      { role: 'agent', q: '', limit: 2, after: '2' },
      { role: 'agent', q: '', limit: 2, after: '4' },
    ]);
  });

  it('filter replaces the filters and loads the first page under them', async () => {
    const s = server(rows);
    const list = new ListController<Row>(s.fetchPage, {}, 2);
    await list.load('bob');
    await list.filter({ role: 'admin' });
    expect(s.queries.at(-1)).toEqual({ role: 'admin', q: 'bob', limit: 2 });
  });

  it('a new search replaces the rows and the answer of an older search is dropped', async () => {
    let release: (p: Page<Row>) => void = () => {};
    const answers: Promise<Page<Row>>[] = [
      new Promise((r) => (release = r)),
      Promise.resolve({ items: [rows[1]!], next: null }),
    ];
    const list = new ListController<Row>(async () => answers.shift()!);
    const slow = list.load('a');
    await list.load('bob');
    release({ items: [rows[0]!], next: 'x' });
    await slow;
    expect(list.view.get()).toMatchObject({ search: 'bob', items: [rows[1]], next: null });
  });

  it('shows a failure as a sentence and keeps the rows', async () => {
    let fail = false;
    const s = server(rows);
    const list = new ListController<Row>(
      async (q) => {
        if (fail) throw new ApiError(403, { code: 'forbidden' }, null);
        return s.fetchPage(q);
      },
      {},
      2,
    );
    await list.load();
    fail = true;
    await list.more();
    expect(list.view.get().items).toHaveLength(2);
    expect(list.view.get().error).toBe('Only administrators may change this.');
  });

  it('upsert replaces a row in place or puts a new one first; removeLocal drops it', async () => {
    const list = new ListController<Row>(server(rows).fetchPage, {}, 3);
    await list.load();
    list.upsert({ id: 2, name: 'renamed' });
    list.upsert({ id: 9, name: 'new' });
    list.removeLocal(1);
    expect(list.view.get().items).toEqual([{ id: 9, name: 'new' }, { id: 2, name: 'renamed' }, rows[2]]);
  });
});
