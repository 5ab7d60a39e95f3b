// @vitest-environment happy-dom
// The system user's page against a scripted server: the tenants are listed, a new one is created with its admin,
// a duplicate domain is said on the domain field, and a suspend is asked twice.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/client';
import { systemApi } from './systemApi';
import { SystemHome } from './SystemHome';

const tenant = (id: number, domain: string, status = 'active') => ({
  id,
  domain,
  name: domain.toUpperCase(),
  status,
  createdAt: '2026-01-01T00:00:00Z',
});
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

function mount() {
  const calls: string[] = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method} ${url}${init?.body ? ` ${String(init.body)}` : ''}`);
    if (init?.method === 'POST' && url.endsWith('/suspend')) return json(200, tenant(1, 'acme', 'suspended'));
    if (init?.method === 'POST') {
      const body = JSON.parse(String(init.body));
      if (body.domain === 'acme')
        return json(409, { status: 409, code: 'domain-taken', detail: 'The domain acme is taken.' });
      return json(201, tenant(2, body.domain));
    }
    return json(200, { items: [tenant(1, 'acme')], next: null });
  };
  const client = new ApiClient(() => 'tok', fetchFn);
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    render(
      <SystemHome displayName="Root" api={systemApi((m, u, b) => client.request(m, u, b))} onLogout={async () => {}} />,
      root,
    );
  });
  return { root, calls };
}

const input = (root: HTMLElement, id: string, value: string) => {
  const el = root.querySelector<HTMLInputElement>(`#${id}`)!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
};
const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent?.trim()) === name)!;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('SystemHome', () => {
  it('lists tenants, creates one with its admin and says a taken domain on its field', async () => {
    const { root, calls } = mount();
    await settle();
    expect(root.querySelector('tbody th')?.textContent).toBe('acme');
    input(root, 'tenant-domain', 'acme');
    input(root, 'tenant-name', 'Acme again');
    input(root, 'tenant-admin', 'ann');
    input(root, 'tenant-admin-password', 'long-enough-1');
    await settle();
    button(root, 'Create tenant').click();
    await settle();
    expect(root.querySelector('#tenant-domain')?.getAttribute('aria-invalid')).toBe('true');
    expect(root.textContent).toContain('The domain acme is taken.');
    input(root, 'tenant-domain', 'globex');
    await settle();
    button(root, 'Create tenant').click();
    await settle();
    expect(calls.at(-1)).toContain('"admin":{"username":"ann","displayName":"ann","password":"long-enough-1"}');
    expect([...root.querySelectorAll('tbody th')].map((th) => th.textContent)).toEqual(['globex', 'acme']);
  });

  it('suspends a tenant only after asking', async () => {
    const { root, calls } = mount();
    await settle();
    button(root, 'Suspend acme').click();
    await settle();
    expect(calls.some((c) => c.includes('/suspend'))).toBe(false);
    button(root, 'Yes, suspend').click();
    await settle();
    expect(calls.at(-1)).toContain('POST /api/system/tenants/1/suspend');
    expect(root.querySelector('tbody tr')?.getAttribute('data-status')).toBe('suspended');
  });
});
