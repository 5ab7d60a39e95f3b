// @vitest-environment happy-dom
// The users screen in a DOM against a scripted server (through the real ApiClient): "More" follows the cursor,
// a delete is asked twice, and a 409 of the server is said as a sentence while the row stays.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../api/client';
import { adminApi } from '../adminApi';
import type { AdminUser } from '../adminTypes';
import { UsersScreen } from './UsersScreen';

const user = (id: number, username: string): AdminUser => ({
  id,
  username,
  displayName: username.toUpperCase(),
  role: 'supervisor',
  enabled: true,
  agent: null,
  supervises: [],
});

const json = (status: number, body: unknown) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

function mount() {
  const calls: string[] = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method} ${url}`);
    const u = new URL(url, 'http://h');
    if (u.pathname === '/api/admin/groups') return json(200, { items: [], next: null });
    if (init?.method === 'DELETE' && u.pathname.endsWith('/2')) return json(409, { status: 409, code: 'last-admin' });
    if (init?.method === 'DELETE') return new Response(null, { status: 204 });
    if (u.searchParams.get('after') === 'c1') return json(200, { items: [user(3, 'carol')], next: null });
    return json(200, { items: [user(1, 'ann'), user(2, 'ada')], next: 'c1' });
  };
  const client = new ApiClient(() => 'tok', fetchFn);
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    render(<UsersScreen api={adminApi((m, u, b) => client.request(m, u, b))} selfId={99} />, root);
  });
  return { root, calls };
}

const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === name)!;
const rowNames = (root: HTMLElement) => [...root.querySelectorAll('tbody th')].map((th) => th.textContent);

afterEach(() => {
  document.body.innerHTML = '';
});

describe('UsersScreen', () => {
  it('appends the next page with More and hides More at the end', async () => {
    const { root, calls } = mount();
    await settle();
    expect(rowNames(root)).toEqual(['ann', 'ada']);
    await act(async () => button(root, 'More').click());
    await settle();
    expect(rowNames(root)).toEqual(['ann', 'ada', 'carol']);
    expect(button(root, 'More')).toBeUndefined();
    expect(calls).toContain('GET /api/admin/users?limit=50&after=c1&sort=username');
  });

  it('deletes only after Yes, and says a refusal as a sentence', async () => {
    const { root, calls } = mount();
    await settle();
    await act(async () => button(root, 'Delete ann').click());
    expect(calls.some((c) => c.startsWith('DELETE'))).toBe(false);
    expect(root.textContent).toContain('Delete ann for good?');
    await act(async () => button(root, 'Yes, delete').click());
    await settle();
    expect(rowNames(root)).toEqual(['ada']);
    await act(async () => button(root, 'Delete ada').click());
    await act(async () => button(root, 'Yes, delete').click());
    await settle();
    expect(rowNames(root)).toEqual(['ada']);
    expect(root.querySelector('.admin-list [role=alert]')!.textContent).toMatch(/last enabled administrator/);
  });
});
