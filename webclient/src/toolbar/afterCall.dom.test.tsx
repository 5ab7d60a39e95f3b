// @vitest-environment happy-dom
// After-call work in the toolbar: push messages as the server sends them → LiveController → AgentToolbar in a DOM,
// with the HTTP API answered at fetch: the disposition picker (required), the callback form prefilled from the
// call, the agenda and the due reminder's "Call now".
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Callback, SessionInfo } from '../api/types';
import { RingAlert, ringFlags } from '../alerts/ringAlert';
import { CallEffects } from '../calls/callEffects';
import { PopupOpener } from '../calls/popup';
import { LiveController } from '../live/liveController';
import { FakeSocket } from '../test/fakeSocket';
import { FakeLocks, MemoryStorage } from '../test/memoryStorage';
import { T0, agentState, iso, offer } from '../test/fixtures';
import { AgentToolbar } from './AgentToolbar';

const SESSION: SessionInfo = {
  accessToken: 'tok',
  expiresAt: iso(T0 + 600_000),
  user: { id: 1, username: 'alice', displayName: 'Alice Agent', role: 'agent' },
  tenant: { domain: 'acme', name: 'Acme' },
  agent: { id: 7, number: '7', extension: '1001' },
  config: {
    notReadyReasons: [{ code: 'break', label: 'Break' }],
    allowEndWrapupEarly: true,
    attachedDataKeys: [],
    dispositions: [
      { code: 'resolved', label: 'Resolved' },
      { code: 'callback', label: 'Call back later' },
    ],
    dispositionRequired: true,
  },
};

const due: Callback = {
  id: 9,
  dueAt: iso(Date.now() - 1000),
  number: '+4930123456',
  name: 'Zoë Müller',
  note: 'Quote',
  callId: 'c-1',
  status: 'open',
  remindedAt: iso(Date.now()),
  createdAt: iso(Date.now() - 60_000),
};

type Handler = (method: string, url: string, body: unknown) => { status: number; body?: unknown };

function setup(api: Handler) {
  const requests: Array<{ method: string; url: string; body: unknown }> = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    requests.push({ method: init.method ?? 'GET', url, body });
    const answer = api(init.method ?? 'GET', url, body);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': answer.status >= 400 ? 'application/problem+json' : 'application/json' },
    });
  });
  let socket: FakeSocket | null = null;
  const live = new LiveController({
    api: { getAgentState: vi.fn(async () => agentState('READY')), setAgentState: vi.fn(), endWrapup: vi.fn() },
    session: {
      getToken: () => 'tok',
      renew: async () => ({ kind: 'renewed', token: 'tok' }),
      authorized: (call) => call(),
      endedRemotely: () => {},
      onTokenRenewed: () => () => {},
    },
    isAgent: true,
    pushUrl: 'ws://test/api/push',
    createSocket: () => (socket = new FakeSocket()),
  });
  const ringer = { start: vi.fn(), stop: vi.fn(), unlock: vi.fn(), ringing: false };
  const notifier = { show: vi.fn(), close: vi.fn(), permission: 'granted' as const, requestPermission: vi.fn() };
  const ring = new RingAlert(ringer, notifier, ringFlags(SESSION.config));
  const calls = new CallEffects(
    live,
    ring,
    new PopupOpener({ storage: new MemoryStorage(), open: vi.fn(), locks: new FakeLocks() }),
  );
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    live.start();
    calls.start();
    render(
      <AgentToolbar
        session={SESSION}
        live={live}
        calls={calls}
        alerts={{ ringer, notifier } as never}
        onLogout={async () => {}}
      />,
      root,
    );
  });
  socket!.readyState = 1;
  socket!.onopen?.({});
  const settle = async () => {
    for (let i = 0; i < 5; i++) await act(async () => {});
  };
  const push = async (msg: unknown) => {
    await act(async () => socket!.push(msg));
    await settle();
  };
  const byText = (selector: string, text: string) =>
    [...root.querySelectorAll<HTMLElement>(selector)].find((e) => e.textContent?.trim() === text) ?? null;
  const click = async (el: HTMLElement | null) => {
    expect(el).not.toBeNull();
    await act(async () => el!.click());
    await settle();
  };
  const type = async (el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string) => {
    await act(async () => {
      el.value = value;
      el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
    });
  };
  const cleanup = () => {
    act(() => render(null, root));
    calls.stop();
    live.stop();
    root.remove();
    vi.unstubAllGlobals();
  };
  return { root, push, byText, click, type, requests, settle, cleanup };
}

let t: ReturnType<typeof setup>;
afterEach(() => t?.cleanup());

const wrapup = (owed: string | null, serverTimeMs: number) => ({
  ...agentState('WRAPUP', null, serverTimeMs),
  wrapupEndsAt: iso(Date.now() + 30_000),
  dispositionOwed: owed,
});

describe('after-call work in the toolbar', () => {
  it('a required disposition holds wrap-up until saved; a callback is scheduled from the call', async () => {
    t = setup((method, url, body) => {
      if (method === 'GET' && url === '/api/callbacks') return { status: 200, body: { callbacks: [] } };
      if (method === 'PUT' && url === '/api/calls/c-1/disposition')
        return {
          status: 200,
          body: { callId: 'c-1', code: 'resolved', label: 'Resolved', note: (body as { note: string }).note },
        };
      if (method === 'POST' && url === '/api/callbacks')
        return { status: 201, body: { ...due, ...(body as object), id: 10, dueAt: (body as { dueAt: string }).dueAt } };
      return { status: 404, body: { code: 'not-found' } };
    });
    await t.push({ type: 'welcome', state: agentState('READY') });
    await t.push({ type: 'call.offer', call: offer() });
    await t.push({ type: 'agent.state', state: agentState('READY', { state: 'TALKING' }, T0 + 1) });
    await t.push({ type: 'agent.state', state: wrapup('c-1', T0 + 2) });

    const label = t.root.querySelector('form[aria-label="Disposition"] label')!;
    expect(label.textContent).toBe('Disposition (required)');
    expect(t.byText('.disposition-reason', 'Choose a disposition for this call to leave wrap-up.')).not.toBeNull();
    const endWrapup = t.byText('button', 'End wrap-up') as HTMLButtonElement;
    expect(endWrapup.disabled).toBe(true);

    // saved without a choice: says so, sends nothing
    await t.click(t.byText('button', 'Save disposition'));
    expect(t.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);

    await t.type(t.root.querySelector<HTMLSelectElement>('form[aria-label="Disposition"] select')!, 'resolved');
    await t.type(t.root.querySelector<HTMLInputElement>('form[aria-label="Disposition"] input')!, 'Fixed it');
    await t.click(t.byText('button', 'Save disposition'));
    expect(t.requests.find((r) => r.method === 'PUT')).toEqual({
      method: 'PUT',
      url: '/api/calls/c-1/disposition',
      body: { code: 'resolved', note: 'Fixed it' },
    });
    expect(t.root.querySelector('.disposition-saved')!.textContent).toBe('Disposition saved: Resolved');
    await t.push({ type: 'agent.state', state: wrapup(null, T0 + 3) });
    expect((t.byText('button', 'End wrap-up') as HTMLButtonElement).disabled).toBe(false);

    await t.click(t.byText('button', 'Schedule a callback'));
    const form = t.root.querySelector<HTMLFormElement>('form[aria-label="Callback"]')!;
    const inputs = form.querySelectorAll<HTMLInputElement>('input');
    expect(inputs[2].value).toBe('+4930123456');
    expect(inputs[3].value).toBe('Zoë Müller');
    await t.type(form.querySelector('textarea')!, 'Send the quote');
    await t.click(t.byText('button', 'Schedule callback'));
    const created = t.requests.find((r) => r.method === 'POST' && r.url === '/api/callbacks')!;
    expect(created.body).toMatchObject({
      number: '+4930123456',
      name: 'Zoë Müller',
      note: 'Send the quote',
      callId: 'c-1',
    });
    expect(t.root.querySelectorAll('[data-testid="callback"]')).toHaveLength(1);
  });

  it('a due callback shows a reminder whose "Call now" dials it; the agenda loses it', async () => {
    t = setup((method, url) => {
      if (method === 'GET' && url === '/api/callbacks') return { status: 200, body: { callbacks: [] } };
      if (method === 'POST' && url === '/api/callbacks/9/dial')
        return { status: 200, body: { callId: '1795315638.0' } };
      return { status: 404, body: { code: 'not-found' } };
    });
    await t.push({ type: 'welcome', state: agentState('NOT_READY') });
    expect(t.root.querySelector('[data-testid="callback-reminder"]')).toBeNull();
    await t.push({ type: 'callback.due', callback: due });
    const reminder = t.root.querySelector<HTMLElement>('[data-testid="callback-reminder"]')!;
    expect(reminder.textContent).toContain('Callback due: Zoë Müller (+4930123456)');
    expect(t.root.querySelectorAll('[data-testid="callback"]')).toHaveLength(1);
    await t.click(reminder.querySelector('button'));
    expect(t.requests.some((r) => r.method === 'POST' && r.url === '/api/callbacks/9/dial')).toBe(true);
    expect(t.root.querySelector('[data-testid="callback-reminder"]')).toBeNull();
    expect(t.root.querySelectorAll('[data-testid="callback"]')).toHaveLength(0);
  });

  it('Pending Not Ready says what it waits for', async () => {
    t = setup(() => ({ status: 200, body: { callbacks: [] } }));
    await t.push({
      type: 'welcome',
      state: {
        ...agentState('PENDING_NOT_READY', { state: 'TALKING' }, T0 + 5),
        reason: { code: 'break', label: 'Break' },
      },
    });
    expect(t.root.querySelector('[data-testid="agent-state"]')!.textContent).toBe('Not Ready pending: Break');
    expect(t.root.querySelector('[data-testid="pending-hint"]')!.textContent).toBe('after this call');
  });
});
