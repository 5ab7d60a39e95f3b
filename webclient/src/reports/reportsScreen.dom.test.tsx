// @vitest-environment happy-dom
// The reports screen in a DOM against a scripted server (through the real ApiClient): it opens on yesterday in the
// tenant's zone, shows the table with readable durations, follows "More", downloads the CSV with the token, and
// says a problem of the server as a sentence.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/client';
import { reportsApi } from './reportsApi';
import { ReportsScreen } from './ReportsScreen';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

const columns = ['intervalStart', 'agentId', 'agentNumber', 'agentName', 'signedIn', 'talk', 'answered'];
const row = (id: number, name: string) => ({
  intervalStart: '2026-03-28T00:00:00+01:00',
  agentId: id,
  agentNumber: String(1000 + id),
  agentName: name,
  signedIn: 7200,
  talk: 570,
  answered: 1,
});
const page = (items: unknown[], next: string | null) => ({
  report: 'agents',
  from: '2026-03-28',
  to: '2026-03-28',
  interval: 'day',
  timeZone: 'Europe/Berlin',
  columns,
  items,
  next,
});

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

function mount() {
  const calls: { url: string; headers: Record<string, string> }[] = [];
  const saved: { name: string; text: Promise<string> }[] = [];
  const fetchFn = async (url: string, init?: RequestInit) => {
    calls.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
    const u = new URL(url, 'http://h');
    if (u.pathname === '/api/reports/choices') {
      return json(200, {
        timeZone: 'Europe/Berlin',
        groups: [{ id: 5, name: 'Support', queue: 'q', serviceLevelThreshold: 20 }],
        agents: [{ id: 1, number: '1001', name: 'Alice' }],
      });
    }
    if (u.searchParams.get('from') === '2026-03-30') {
      return json(400, { status: 400, code: 'invalid-period', detail: "'to' must not be before 'from'." });
    }
    if ((init?.headers as Record<string, string>)?.Accept?.startsWith('text/csv')) {
      return new Response('intervalStart,agentId\r\n2026-03-28T00:00:00+01:00,1\r\n', {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="agents-2026-03-28-2026-03-28.csv"',
        },
      });
    }
    if (u.pathname === '/api/reports/audit') {
      return json(200, {
        report: 'audit',
        from: '2026-03-28',
        to: '2026-03-28',
        interval: 'period',
        timeZone: 'Europe/Berlin',
        columns: ['occurredAt', 'entryId', 'kind', 'actorUserId', 'actorName', 'action', 'agentName', 'outcome'],
        items: [
          {
            occurredAt: '2026-03-28T09:00:00+01:00',
            entryId: 7,
            kind: 'intervention',
            actorUserId: 3,
            actorName: 'Sam',
            action: 'logout',
            agentName: 'Alice',
            outcome: 'done',
          },
        ],
        next: null,
      });
    }
    if (u.searchParams.get('cursor') === '1') return json(200, page([row(2, 'Bob')], null));
    return json(200, page([row(1, 'Alice')], '1'));
  };
  const client = new ApiClient(() => 'tok', fetchFn);
  const api = reportsApi(
    <T,>(m: string, u: string) => client.request<T>(m, u),
    () => 'tok',
    fetchFn,
  );
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    render(
      <ReportsScreen
        api={api}
        now={() => new Date('2026-03-29T10:00:00Z')}
        save={(name, blob) => saved.push({ name, text: blob.text() })}
      />,
      root,
    );
  });
  return { root, calls, saved };
}

const button = (root: HTMLElement, name: string) =>
  [...root.querySelectorAll('button')].find((b) => b.textContent === name);
const input = (root: HTMLElement, label: string) =>
  [...root.querySelectorAll('label')]
    .find((l) => l.textContent?.startsWith(label))!
    .querySelector('input, select') as HTMLInputElement;

afterEach(() => {
  document.body.innerHTML = '';
});

describe('ReportsScreen', () => {
  it('opens on yesterday and shows a page as a table, "More" appends the next', async () => {
    const { root, calls } = mount();
    await settle();
    expect(input(root, 'From').value).toBe('2026-03-28');
    expect(input(root, 'To').value).toBe('2026-03-28');
    await act(async () => button(root, 'Show')!.click());
    await settle();
    expect(calls.map((c) => c.url)).toContain('/api/reports/agents?from=2026-03-28&to=2026-03-28&interval=day');
    const headings = [...root.querySelectorAll('thead th')].map((th) => th.textContent);
    expect(headings).toEqual(['Interval', 'Agent', 'Name', 'Signed in', 'Talk', 'Answered']);
    const cells = () =>
      [...root.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(cells()).toEqual([['2026-03-28', '1001', 'Alice', '2:00:00', '0:09:30', '1']]);
    // the state-time bars show for the agent report
    expect(root.querySelector('.state-bars')?.textContent).toContain('Alice (1001)');
    await act(async () => button(root, 'More')!.click());
    await settle();
    expect(cells().map((c) => c[2])).toEqual(['Alice', 'Bob']);
    expect(button(root, 'More')).toBeUndefined();
  });

  it('downloads the CSV with the bearer token and the file name the server gave', async () => {
    const { root, calls, saved } = mount();
    await settle();
    await act(async () => button(root, 'Download CSV')!.click());
    await settle();
    const csv = calls.find((c) => c.headers.Accept?.startsWith('text/csv'))!;
    expect(csv.headers.Authorization).toBe('Bearer tok');
    expect(saved[0]!.name).toBe('agents-2026-03-28-2026-03-28.csv');
    expect(await saved[0]!.text).toBe('intervalStart,agentId\r\n2026-03-28T00:00:00+01:00,1\r\n');
  });

  it('shows the audit log as a table of entries, with no interval and a filter by kind', async () => {
    const { root, calls } = mount();
    await settle();
    const report = input(root, 'Report');
    await act(async () => {
      report.value = 'audit';
      report.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect([...root.querySelectorAll('label')].some((l) => l.textContent?.startsWith('Interval'))).toBe(false);
    const entries = input(root, 'Entries');
    await act(async () => {
      entries.value = 'intervention';
      entries.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await act(async () => button(root, 'Show')!.click());
    await settle();
    expect(calls.map((c) => c.url)).toContain('/api/reports/audit?from=2026-03-28&to=2026-03-28&kind=intervention');
    expect([...root.querySelectorAll('thead th')].map((th) => th.textContent)).toEqual([
      'When',
      'Kind',
      'By',
      'Action',
      'Name',
      'Outcome',
    ]);
    expect([...root.querySelectorAll('tbody td')].map((td) => td.textContent)).toEqual([
      '2026-03-28 09:00:00',
      'intervention',
      'Sam',
      'logout',
      'Alice',
      'done',
    ]);
    expect(root.querySelector('caption')?.textContent).toContain('Audit log');
  });

  it("says the server's problem as a sentence", async () => {
    const { root } = mount();
    await settle();
    const from = input(root, 'From');
    await act(async () => {
      from.value = '2026-03-30';
      from.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(async () => button(root, 'Show')!.click());
    await settle();
    expect(root.querySelector('[role=alert]')?.textContent).toBe("'to' must not be before 'from'.");
    await act(async () => button(root, 'Download CSV')!.click());
    await settle();
    expect(root.querySelector('[role=alert]')?.textContent).toBe("'to' must not be before 'from'.");
  });
});
