import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { AgentStateView } from '../api/types';
import type { RenewResult } from '../push/pushClient';
import { FakeSocket } from '../test/fakeSocket';
import { UNCONFIRMED_OFFER_TTL_MS } from '../calls/callBook';
import { offer } from '../test/fixtures';
import { LiveController, type AgentApi, type SessionPort } from './liveController';

const NOW = Date.parse('2025-01-01T10:00:00.000Z');

function state(status: AgentStateView['status'], serverTimeOffsetMs = 0): AgentStateView {
  return {
    agentId: 7,
    status,
    reason: null,
    since: new Date(NOW - 5000).toISOString(),
    wrapupEndsAt: null,
    call: null,
    serverTime: new Date(NOW + serverTimeOffsetMs).toISOString(),
  };
}

function setup() {
  const clock = { now: NOW };
  const sockets: FakeSocket[] = [];
  const api = {
    getAgentState: vi.fn(async () => state('NOT_READY')),
    setAgentState: vi.fn(async () => state('READY', 10)),
    endWrapup: vi.fn(async () => state('READY', 10)),
  } satisfies AgentApi;
  const session: SessionPort = {
    getToken: () => 'tok',
    renew: vi.fn(async (): Promise<RenewResult> => ({ kind: 'renewed', token: 'tok2' })),
    authorized: (call) => call(),
    endedRemotely: vi.fn(),
    onTokenRenewed: () => () => {},
  };
  const live = new LiveController({
    api,
    session,
    isAgent: true,
    pushUrl: 'ws://h/api/push',
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    now: () => clock.now,
  });
  const open = () => {
    const s = sockets.at(-1)!;
    s.readyState = 1;
    s.onopen?.({});
    return s;
  };
  return { api, session, live, sockets, open, clock };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('LiveController', () => {
  it('takes the state from the HTTP fetch and push, with the skew measured', async () => {
    const t = setup();
    t.live.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.live.view.get().agentState?.status).toBe('NOT_READY');
    const s = t.open();
    s.push({ type: 'welcome', state: state('NOT_READY', 1) });
    s.push({ type: 'agent.state', state: state('READY', 2000) });
    expect(t.live.view.get()).toMatchObject({ connection: 'connected', skewMs: 2000 });
    expect(t.live.view.get().agentState?.status).toBe('READY');
  });

  it('ignores a state older than the one shown', async () => {
    const t = setup();
    t.live.start();
    await vi.advanceTimersByTimeAsync(0);
    const s = t.open();
    s.push({ type: 'agent.state', state: state('READY', 100) });
    s.push({ type: 'agent.state', state: state('NOT_READY', 50) });
    expect(t.live.view.get().agentState?.status).toBe('READY');
  });

  it('shows the server refusal detail in the alert', async () => {
    const t = setup();
    t.api.setAgentState.mockRejectedValueOnce(
      new ApiError(409, { code: 'wrapup-in-progress', detail: 'Wrap-up is still running' }, null),
    );
    t.live.start();
    await t.live.ready();
    expect(t.live.view.get()).toMatchObject({ alert: 'Wrap-up is still running', busy: false });
    await t.live.notReady('lunch');
    expect(t.api.setAgentState).toHaveBeenLastCalledWith({ status: 'NOT_READY', reasonCode: 'lunch' });
    expect(t.live.view.get()).toMatchObject({ alert: null, busy: false });
  });

  it('marks the state stale from the loss of a channel that was up until it is back and the state is read again', async () => {
    const t = setup();
    t.live.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.live.view.get().staleSince).toBeNull(); // connecting for the first time is not "lost"
    t.open().push({ type: 'welcome', state: null });
    t.clock.now = NOW + 1000;
    t.sockets.at(-1)!.onclose?.({ code: 1006 });
    expect(t.live.view.get().staleSince).toBe(NOW + 1000);
    t.api.getAgentState.mockRejectedValueOnce(new Error('still down'));
    await vi.advanceTimersByTimeAsync(500);
    t.open().push({ type: 'welcome', state: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.live.view.get().staleSince).toBe(NOW + 1000); // back, but the state could not be read
    t.sockets.at(-1)!.onclose?.({ code: 1006 });
    await vi.advanceTimersByTimeAsync(2000);
    t.open().push({ type: 'welcome', state: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.live.view.get().staleSince).toBeNull();
  });

  it('re-fetches the state after a reconnect', async () => {
    const t = setup();
    t.live.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.api.getAgentState).toHaveBeenCalledTimes(1);
    t.open().push({ type: 'welcome', state: null });
    t.sockets.at(-1)!.onclose?.({ code: 1006 });
    expect(t.live.view.get().connection).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(500);
    t.open().push({ type: 'welcome', state: null });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.api.getAgentState).toHaveBeenCalledTimes(2);
  });

  it('passes session.ended to the session', async () => {
    const t = setup();
    t.live.start();
    t.open().push({ type: 'session.ended', reason: 'logout' });
    expect(t.session.endedRemotely).toHaveBeenCalled();
  });

  it('keeps call offers and their later data, and drops them when the call ends', async () => {
    const t = setup();
    t.live.start();
    await vi.advanceTimersByTimeAsync(0);
    const s = t.open();
    s.push({ type: 'welcome', state: state('READY', 1) });
    s.push({ type: 'call.offer', call: offer() });
    expect(Object.keys(t.live.view.get().calls)).toEqual(['c-1']);
    s.push({ type: 'call.data', callId: 'c-1', attachedData: [{ position: 3, key: 'Ticket', value: 'T-42' }] });
    expect(t.live.view.get().calls['c-1']?.offer.attachedData.map((d) => d.key)).toEqual([
      'CustomerId',
      'Address',
      'Ticket',
    ]);
    const ringing = {
      ...state('READY', 2),
      call: { callId: 'c-1', kind: 'QUEUE', state: 'RINGING', since: '', answered: false },
    };
    s.push({ type: 'agent.state', state: ringing });
    expect(t.live.view.get().calls['c-1']?.confirmed).toBe(true);
    s.push({ type: 'agent.state', state: state('WRAPUP', 3) });
    expect(t.live.view.get().calls).toEqual({});
  });

  it('drops an offer the agent state never confirmed after a minute', async () => {
    const t = setup();
    t.live.start();
    await vi.advanceTimersByTimeAsync(0);
    const s = t.open();
    s.push({ type: 'welcome', state: state('READY', 1) });
    s.push({ type: 'call.offer', call: offer() });
    // The controller's clock is frozen at NOW in this setup; move it on with the timers.
    t.clock.now = NOW + UNCONFIRMED_OFFER_TTL_MS;
    await vi.advanceTimersByTimeAsync(UNCONFIRMED_OFFER_TTL_MS);
    expect(t.live.view.get().calls).toEqual({});
  });
});

describe('phone system link', () => {
  it('follows the welcome and pbx.link messages, and stays unknown without a phone system', async () => {
    const t = setup();
    t.live.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.live.view.get().pbxUp).toBeNull();
    const s = t.open();
    s.push({ type: 'welcome', state: state('NOT_READY'), pbxUp: true });
    expect(t.live.view.get().pbxUp).toBe(true);
    s.push({ type: 'pbx.link', up: false });
    expect(t.live.view.get().pbxUp).toBe(false);
    s.push({ type: 'pbx.link', up: true });
    expect(t.live.view.get().pbxUp).toBe(true);
    s.push({ type: 'welcome', state: state('NOT_READY'), pbxUp: null });
    expect(t.live.view.get().pbxUp).toBeNull();
  });
});
