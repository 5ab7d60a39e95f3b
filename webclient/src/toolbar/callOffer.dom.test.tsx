// @vitest-environment happy-dom
// Part A end to end inside the client: push messages (as the server sends them) → LiveController →
// AgentToolbar in a DOM, with the ring alert and the CRM popup. Stands in for the browser e2e until
// the server can be made to send call offers.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallOffer, SessionInfo } from '../api/types';
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
    notReadyReasons: [{ code: 'login', label: 'Login' }],
    allowEndWrapupEarly: true,
    attachedDataKeys: [{ position: 6, name: 'Segment' }],
  },
};

const INJECTION = '<img src=x onerror="window.__pwned=1">';
const CRM = 'https://crm.example.com/contact?id=CRM-4711';

function richOffer(extra: Partial<CallOffer> = {}): CallOffer {
  return offer({
    attachedData: [
      { position: 4, key: 'Website', value: 'https://evil.example/<b>x</b>' },
      { position: 1, key: 'CustomerName', value: 'Zoë Müller' },
      { position: 2, key: 'PreferredContactChannel', value: 'phone and e-mail' },
      { position: 3, key: 'Notes', value: '' },
      { position: 5, key: 'Html', value: INJECTION },
      { position: 6, key: '', value: 'gold' },
    ],
    popup: { url: CRM, openOn: 'answer' },
    ...extra,
  });
}

function setup(opts: { popupBlocked?: boolean; config?: Partial<SessionInfo['config']> } = {}) {
  const session = { ...SESSION, config: { ...SESSION.config, ...opts.config } };
  let socket: FakeSocket | null = null;
  const live = new LiveController({
    api: {
      getAgentState: vi.fn(async () => agentState('READY')),
      setAgentState: vi.fn(),
      endWrapup: vi.fn(),
    },
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
  const ring = new RingAlert(ringer, notifier, ringFlags(session.config));
  const open = vi.fn(() => (opts.popupBlocked ? null : { opener: {} }));
  const storage = new MemoryStorage();
  const calls = new CallEffects(live, ring, new PopupOpener({ storage, open, locks: new FakeLocks() }));
  const root = document.createElement('div');
  document.body.append(root);
  act(() => {
    live.start();
    calls.start();
    render(
      <AgentToolbar
        session={session}
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
  const push = async (msg: unknown) => {
    await act(async () => socket!.push(msg));
    await act(async () => {}); // let popup promises settle and re-render
  };
  const panel = () => root.querySelector<HTMLElement>('section[aria-label="Current call"]');
  const rows = () =>
    [...root.querySelectorAll<HTMLElement>('.attached-row')].map((row) => ({
      shown: row.querySelector('dt [aria-hidden="true"]')?.textContent ?? row.querySelector('dt')!.textContent,
      title: row.querySelector('dt')!.getAttribute('title'),
      name: row.querySelector('dt .visually-hidden')?.textContent ?? row.querySelector('dt')!.textContent,
      value: row.querySelector('dd')!.textContent,
    }));
  const cleanup = () => {
    act(() => render(null, root));
    calls.stop();
    live.stop();
    root.remove();
  };
  return { live, ringer, notifier, open, storage, root, push, panel, rows, cleanup };
}

let t: ReturnType<typeof setup>;
beforeEach(() => {
  (window as unknown as { __pwned?: number }).__pwned = undefined;
});
afterEach(() => t?.cleanup());

describe('call offer in the toolbar', () => {
  it('shows caller, queue, ringing state and attached data in the tenant order', async () => {
    t = setup();
    await t.push({ type: 'welcome', state: agentState('READY') });
    expect(t.panel()).toBeNull();
    await t.push({ type: 'call.offer', call: richOffer() });

    const panel = t.panel()!;
    expect(panel).not.toBeNull();
    expect(panel.querySelector('[data-testid="call-state"]')!.textContent).toBe('Ringing');
    expect(panel.querySelector('[data-testid="caller-name"]')!.textContent).toBe('Zoë Müller');
    expect(panel.querySelector('[data-testid="caller-number"]')!.textContent).toBe('+4930123456');
    expect(panel.querySelector('[data-testid="call-queue"]')!.textContent).toBe('Support');
    expect(t.rows()).toEqual([
      { shown: 'CustomerName', title: null, name: 'CustomerName', value: 'Zoë Müller' },
      {
        shown: 'PreferredContac…',
        title: 'PreferredContactChannel',
        name: 'PreferredContactChannel',
        value: 'phone and e-mail',
      },
      { shown: 'Notes', title: null, name: 'Notes', value: '—empty' },
      { shown: 'Website', title: null, name: 'Website', value: 'https://evil.example/<b>x</b>' },
      { shown: 'Html', title: null, name: 'Html', value: INJECTION },
      { shown: 'Segment', title: null, name: 'Segment', value: 'gold' },
    ]);
  });

  it('renders values as text only: no link, no markup, no script', async () => {
    t = setup();
    await t.push({ type: 'welcome', state: agentState('READY') });
    await t.push({ type: 'call.offer', call: richOffer() });
    const data = t.root.querySelector('dl.attached-data')!;
    expect(data.querySelectorAll('a, img, b, script')).toHaveLength(0);
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('adds data pushed later by a CRM', async () => {
    t = setup();
    await t.push({ type: 'welcome', state: agentState('READY') });
    await t.push({ type: 'call.offer', call: offer() });
    await t.push({
      type: 'call.data',
      callId: 'c-1',
      attachedData: [{ position: 3, key: 'TicketNumber', value: 'T-42' }],
    });
    expect(t.rows().map((r) => `${r.name}=${r.value}`)).toEqual([
      'CustomerId=CRM-4711',
      'Address=Hauptstraße 5, 10115 Berlin',
      'TicketNumber=T-42',
    ]);
  });

  it('rings (beep + notification) while ringing and stops on answer', async () => {
    t = setup();
    await t.push({ type: 'welcome', state: agentState('READY') });
    await t.push({ type: 'call.offer', call: richOffer() });
    expect(t.ringer.start).toHaveBeenCalled();
    expect(t.notifier.show).toHaveBeenCalledWith('c-1', {
      title: 'Incoming call – Support',
      body: 'Zoë Müller (+4930123456)',
    });
    await t.push({ type: 'agent.state', state: agentState('READY', { state: 'RINGING' }, T0 + 1000) });
    expect(t.ringer.stop).not.toHaveBeenCalled();
    await t.push({ type: 'agent.state', state: agentState('READY', { state: 'TALKING' }, T0 + 5000) });
    expect(t.ringer.stop).toHaveBeenCalled();
    expect(t.notifier.close).toHaveBeenCalled();
    expect(t.panel()!.querySelector('[data-testid="call-state"]')!.textContent).toBe('Talking');
  });

  it('stops ringing when the call goes away unanswered', async () => {
    t = setup();
    await t.push({ type: 'welcome', state: agentState('READY') });
    await t.push({ type: 'agent.state', state: agentState('READY', { state: 'RINGING' }, T0 + 1000) });
    await t.push({ type: 'call.offer', call: offer() });
    expect(t.ringer.start).toHaveBeenCalled();
    await t.push({ type: 'agent.state', state: agentState('READY', null, T0 + 9000) });
    expect(t.ringer.stop).toHaveBeenCalled();
    expect(t.panel()).toBeNull();
  });

  it('neither beeps nor notifies when the tenant turned both off', async () => {
    t = setup({ config: { ringBeep: false, ringNotification: false } });
    await t.push({ type: 'welcome', state: agentState('READY') });
    await t.push({ type: 'call.offer', call: offer() });
    expect(t.ringer.start).not.toHaveBeenCalled();
    expect(t.notifier.show).not.toHaveBeenCalled();
  });

  it('opens the popup on answer (openOn answer), once, in the named window', async () => {
    t = setup();
    await t.push({ type: 'welcome', state: agentState('READY') });
    await t.push({ type: 'call.offer', call: richOffer() });
    expect(t.open).not.toHaveBeenCalled();
    await t.push({ type: 'agent.state', state: agentState('READY', { state: 'TALKING' }, T0 + 5000) });
    expect(t.open).toHaveBeenCalledWith(CRM, 'tandem-crm');
    await t.push({ type: 'agent.state', state: agentState('READY', { state: 'HELD' }, T0 + 6000) });
    await t.push({ type: 'agent.state', state: agentState('READY', { state: 'TALKING' }, T0 + 7000) });
    expect(t.open).toHaveBeenCalledTimes(1);
    expect(t.storage.getItem('tandem.popup.c-1')).not.toBeNull();
    expect(t.root.textContent).toContain('CRM record opened');
    expect(t.root.querySelector('a')).toBeNull();
  });

  it('opens the popup on ring (openOn ring)', async () => {
    t = setup();
    await t.push({ type: 'welcome', state: agentState('READY') });
    await t.push({ type: 'call.offer', call: richOffer({ popup: { url: CRM, openOn: 'ring' } }) });
    expect(t.open).toHaveBeenCalledWith(CRM, 'tandem-crm');
  });

  it('shows an "Open CRM record" link when the browser blocks the popup', async () => {
    t = setup({ popupBlocked: true });
    await t.push({ type: 'welcome', state: agentState('READY') });
    await t.push({ type: 'call.offer', call: richOffer({ popup: { url: CRM, openOn: 'ring' } }) });
    const link = [...t.root.querySelectorAll('a')].find((a) => a.textContent === 'Open CRM record')!;
    expect(link).toBeDefined();
    expect(link.getAttribute('href')).toBe(CRM);
    expect(link.getAttribute('target')).toBe('tandem-crm');
    expect(t.root.textContent).toContain('blocked');
  });

  it('never opens nor links a javascript: popup URL', async () => {
    t = setup({ popupBlocked: true });
    await t.push({ type: 'welcome', state: agentState('READY') });
    await t.push({ type: 'call.offer', call: richOffer({ popup: { url: 'javascript:alert(1)', openOn: 'ring' } }) });
    expect(t.open).not.toHaveBeenCalled();
    expect(t.root.querySelector('a')).toBeNull();
  });
});
