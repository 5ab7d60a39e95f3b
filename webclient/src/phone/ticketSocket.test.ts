import { describe, expect, it, vi } from 'vitest';
import type { SipTicket } from '../api/types';
import {
  EXTRA_BACKOFF_INITIAL_MS,
  SHORT_LIVED_MS,
  TicketSocket,
  extraBackoff,
  type WebSocketLike,
} from './ticketSocket';

function ticket(n: number, expiresAt = '2999-01-01T00:00:00Z'): SipTicket {
  return {
    ticket: `tk/${n}+=`,
    expiresAt,
    wsPath: '/api/sip',
    sipUri: 'sip:acme-1001@127.0.0.1',
    authorizationUser: 'acme-1001',
    displayName: 'Alice',
    iceServers: [],
  };
}

class FakeWs implements WebSocketLike {
  readyState = 0;
  binaryType = 'blob';
  sent: string[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(
    readonly url: string,
    readonly protocol: string,
  ) {}
  send(d: string) {
    this.sent.push(d);
  }
  close() {
    this.closed = true;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  drop(code = 1006, reason = '') {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean: code !== 1006 });
  }
}

function setup(first?: SipTicket) {
  let n = 1;
  const clock = { now: 1_000_000 };
  const sockets: FakeWs[] = [];
  const fetchTicket = vi.fn(async () => ticket(++n));
  const onTicket = vi.fn();
  const socket = new TicketSocket({
    location: { protocol: 'https:', host: 'cc.example.com:8443' },
    fetchTicket,
    createWebSocket: (url, protocol) => {
      const ws = new FakeWs(url, protocol);
      sockets.push(ws);
      return ws;
    },
    firstTicket: first,
    onTicket,
    now: () => clock.now,
  });
  const events = { connect: vi.fn(), disconnect: vi.fn(), data: vi.fn() };
  socket.onconnect = events.connect;
  socket.ondisconnect = events.disconnect;
  socket.ondata = events.data;
  return { socket, sockets, fetchTicket, onTicket, events, clock };
}

describe('TicketSocket (a JsSIP socket with a fresh ticket per connection)', () => {
  it('describes the transport as JsSIP needs it', () => {
    const { socket } = setup(ticket(1));
    expect(socket.via_transport).toBe('WSS');
    expect(socket.url).toBe('wss://cc.example.com:8443/api/sip');
    expect(socket.sip_uri).toBe('sip:cc.example.com:8443;transport=ws');
  });

  it('uses the first ticket, then a new one for every reconnection', async () => {
    const t = setup(ticket(1));
    t.socket.connect();
    expect(t.fetchTicket).not.toHaveBeenCalled();
    expect(t.sockets[0]!.url).toBe('wss://cc.example.com:8443/api/sip?ticket=tk%2F1%2B%3D');
    expect(t.sockets[0]!.protocol).toBe('sip');
    expect(t.sockets[0]!.binaryType).toBe('arraybuffer');
    expect(t.socket.isConnecting()).toBe(true);
    t.sockets[0]!.open();
    expect(t.events.connect).toHaveBeenCalled();
    expect(t.socket.isConnected()).toBe(true);

    t.clock.now += SHORT_LIVED_MS; // a connection that worked for a while: reconnect at once
    t.sockets[0]!.drop(4502, 'upstream lost');
    expect(t.events.disconnect).toHaveBeenCalledWith(false, 4502, 'upstream lost');
    t.socket.connect(); // JsSIP's recovery
    expect(t.socket.isConnecting()).toBe(true);
    await vi.waitFor(() => expect(t.sockets).toHaveLength(2));
    expect(t.fetchTicket).toHaveBeenCalledTimes(1);
    expect(t.sockets[1]!.url).toContain('ticket=tk%2F2%2B%3D');
    expect(t.onTicket).toHaveBeenCalledTimes(2);
  });

  it('passes frames both ways', () => {
    const t = setup(ticket(1));
    t.socket.connect();
    expect(t.socket.send('REGISTER …')).toBe(false);
    t.sockets[0]!.open();
    expect(t.socket.send('REGISTER …')).toBe(true);
    expect(t.sockets[0]!.sent).toEqual(['REGISTER …']);
    t.sockets[0]!.onmessage?.({ data: 'SIP/2.0 200 OK' });
    expect(t.events.data).toHaveBeenCalledWith('SIP/2.0 200 OK');
  });

  it('reports a failed ticket as a disconnection, so JsSIP retries with its back-off', async () => {
    const t = setup();
    t.fetchTicket.mockRejectedValueOnce(new Error('offline'));
    t.socket.connect();
    await vi.waitFor(() => expect(t.events.disconnect).toHaveBeenCalledWith(true, undefined, 'no SIP ticket'));
    expect(t.sockets).toHaveLength(0);
    expect(t.socket.isConnecting()).toBe(false);
  });

  it('drops a ticket that arrives after a disconnect, and closes without reporting', async () => {
    const t = setup();
    t.socket.connect();
    t.socket.disconnect();
    await Promise.resolve();
    await Promise.resolve();
    expect(t.sockets).toHaveLength(0);

    t.socket.connect();
    await vi.waitFor(() => expect(t.sockets).toHaveLength(1));
    t.sockets[0]!.open();
    t.socket.disconnect();
    expect(t.sockets[0]!.closed).toBe(true);
    expect(t.events.disconnect).not.toHaveBeenCalled();
  });

  it('backs off when connections keep closing soon after opening (the PBX is down), until one lasts', async () => {
    vi.useFakeTimers();
    try {
      const t = setup(ticket(1));
      t.socket.connect();
      for (let i = 0; i < 3; i++) {
        t.sockets.at(-1)!.open();
        t.sockets.at(-1)!.drop(4503, 'PBX unavailable');
        t.socket.connect(); // JsSIP's recovery, 2 s later
        await vi.advanceTimersByTimeAsync(extraBackoff(i + 1) - 1);
        expect(t.sockets).toHaveLength(i + 1);
        expect(t.socket.isConnecting()).toBe(true);
        await vi.advanceTimersByTimeAsync(1);
        expect(t.sockets).toHaveLength(i + 2);
      }
      expect(extraBackoff(1)).toBe(EXTRA_BACKOFF_INITIAL_MS);
      expect(extraBackoff(3)).toBe(4 * EXTRA_BACKOFF_INITIAL_MS);
      expect(extraBackoff(30)).toBe(60_000);

      t.sockets.at(-1)!.open();
      t.clock.now += SHORT_LIVED_MS;
      t.sockets.at(-1)!.drop(1006);
      t.socket.connect();
      await vi.advanceTimersByTimeAsync(0);
      expect(t.sockets).toHaveLength(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not use an expired first ticket', async () => {
    const t = setup(ticket(1, '2000-01-01T00:00:00Z'));
    t.socket.connect();
    await vi.waitFor(() => expect(t.sockets).toHaveLength(1));
    expect(t.fetchTicket).toHaveBeenCalled();
  });
});
