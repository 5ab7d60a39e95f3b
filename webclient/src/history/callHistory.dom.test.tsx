// @vitest-environment happy-dom
// The call history page in a DOM, over a fake API that answers like the server: "Yesterday" asks for the tenant's
// yesterday, filters narrow the list, a call opens with its timeline and its recording's player and download link.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { CallHistoryPage } from './CallHistoryPage';
import type { HistoryApi } from './historyApi';
import type { CallDetail, CallPage, CallSummary, HistoryFilters } from './historyTypes';

const alice = { id: 7, name: 'Alice Agent', extension: '1001' };
const c1: CallSummary = {
  id: 11,
  callId: 'c1',
  direction: 'inbound',
  outcome: 'answered',
  queue: { name: 'acme-support', label: 'Support' },
  agent: alice,
  callerNumber: '+4930111',
  callerName: '',
  dialedNumber: null,
  startedAt: '2026-01-14T08:00:00Z',
  answeredAt: '2026-01-14T08:00:10Z',
  endedAt: '2026-01-14T08:02:10Z',
  waitSeconds: 10,
  talkSeconds: 120,
  heldSeconds: 0,
  disposition: { code: 'sale', label: 'Sale' },
  recordings: 1,
};
const detail: CallDetail = {
  ...c1,
  disposition: { code: 'sale', label: 'Sale', note: 'wants a quote', agent: alice, at: '2026-01-14T08:02:30Z' },
  timeline: [
    { at: '2026-01-14T08:00:00Z', kind: 'queued', agent: null, detail: 'Support' },
    { at: '2026-01-14T08:00:02Z', kind: 'ringing', agent: alice, detail: null },
    { at: '2026-01-14T08:00:10Z', kind: 'answered', agent: alice, detail: null },
    { at: '2026-01-14T08:02:10Z', kind: 'ended', agent: null, detail: null },
  ],
  parties: [],
  attachedData: [{ position: 1, key: 'CustomerId', label: 'Customer number', value: 'CRM-1' }],
  notes: [{ source: 'disposition', text: 'wants a quote', at: null }],
  recordings: [
    {
      id: 5,
      startedAt: '2026-01-14T08:00:30Z',
      stoppedAt: null,
      note: null,
      url: '/api/history/calls/11/recordings/5/audio?ticket=t',
      downloadUrl: '/api/history/calls/11/recordings/5/audio?ticket=t&download=1',
    },
  ],
};

function fakeApi() {
  const asked: HistoryFilters[] = [];
  const api: HistoryApi = {
    list: async (filters: HistoryFilters): Promise<CallPage> => {
      asked.push(filters);
      const items = filters.agent === '' || filters.agent === '7' ? [c1] : [];
      return { items, next: null, timeZone: 'Europe/Berlin', from: '', to: '' };
    },
    detail: async () => detail,
  };
  return { api, asked };
}

const settle = () => act(async () => new Promise((r) => setTimeout(r, 0)));

let host: HTMLElement;
afterEach(() => {
  render(null, host);
  host.remove();
});

describe('CallHistoryPage', () => {
  it("asks for the tenant's yesterday, filters by agent and opens a call with its recording", async () => {
    host = document.createElement('div');
    document.body.appendChild(host);
    const { api, asked } = fakeApi();
    await act(() => {
      render(
        <CallHistoryPage
          api={api}
          agents={async () => [
            { value: '7', label: 'Alice Agent (1001)' },
            { value: '8', label: 'Bob (1002)' },
          ]}
          queues={async () => [{ value: 'support', label: 'Support' }]}
          dispositions={[{ code: 'sale', label: 'Sale' }]}
          dataKeys={[]}
          now={() => new Date('2026-01-14T23:30:00Z')}
        />,
        host,
      );
    });
    await settle();
    expect(asked[0].from).toBe('');
    expect(host.textContent).toContain('Times in Europe/Berlin.');
    expect(host.querySelector('tbody tr')?.textContent).toContain('2026-01-14 09:00:00');

    const yesterday = [...host.querySelectorAll('button')].find((b) => b.textContent === 'Yesterday')!;
    await act(() => yesterday.click());
    await settle();
    // 23:30 UTC on the 14th is the 15th in Berlin: yesterday is the 14th
    expect(asked.at(-1)).toMatchObject({ from: '2026-01-14', to: '2026-01-14' });

    const agent = host.querySelector<HTMLSelectElement>('#history-agent')!;
    expect([...agent.options].map((o) => o.textContent)).toEqual(['Any', 'Alice Agent (1001)', 'Bob (1002)']);
    agent.value = '8';
    await act(() => {
      agent.dispatchEvent(new Event('change'));
    });
    await act(() => host.querySelector<HTMLFormElement>('form')!.requestSubmit());
    await settle();
    expect(asked.at(-1)).toMatchObject({ agent: '8', from: '2026-01-14' });
    expect(host.textContent).toContain('No calls match.');

    agent.value = '7';
    await act(() => {
      agent.dispatchEvent(new Event('change'));
    });
    await act(() => host.querySelector<HTMLFormElement>('form')!.requestSubmit());
    await settle();
    await act(() => host.querySelector<HTMLButtonElement>('tbody button.link')!.click());
    await settle();
    const section = host.querySelector('[aria-label="Call detail"]')!;
    expect([...section.querySelectorAll('.timeline li')].map((li) => li.textContent)).toEqual([
      '09:00:00 Queued: Support',
      '09:00:02 Rang Alice Agent (1001)',
      '09:00:10 Answered Alice Agent (1001)',
      '09:02:10 Ended',
    ]);
    expect(section.textContent).toContain('Customer number');
    expect(section.textContent).toContain('wants a quote');
    expect(section.querySelector('audio')?.getAttribute('src')).toBe(
      '/api/history/calls/11/recordings/5/audio?ticket=t',
    );
    const download = section.querySelector<HTMLAnchorElement>('a[download]')!;
    expect(download.getAttribute('href')).toBe('/api/history/calls/11/recordings/5/audio?ticket=t&download=1');
  });
});
