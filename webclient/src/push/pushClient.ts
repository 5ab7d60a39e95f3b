import { CLOSE_AUTH_FAILED, CLOSE_SESSION_ENDED, type PushClientMessage, type PushServerMessage } from '../api/types';

/** The part of the browser WebSocket this client uses (so tests can inject a fake). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

export type PushStatus = 'connecting' | 'connected' | 'reconnecting' | 'stopped';

export const BACKOFF_INITIAL_MS = 500;
export const BACKOFF_MAX_MS = 10_000;
/** While connected, a ping goes out after this long without any message from the server... */
export const HEARTBEAT_IDLE_MS = 25_000;
/** ...and the connection counts as dead if nothing at all arrives within this long after it. */
export const HEARTBEAT_TIMEOUT_MS = 10_000;
/** Close code the client uses for a connection it gave up on (no answer to a ping). */
export const CLOSE_CLIENT_TIMEOUT = 4000;
const OPEN = 1;

/** Reconnect delay after `attempt` consecutive failures (0-based): 0.5 s doubling to 10 s. */
export function backoffDelay(attempt: number): number {
  return Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** Math.max(0, attempt));
}

/** Result of asking the session for a fresh token after a 4401 close. */
export type RenewResult =
  | { kind: 'renewed'; token: string }
  /** The session is gone (refresh answered 401): stop for good. */
  | { kind: 'ended' }
  /** Refresh could not be done now (network): retry later with backoff. */
  | { kind: 'failed' };

export interface PushClientOptions {
  url: string;
  createSocket: (url: string) => SocketLike;
  getToken: () => string | null;
  renewToken: () => Promise<RenewResult>;
  onMessage: (msg: PushServerMessage) => void;
  onStatus: (status: PushStatus) => void;
  /** Called after a welcome on any connection but the first (the caller re-fetches state). */
  onReconnected: () => void;
  timers?: Timers;
}

/**
 * The push channel: one WebSocket, authenticated by a first `auth` message, reconnected
 * with backoff on any close, and re-authenticated through a session refresh on close 4401.
 */
export class PushClient {
  private socket: SocketLike | null = null;
  private stopped = true;
  private attempt = 0;
  private consecutiveAuthFailures = 0;
  private everWelcomed = false;
  /** A welcome already came on the current socket (a re-auth after renewal gets another). */
  private welcomedOnSocket = false;
  private retryTimer: unknown = null;
  private heartbeatTimer: unknown = null;
  private readonly timers: Timers;

  constructor(private readonly opts: PushClientOptions) {
    this.timers = opts.timers ?? realTimers;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer != null) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.clearHeartbeat();
    const s = this.socket;
    this.socket = null;
    if (s) {
      s.onopen = s.onmessage = s.onclose = s.onerror = null;
      try {
        s.close(1000, 'client stopped');
      } catch {
        /* already closing */
      }
    }
    this.opts.onStatus('stopped');
  }

  /** Re-authenticates the open socket after the access token was renewed. */
  sendAuth(token: string): void {
    if (this.socket && this.socket.readyState === OPEN) this.send({ type: 'auth', token });
  }

  private send(msg: PushClientMessage): void {
    this.socket?.send(JSON.stringify(msg));
  }

  private connect(): void {
    if (this.stopped) return;
    this.retryTimer = null;
    this.opts.onStatus(this.everWelcomed || this.attempt > 0 ? 'reconnecting' : 'connecting');
    let socket: SocketLike;
    try {
      socket = this.opts.createSocket(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    this.welcomedOnSocket = false;
    socket.onopen = () => {
      const token = this.opts.getToken();
      if (token) this.send({ type: 'auth', token });
      else socket.close(4000, 'no token');
    };
    socket.onmessage = (ev) => this.handleMessage(ev.data);
    socket.onerror = () => {
      /* a close event always follows */
    };
    socket.onclose = (ev) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.clearHeartbeat();
      if (this.stopped) return;
      if (ev.code === CLOSE_SESSION_ENDED) {
        // The server says `session.ended` before closing with 4001; if that got lost, the close says it.
        this.opts.onMessage({ type: 'session.ended', reason: ev.reason || 'closed' });
        this.stop();
      } else if (ev.code === CLOSE_AUTH_FAILED) {
        void this.handleAuthClose();
      } else {
        this.scheduleReconnect();
      }
    };
  }

  /**
   * Detects a dead connection that never closed (sleep, network change): after a quiet spell
   * send a ping; if nothing arrives in time, drop the socket and reconnect.
   */
  private armHeartbeat(): void {
    this.clearHeartbeat();
    this.heartbeatTimer = this.timers.setTimeout(() => {
      if (!this.socket || this.socket.readyState !== OPEN) return;
      this.send({ type: 'ping' });
      this.heartbeatTimer = this.timers.setTimeout(() => this.giveUpOnSocket(), HEARTBEAT_TIMEOUT_MS);
    }, HEARTBEAT_IDLE_MS);
  }

  private clearHeartbeat(): void {
    if (this.heartbeatTimer != null) this.timers.clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }

  private giveUpOnSocket(): void {
    const s = this.socket;
    if (!s || this.stopped) return;
    this.socket = null;
    this.heartbeatTimer = null;
    s.onopen = s.onmessage = s.onclose = s.onerror = null;
    try {
      s.close(CLOSE_CLIENT_TIMEOUT, 'no answer to ping');
    } catch {
      /* already closing */
    }
    this.scheduleReconnect();
  }

  private handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: PushServerMessage;
    try {
      msg = JSON.parse(data) as PushServerMessage;
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    if (this.welcomedOnSocket || msg.type === 'welcome') this.armHeartbeat();
    if (msg.type === 'pong') return;
    if (msg.type === 'welcome') {
      const reconnected = this.everWelcomed && !this.welcomedOnSocket;
      this.everWelcomed = true;
      this.welcomedOnSocket = true;
      this.attempt = 0;
      this.consecutiveAuthFailures = 0;
      this.opts.onStatus('connected');
      this.opts.onMessage(msg);
      if (reconnected) this.opts.onReconnected();
      return;
    }
    if (msg.type === 'session.ended') {
      this.opts.onMessage(msg);
      this.stop();
      return;
    }
    this.opts.onMessage(msg);
  }

  private async handleAuthClose(): Promise<void> {
    this.consecutiveAuthFailures += 1;
    this.opts.onStatus('reconnecting');
    let result: RenewResult;
    try {
      result = await this.opts.renewToken();
    } catch {
      result = { kind: 'failed' };
    }
    if (this.stopped) return;
    if (result.kind === 'ended') {
      this.stop();
      return;
    }
    if (result.kind === 'renewed' && this.consecutiveAuthFailures === 1) {
      // First rejection after a good run: the token had just expired, retry at once.
      this.connect();
      return;
    }
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt);
    this.attempt += 1;
    this.opts.onStatus('reconnecting');
    this.retryTimer = this.timers.setTimeout(() => this.connect(), delay);
  }
}

/** `ws(s)://<same host>/api/push` for the page's location. */
export function pushUrl(loc: { protocol: string; host: string }): string {
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/api/push`;
}
