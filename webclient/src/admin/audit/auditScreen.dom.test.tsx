// @vitest-environment happy-dom
// The audit screen in a DOM against a scripted server (through the real ApiClient): the newest entries with what
// changed, a filter by the actor of a row and by kind reach the server as query parameters, "More" follows the cursor.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../api/client';
import { adminApi } from '../adminApi';
import type { AuditEntry } from './auditView';
import { AuditScreen } from './AuditScreen';

const entry = (id: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id,
  occurredAt: '2026-01-02T03:04:05Z',
  actor: { id: 5, username: 'sam', displayName: 'Sam Super' },
  kind: 'intervention',
  entityType: 'agent',
  entityId: '12',
  action: 'logout',
  detail: '',
  outcome: 'refused:agent-on-call',
  before: null,
  after: null,
  ...over,
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

function mount() {
  const calls: URL[] = [];
  const fetchFn = async (url: string) => {
    const u = new URL(url, 'http://h');
    calls.push(u);
    if (u.searchParams.get('after') === 'c1')
      return json(200, { items: [entry(1, { action: 'monitor.listen', outcome: 'done' })], next: null });
    return json(200, {
      items: [
        entry(3, {
          kind: 'admin-change',
          entityType: 'queue',
          entityId: '7',
          action: 'update',
          outcome: 'done',
          actor: { id: 2, username: 'ann', displayName: 'Ann Admin' },
          before: { name: 'Support' },
          after: { name: 'Help' },
        }),
        entry(2),
      ],
      next: 'c1',
    });
  };
  const client = new ApiClient(() => 'tok', fetchFn);
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    render(<AuditScreen api={adminApi((m, u, b) => client.request(m, u, b))} />, root);
  });
  return { root, calls };
}

const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('AuditScreen', () => {
  it('shows the newest entries with their changes and outcome, then the next page with More', async () => {
    const { root, calls } = mount();
    await settle();
    expect(calls[0].pathname).toBe('/api/admin/audit');
    const rows = [...root.querySelectorAll('tbody tr')];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain('update queue 7');
    expect(rows[0].textContent).toContain('name: Support → Help');
    expect(rows[1].textContent).toContain('Refused (agent-on-call)');
    button(root, 'More').click();
    await settle();
    expect(calls.at(-1)!.searchParams.get('after')).toBe('c1');
    expect(root.querySelectorAll('tbody tr')).toHaveLength(3);
    expect(button(root, 'More')).toBeUndefined();
  });

  it('filters by the actor of a row and by kind through the query', async () => {
    const { root, calls } = mount();
    await settle();
    button(root, 'Sam Super').click();
    await settle();
    expect(calls.at(-1)!.searchParams.get('actor')).toBe('5');
    const kind = root.querySelector('select')!;
    kind.value = 'admin-change';
    kind.dispatchEvent(new Event('change'));
    await settle();
    expect(calls.at(-1)!.searchParams.get('kind')).toBe('admin-change');
    expect(calls.at(-1)!.searchParams.get('actor')).toBe('5');
    button(root, 'By Sam Super ×').click();
    await settle();
    expect(calls.at(-1)!.searchParams.get('actor')).toBeNull();
  });
});
