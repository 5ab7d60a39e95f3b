import { Store } from '../util/store';
import { refusalText } from './adminErrors';
import type { ListQuery, Page } from './adminTypes';

export interface ListView<T> {
  items: T[];
  /** Cursor of the next page, or null at the end. */
  next: string | null;
  status: 'idle' | 'loading' | 'loading-more';
  search: string;
  error: string | null;
}

/**
 * One admin list: search, keyset paging with "more" (appends the next page), and refresh after a change.
 * An answer to an older search is dropped, so typing fast never shows the rows of a previous search.
 */
export class ListController<T extends { id: unknown }> {
  readonly view: Store<ListView<T>>;
  private generation = 0;

  constructor(
    private readonly fetchPage: (query: ListQuery) => Promise<Page<T>>,
    private filters: ListQuery = {},
    private readonly pageSize = 50,
  ) {
    this.view = new Store<ListView<T>>({ items: [], next: null, status: 'idle', search: '', error: null });
  }

  /** The first page for `search` (replaces the rows). */
  async load(search: string = this.view.get().search): Promise<void> {
    const gen = ++this.generation;
    this.view.update((v) => ({ ...v, search, status: 'loading', error: null }));
    try {
      const page = await this.fetchPage({ ...this.filters, q: search, limit: this.pageSize });
      if (gen !== this.generation) return;
      this.view.update((v) => ({ ...v, items: page.items, next: page.next, status: 'idle' }));
    } catch (e) {
      if (gen !== this.generation) return;
      this.view.update((v) => ({ ...v, status: 'idle', error: refusalText(e) }));
    }
  }

  /** New filters (e.g. a role) and the first page under them. */
  filter(filters: ListQuery): Promise<void> {
    this.filters = filters;
    return this.load();
  }

  /** Appends the next page; nothing when at the end or already loading. */
  async more(): Promise<void> {
    const v0 = this.view.get();
    if (v0.next == null || v0.status !== 'idle') return;
    const gen = this.generation;
    this.view.set({ ...v0, status: 'loading-more', error: null });
    try {
      const page = await this.fetchPage({ ...this.filters, q: v0.search, limit: this.pageSize, after: v0.next });
      if (gen !== this.generation) return;
      this.view.update((v) => {
        // keyset pages never overlap, but a row created meanwhile may already be shown: keep it once
        const seen = new Set(v.items.map((i) => i.id));
        return {
          ...v,
          items: [...v.items, ...page.items.filter((i) => !seen.has(i.id))],
          next: page.next,
          status: 'idle',
        };
      });
    } catch (e) {
      if (gen !== this.generation) return;
      this.view.update((v) => ({ ...v, status: 'idle', error: refusalText(e) }));
    }
  }

  /** Puts a saved row in place (or at the top when new) without reloading. */
  upsert(item: T): void {
    this.view.update((v) => {
      const at = v.items.findIndex((i) => i.id === item.id);
      if (at < 0) return { ...v, items: [item, ...v.items] };
      const items = v.items.slice();
      items[at] = item;
      return { ...v, items };
    });
  }

  removeLocal(id: T['id']): void {
    this.view.update((v) => ({ ...v, items: v.items.filter((i) => i.id !== id) }));
  }

  fail(message: string | null): void {
    this.view.update((v) => ({ ...v, error: message }));
  }
}
