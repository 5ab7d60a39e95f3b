import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushServerMessage } from '../api/types';
import {
  HEARTBEAT_IDLE_MS,
  HEARTBEAT_TIMEOUT_MS,
  PushClient,
  backoffDelay,
  pushUrl,
  type PushStatus,
  type RenewResult,
  type SocketLike,
} from './pushClient';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  closedByClient: number | null = null;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000): void {
    this.closedByClient = code;
    this.readyState = 3;
  }
  // server side
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: PushServerMessage | string): void {
    this.onmessage?.({ data: typeof msg === 'string' ? msg : JSON.stringify(msg) });
  }
  serverClose(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }
}

const STATE = {
  agentId: 7,
  status: 'NOT_READY' as const,
  reason: { code: 'login', label: 'Login' },
  since: '2025-01-01T10:00:00Z',
  wrapupEndsAt: null,
  call: null,
  serverTime: '2025-01-01T10:00:01Z',
};

function setup(opts: { renew?: () => Promise<RenewResult>; token?: () => string | null } = {}) {
  const sockets: FakeSocket[] = [];
  const messages: PushServerMessage[] = [];
  const statuses: PushStatus[] = [];
  const reconnected = vi.fn();
  let token = 'tok-1';
  const renew = vi.fn(
    opts.renew ?? (async (): Promise<RenewResult> => ({ kind: 'renewed', token: (token = 'tok-2') })),
  );
  const client = new PushClient({
    url: 'ws://host/api/push',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    getToken: opts.token ?? (() => token),
    renewToken: renew,
    onMessage: (m) => messages.push(m),
    onStatus: (s) => statuses.push(s),
    onReconnected: reconnected,
  });
  const last = () => sockets[sockets.length - 1]!;
  return { client, sockets, messages, statuses, reconnected, renew, last };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('backoffDelay', () => {
  it('starts at 0.5 s, doubles, and caps at 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(backoffDelay)).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });
});

describe('pushUrl', () => {
  it('uses the page host and ws/wss by scheme', () => {
    expect(pushUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/api/push');
    expect(pushUrl({ protocol: 'https:', host: 'cc.example.org' })).toBe('wss://cc.example.org/api/push');
  });
});

describe('PushClient', () => {
  it('authenticates first, then reports welcome and state events', () => {
    const t = setup();
    t.client.start();
    expect(t.statuses).toEqual(['connecting']);
    t.last().open();
    expect(t.last().sent).toEqual([{ type: 'auth', token: 'tok-1' }]);
    t.last().receive({ type: 'welcome', state: STATE });
    t.last().receive({ type: 'agent.state', state: { ...STATE, status: 'READY' } });
    expect(t.statuses.at(-1)).toBe('connected');
    expect(t.messages.map((m) => m.type)).toEqual(['welcome', 'agent.state']);
    expect(t.reconnected).not.toHaveBeenCalled();
  });

  it('ignores malformed frames', () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().receive('not json');
    t.last().receive('{"no":"type"}');
    expect(t.messages).toEqual([]);
  });

  it('reconnects with backoff 0.5 s doubling to 10 s, and resets after a welcome', () => {
    const t = setup();
    t.client.start();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      const before = t.sockets.length;
      t.last().serverClose(1006);
      expect(t.statuses.at(-1)).toBe('reconnecting');
      // Find how long until the next socket is created.
      let waited = 0;
      while (t.sockets.length === before) {
        vi.advanceTimersByTime(100);
        waited += 100;
        if (waited > 20_000) throw new Error('no reconnect');
      }
      delays.push(waited);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);

    // A successful welcome resets the backoff and reports the reconnection.
    t.last().open();
    t.last().receive({ type: 'welcome', state: STATE });
    expect(t.reconnected).not.toHaveBeenCalled(); // first welcome ever
    t.last().serverClose(1001);
    vi.advanceTimersByTime(499);
    const n = t.sockets.length;
    vi.advanceTimersByTime(1);
    expect(t.sockets.length).toBe(n + 1);
    t.last().open();
    t.last().receive({ type: 'welcome', state: STATE });
    expect(t.reconnected).toHaveBeenCalledTimes(1);
  });

  it('on close 4401 refreshes the session and reconnects at once with the new token', async () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().receive({ type: 'welcome', state: STATE });
    t.last().serverClose(4401);
    expect(t.renew).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets).toHaveLength(2);
    t.last().open();
    expect(t.last().sent).toEqual([{ type: 'auth', token: 'tok-2' }]);
    t.last().receive({ type: 'welcome', state: STATE });
    expect(t.reconnected).toHaveBeenCalledTimes(1);
  });

  it('backs off when 4401 repeats even after refreshing', async () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().serverClose(4401);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.sockets).toHaveLength(2);
    t.last().open();
    t.last().serverClose(4401);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.renew).toHaveBeenCalledTimes(2);
    expect(t.sockets).toHaveLength(2); // not at once this time
    await vi.advanceTimersByTimeAsync(500);
    expect(t.sockets).toHaveLength(3);
  });

  it('stops for good when the refresh says the session is over', async () => {
    const t = setup({ renew: async () => ({ kind: 'ended' }) });
    t.client.start();
    t.last().open();
    t.last().serverClose(4401);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.statuses.at(-1)).toBe('stopped');
  });

  it('retries with backoff when the refresh fails (network)', async () => {
    const t = setup({ renew: async () => ({ kind: 'failed' }) });
    t.client.start();
    t.last().open();
    t.last().serverClose(4401);
    await vi.advanceTimersByTimeAsync(499);
    expect(t.sockets).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.sockets).toHaveLength(2);
  });

  it('re-sends auth on the open socket after a token renewal', () => {
    const t = setup();
    t.client.start();
    t.client.sendAuth('tok-x'); // not open yet: nothing sent
    t.last().open();
    t.client.sendAuth('tok-3');
    expect(t.last().sent).toEqual([
      { type: 'auth', token: 'tok-1' },
      { type: 'auth', token: 'tok-3' },
    ]);
  });

  it('a second welcome on the same socket (after re-auth) is not a reconnection', () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().receive({ type: 'welcome', state: STATE });
    t.client.sendAuth('tok-3');
    t.last().receive({ type: 'welcome', state: STATE });
    expect(t.reconnected).not.toHaveBeenCalled();
    expect(t.messages.map((m) => m.type)).toEqual(['welcome', 'welcome']);
  });

  it('session.ended is delivered and stops reconnecting', async () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().receive({ type: 'welcome', state: null });
    t.last().receive({ type: 'session.ended', reason: 'logout' });
    expect(t.messages.at(-1)).toEqual({ type: 'session.ended', reason: 'logout' });
    expect(t.last().closedByClient).toBe(1000);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('stop() closes the socket and cancels a pending reconnect', async () => {
    const t = setup();
    t.client.start();
    t.last().serverClose(1006);
    t.client.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
    expect(t.statuses.at(-1)).toBe('stopped');
  });

  it('close 4001 without the message still ends the session', async () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().receive({ type: 'welcome', state: null });
    t.last().serverClose(4001, 'session ended');
    expect(t.messages.at(-1)).toEqual({ type: 'session.ended', reason: 'session ended' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.sockets).toHaveLength(1);
  });

  it('close 4403 (another user) is retried like any other close', async () => {
    const t = setup();
    t.client.start();
    t.last().open();
    t.last().serverClose(4403);
    expect(t.renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    expect(t.sockets).toHaveLength(2);
  });

  describe('heartbeat', () => {
    it('pings after a quiet spell and keeps a connection that answers', async () => {
      const t = setup();
      t.client.start();
      const s = t.last();
      s.open();
      s.receive({ type: 'welcome', state: null });
      await vi.advanceTimersByTimeAsync(HEARTBEAT_IDLE_MS);
      expect(s.sent.at(-1)).toEqual({ type: 'ping' });
      s.receive({ type: 'pong' });
      await vi.advanceTimersByTimeAsync(HEARTBEAT_TIMEOUT_MS + 1000);
      expect(s.closedByClient).toBeNull();
      expect(t.sockets).toHaveLength(1);
      expect(t.messages.map((m) => m.type)).toEqual(['welcome']); // pong is not passed on
    });

    it('any message counts as a sign of life', async () => {
      const t = setup();
      t.client.start();
      const s = t.last();
      s.open();
      s.receive({ type: 'welcome', state: null });
      await vi.advanceTimersByTimeAsync(HEARTBEAT_IDLE_MS - 1000);
      s.receive({ type: 'agent.state', state: STATE });
      await vi.advanceTimersByTimeAsync(HEARTBEAT_IDLE_MS - 1000);
      expect(s.sent.filter((m) => (m as { type: string }).type === 'ping')).toHaveLength(0);
    });

    it('drops a connection that does not answer and reconnects', async () => {
      const t = setup();
      t.client.start();
      const s = t.last();
      s.open();
      s.receive({ type: 'welcome', state: null });
      await vi.advanceTimersByTimeAsync(HEARTBEAT_IDLE_MS + HEARTBEAT_TIMEOUT_MS);
      expect(s.closedByClient).toBe(4000);
      expect(t.statuses.at(-1)).toBe('reconnecting');
      await vi.advanceTimersByTimeAsync(500);
      expect(t.sockets).toHaveLength(2);
    });
  });
});
