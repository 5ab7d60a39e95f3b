import type { Id } from '../api/types';
import type { AuditEntry } from './audit/auditView';
import type { Trunk } from './config/trunkForm';
import type {
  AdminGroup,
  AdminUser,
  ApiKey,
  AttachedDataKeyDef,
  CodedEntry,
  CodedFields,
  CreatedApiKey,
  GroupFields,
  ListQuery,
  Page,
  PopupRule,
  PopupRuleFields,
  TenantSettings,
  UserFields,
} from './adminTypes';

/** One authorized call of the API (the app's client behind the session's 401 renewal). */
export type Requester = <T>(method: string, url: string, body?: unknown) => Promise<T>;

export const MAX_SEARCH = 100;
export const MAX_LIMIT = 200;

/** `?q=&limit=&after=&sort=` plus filters; empty values are left out, the search is trimmed and cut to 100. */
export function listUrl(base: string, query: ListQuery = {}): string {
  const params = new URLSearchParams();
  for (const [key, raw] of Object.entries(query)) {
    if (raw == null) continue;
    let value = String(raw);
    if (key === 'q') value = value.trim().slice(0, MAX_SEARCH);
    if (key === 'limit') value = String(Math.min(MAX_LIMIT, Math.max(1, Math.trunc(Number(raw)) || 1)));
    if (value === '') continue;
    params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `${base}?${qs}` : base;
}

/** List, get, create, patch and delete of one admin collection. */
export interface Resource<T, F> {
  list(query?: ListQuery): Promise<Page<T>>;
  get(id: Id): Promise<T>;
  create(fields: F): Promise<T>;
  patch(id: Id, fields: F): Promise<T>;
  remove(id: Id): Promise<void>;
}

export function resource<T, F>(request: Requester, base: string): Resource<T, F> {
  const one = (id: Id) => `${base}/${encodeURIComponent(String(id))}`;
  return {
    list: (query) => request<Page<T>>('GET', listUrl(base, query)),
    get: (id) => request<T>('GET', one(id)),
    create: (fields) => request<T>('POST', base, fields),
    patch: (id, fields) => request<T>('PATCH', one(id), fields),
    remove: async (id) => {
      await request<void>('DELETE', one(id));
    },
  };
}

export interface Extension {
  id: Id;
  number: string;
  agentId: Id | null;
}

/** Every /api/admin endpoint of the contract. */
export function adminApi(request: Requester) {
  return {
    users: resource<AdminUser, UserFields>(request, '/api/admin/users'),
    groups: resource<AdminGroup, GroupFields>(request, '/api/admin/groups'),
    extensions: resource<Extension, { number: string }>(request, '/api/admin/extensions'),
    reasons: resource<CodedEntry, CodedFields>(request, '/api/admin/reasons'),
    dispositions: resource<CodedEntry, CodedFields>(request, '/api/admin/dispositions'),
    popupRules: resource<PopupRule, PopupRuleFields>(request, '/api/admin/popup-rules'),
    previewPopup: (urlTemplate: string, sample: Record<string, string>) =>
      request<{ url: string }>('POST', '/api/admin/popup-rules/preview', { urlTemplate, sample }),
    apiKeys: {
      list: (query?: ListQuery) => request<Page<ApiKey>>('GET', listUrl('/api/admin/api-keys', query)),
      create: (name: string) => request<CreatedApiKey>('POST', '/api/admin/api-keys', { name }),
      revoke: async (id: Id) => {
        await request<void>('DELETE', `/api/admin/api-keys/${encodeURIComponent(String(id))}`);
      },
    },
    settings: {
      get: () => request<TenantSettings>('GET', '/api/admin/settings'),
      patch: (fields: Partial<TenantSettings>) => request<TenantSettings>('PATCH', '/api/admin/settings', fields),
    },
    trunk: {
      get: () => request<Trunk>('GET', '/api/admin/trunk'),
      patch: (fields: Record<string, unknown>) => request<Trunk>('PATCH', '/api/admin/trunk', fields),
    },
    audit: {
      list: (query?: ListQuery) => request<Page<AuditEntry>>('GET', listUrl('/api/admin/audit', query)),
    },
    attachedDataKeys: {
      get: () => request<{ keys: AttachedDataKeyDef[] }>('GET', '/api/admin/attached-data-keys'),
      put: (keys: AttachedDataKeyDef[]) =>
        request<{ keys: AttachedDataKeyDef[] }>('PUT', '/api/admin/attached-data-keys', { keys }),
    },
  };
}

export type AdminApi = ReturnType<typeof adminApi>;

/** Every item of a list, following `next` (for pickers: groups of an agent, agents of a group). Stops at `max`. */
export async function listAll<T>(
  list: (q: ListQuery) => Promise<Page<T>>,
  query: ListQuery = {},
  max = 2000,
): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const page: Page<T> = await list({ ...query, limit: MAX_LIMIT, after });
    items.push(...page.items);
    after = page.next;
  } while (after != null && items.length < max);
  return items;
}
