import type { SipTicket } from '../api/types';
import { realTimers, type Timers } from '../push/pushClient';
import type { SipSocket } from './sipPorts';

/** The browser WebSocket, reduced to what the SIP socket uses. */
export interface WebSocketLike {
  readonly readyState: number;
  binaryType: string;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string; wasClean: boolean }) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

const OPEN = 1;

export interface TicketSocketOptions {
  /** The page's location: the SIP WebSocket is on the same host (`ws:` for `http:`, `wss:` for `https:`). */
  location: { protocol: string; host: string };
  /** A fresh ticket from `POST /api/sip/ticket`; a ticket opens one connection only. */
  fetchTicket: () => Promise<SipTicket>;
  createWebSocket: (url: string, protocol: string) => WebSocketLike;
  /** A ticket already fetched (the phone needs one to learn its SIP URI): used by the first connect. */
  firstTicket?: SipTicket;
  /** Every ticket used (the phone takes the fresh ICE servers from it). */
  onTicket?: (ticket: SipTicket) => void;
  /** The ticket could not be had; JsSIP's transport then retries with its back-off. */
  onTicketError?: (error: unknown) => void;
  timers?: Timers;
  now?: () => number;
}

/** A connection that ends sooner than this after opening counts as failed (the server could not reach the PBX). */
export const SHORT_LIVED_MS = 10_000;
export const EXTRA_BACKOFF_INITIAL_MS = 2_000;
export const EXTRA_BACKOFF_MAX_MS = 60_000;

/**
 * Delay added before the next connection after `failures` failed ones in a row. JsSIP's own recovery
 * starts again from 2 s after every successful WebSocket open, and the proxy opens the WebSocket before it
 * knows whether the PBX answers (then closes it, 4503): without this the phone would reconnect every 2 s
 * while the PBX is down.
 */
export function extraBackoff(failures: number): number {
  return failures <= 0 ? 0 : Math.min(EXTRA_BACKOFF_MAX_MS, EXTRA_BACKOFF_INITIAL_MS * 2 ** (failures - 1));
}

/**
 * A JsSIP socket (see jssip/lib/Socket.d.ts) that asks the server for a fresh single-use ticket on
 * every connect, so JsSIP's own connection recovery (2 s … 30 s back-off) works with the server's
 * proxy: `ws(s)://<host><wsPath>?ticket=<ticket>`, subprotocol `sip`.
 */
export class TicketSocket implements SipSocket {
  readonly via_transport: string;
  readonly url: string;
  readonly sip_uri: string;
  onconnect: () => void = () => {};
  ondisconnect: (error: boolean, code?: number, reason?: string) => void = () => {};
  ondata: (data: unknown) => void = () => {};

  private ws: WebSocketLike | null = null;
  /** A ticket is being fetched for the current attempt. */
  private fetching = false;
  /** Bumped by every connect/disconnect, so a late ticket for an abandoned attempt is dropped. */
  private attempt = 0;
  private pendingFirst: SipTicket | undefined;
  /** Failed connections in a row (ticket refused, or closed soon after opening). */
  private failures = 0;
  private openedAt: number | null = null;
  private waitTimer: unknown = null;
  private readonly timers: Timers;
  private readonly now: () => number;

  constructor(private readonly opts: TicketSocketOptions) {
    this.timers = opts.timers ?? realTimers;
    this.now = opts.now ?? Date.now;
    const secure = opts.location.protocol === 'https:';
    this.via_transport = secure ? 'WSS' : 'WS';
    this.url = `${secure ? 'wss' : 'ws'}://${opts.location.host}${opts.firstTicket?.wsPath ?? '/api/sip'}`;
    this.sip_uri = `sip:${opts.location.host};transport=ws`;
    this.pendingFirst = opts.firstTicket;
  }

  connect(): void {
    if (this.isConnected() || this.isConnecting()) return;
    this.dropSocket();
    const attempt = ++this.attempt;
    const first = this.pendingFirst;
    this.pendingFirst = undefined;
    if (first && Date.parse(first.expiresAt) > Date.now()) {
      this.open(first);
      return;
    }
    this.fetching = true;
    const delay = extraBackoff(this.failures);
    if (delay > 0) {
      this.waitTimer = this.timers.setTimeout(() => {
        this.waitTimer = null;
        if (attempt === this.attempt) this.fetchAndOpen(attempt);
      }, delay);
    } else {
      this.fetchAndOpen(attempt);
    }
  }

  private fetchAndOpen(attempt: number): void {
    this.opts.fetchTicket().then(
      (ticket) => {
        if (attempt !== this.attempt) return;
        this.fetching = false;
        this.open(ticket);
      },
      (error: unknown) => {
        if (attempt !== this.attempt) return;
        this.fetching = false;
        this.failures += 1;
        this.opts.onTicketError?.(error);
        this.ondisconnect(true, undefined, 'no SIP ticket');
      },
    );
  }

  disconnect(): void {
    this.attempt++;
    this.fetching = false;
    if (this.waitTimer != null) this.timers.clearTimeout(this.waitTimer);
    this.waitTimer = null;
    this.dropSocket();
  }

  send(message: string): boolean {
    if (!this.isConnected()) return false;
    this.ws!.send(message);
    return true;
  }

  isConnected(): boolean {
    return this.ws != null && this.ws.readyState === OPEN;
  }

  isConnecting(): boolean {
    return this.fetching || (this.ws != null && this.ws.readyState === 0);
  }

  private open(ticket: SipTicket): void {
    this.opts.onTicket?.(ticket);
    const base = `${this.via_transport === 'WSS' ? 'wss' : 'ws'}://${this.opts.location.host}${ticket.wsPath}`;
    let ws: WebSocketLike;
    try {
      ws = this.opts.createWebSocket(`${base}?ticket=${encodeURIComponent(ticket.ticket)}`, 'sip');
    } catch {
      queueMicrotask(() => this.ondisconnect(true, undefined, 'WebSocket refused'));
      return;
    }
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.onopen = () => {
      this.openedAt = this.now();
      this.onconnect();
    };
    ws.onmessage = (ev) => this.ondata(ev.data);
    ws.onerror = () => {
      /* a close event follows */
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      const lived = this.openedAt == null ? 0 : this.now() - this.openedAt;
      this.openedAt = null;
      this.failures = lived < SHORT_LIVED_MS ? this.failures + 1 : 0;
      this.ondisconnect(!ev.wasClean, ev.code, ev.reason);
    };
  }

  private dropSocket(): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onerror = ws.onclose = null;
    try {
      ws.close();
    } catch {
      /* already closed */
    }
  }
}
