import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError } from '../api/client';
import { adminApi, listAll, listUrl, type Requester } from './adminApi';
import { refusal, refusalText } from './adminErrors';
import type { Page } from './adminTypes';

function json(status: number, body: unknown) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
}

/** The admin API over the app's real ApiClient and a scripted fetch. */
function over(answer: (url: string, init: RequestInit) => Response) {
  const fetchFn = vi.fn(async (url: string, init?: RequestInit) => answer(url, init ?? {}));
  const client = new ApiClient(() => 'tok', fetchFn);
  const request: Requester = (m, u, b) => client.request(m, u, b);
  return { admin: adminApi(request), calls: fetchFn.mock.calls as unknown as [string, RequestInit][] };
}

describe('listUrl', () => {
  it('leaves out empty values, trims and cuts the search to 100, clamps the limit to 1..200', () => {
    expect(listUrl('/api/admin/users')).toBe('/api/admin/users');
    expect(listUrl('/api/admin/users', { q: '  ', after: null, role: undefined })).toBe('/api/admin/users');
    expect(listUrl('/api/admin/users', { q: ' ann ', limit: 500, sort: 'username', role: 'agent' })).toBe(
      '/api/admin/users?q=ann&limit=200&sort=username&role=agent',
    );
    expect(listUrl('/x', { limit: 0 })).toBe('/x?limit=1');
    const url = new URL(listUrl('/x', { q: 'é&'.repeat(80), after: 'c/+=' }), 'http://h');
    expect(url.searchParams.get('q')).toHaveLength(100);
    expect(url.searchParams.get('after')).toBe('c/+=');
  });
});

describe('adminApi', () => {
  it('uses the contract verbs and paths, with the bearer token and a JSON body', async () => {
    const { admin, calls } = over((_url, init) =>
      init.method === 'DELETE' ? new Response(null, { status: 204 }) : json(200, { id: 5 }),
    );
    await admin.users.create({ username: 'ann', password: 'long enough!' });
    await admin.users.patch(5, { enabled: false });
    await admin.users.remove(5);
    await admin.groups.get(9);
    await admin.apiKeys.create('crm');
    await admin.apiKeys.revoke(3);
    await admin.settings.patch({ ringBeep: false });
    await admin.attachedDataKeys.put([{ position: 1, name: 'order', label: 'Order' }]);
    await admin.previewPopup('https://crm/?n={number}', { number: '123' });
    expect(calls.map(([u, i]) => `${i.method} ${u}`)).toEqual([
      'POST /api/admin/users',
      'PATCH /api/admin/users/5',
      'DELETE /api/admin/users/5',
      'GET /api/admin/groups/9',
      'POST /api/admin/api-keys',
      'DELETE /api/admin/api-keys/3',
      'PATCH /api/admin/settings',
      'PUT /api/admin/attached-data-keys',
      'POST /api/admin/popup-rules/preview',
    ]);
    expect((calls[1]![1].headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(JSON.parse(calls[1]![1].body as string)).toEqual({ enabled: false });
    expect(JSON.parse(calls[7]![1].body as string)).toEqual({ keys: [{ position: 1, name: 'order', label: 'Order' }] });
    expect(calls[2]![1].body).toBeUndefined();
  });

  it('listAll follows next cursors to the end, 200 at a time', async () => {
    const pages: Record<string, Page<{ id: number }>> = {
      '': { items: [{ id: 1 }, { id: 2 }], next: 'c1' },
      c1: { items: [{ id: 3 }], next: 'c2' },
      c2: { items: [], next: null },
    };
    const { admin, calls } = over((url) => json(200, pages[new URL(url, 'http://h').searchParams.get('after') ?? '']));
    const all = await listAll((q) => admin.groups.list(q));
    expect(all.map((g) => g.id)).toEqual([1, 2, 3]);
    expect(calls.map(([u]) => u)).toEqual([
      '/api/admin/groups?limit=200',
      '/api/admin/groups?limit=200&after=c1',
      '/api/admin/groups?limit=200&after=c2',
    ]);
  });
});

describe('refusal', () => {
  const invalid = (errors: unknown) =>
    new ApiError(400, { status: 400, code: 'invalid-fields', detail: 'Some fields are wrong', errors } as never, null);

  it('maps errors[] of invalid-fields onto the fields, first message of a field wins', () => {
    const r = refusal(
      invalid([
        { field: 'username', message: 'too long' },
        { field: 'agent.extension', message: 'not a number' },
        { field: 'username', message: 'second' },
        { nonsense: true },
      ]),
      new Set(['username', 'agent.extension']),
    );
    expect(r.fields).toEqual({ username: 'too long', 'agent.extension': 'not a number' });
    expect(r.form).toBe('Some fields need correcting.');
  });

  it('says a field the form does not show as a sentence', () => {
    const r = refusal(invalid([{ field: 'agent.groups[3].id', message: 'no such group' }]), new Set(['username']));
    expect(r.fields).toEqual({});
    expect(r.form).toBe('agent.groups[3].id: no such group');
  });

  it('puts a 409 code as its sentence on its field, or on the form', () => {
    const taken = new ApiError(409, { status: 409, code: 'extension-taken' }, null);
    expect(refusal(taken, new Set(['agent.extension'])).fields).toEqual({
      'agent.extension': 'Another agent already has this extension.',
    });
    expect(refusal(taken, new Set(['username']))).toEqual({
      fields: {},
      form: 'Another agent already has this extension.',
    });
    expect(refusalText(new ApiError(409, { status: 409, code: 'last-admin' }, null))).toMatch(
      /last enabled administrator/,
    );
    expect(refusalText(new ApiError(409, { status: 409, code: 'self' }, null))).toBe(
      'You cannot delete or disable your own user.',
    );
    expect(refusalText(new ApiError(409, { status: 409, code: 'agent-on-call' }, null))).toMatch(/on a call/);
  });

  it('falls back to the problem detail for unknown codes', () => {
    expect(refusalText(new ApiError(409, { status: 409, code: 'new-code', detail: 'Server says no' }, null))).toBe(
      'Server says no',
    );
    expect(refusalText(new ApiError(404, { status: 404, code: 'not-found' }, null))).toMatch(/no longer exists/);
  });
});
