import type {
  AgentStateView,
  DirectoryEntry,
  SipTicket,
  LoginRequest,
  Problem,
  SessionInfo,
  StateChangeRequest,
} from './types';

/** The server answered with a non-2xx status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    /** Seconds from a `Retry-After` header, when present and numeric. */
    readonly retryAfterSeconds: number | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }

  get code(): string | undefined {
    return this.problem?.code;
  }
}

/** The request never got an HTTP answer (server down, network gone). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network error', { cause });
    this.name = 'NetworkError';
  }
}

/** A successful answer plus the server's clock estimate from the `Date` header. */
export interface Timed<T> {
  body: T;
  /** serverDate - local clock at receipt, in ms; 0 if the server sent no usable Date. */
  skewMs: number;
}

export type FetchFn = (input: string, init?: RequestInit) => Promise<Response>;

export function parseRetryAfter(value: string | null, nowMs: number = Date.now()): number | null {
  if (value == null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - nowMs) / 1000));
}

async function readProblem(res: Response): Promise<Problem | null> {
  const type = res.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    const body: unknown = await res.json();
    return body && typeof body === 'object' ? (body as Problem) : null;
  } catch {
    return null;
  }
}

/**
 * Typed access to the server's HTTP API. Relative URLs only: the client is served
 * by the server itself. The access token is asked for on every call and never stored here.
 */
export class ApiClient {
  constructor(
    private readonly getToken: () => string | null,
    private readonly fetchFn: FetchFn = (input, init) => fetch(input, init),
    private readonly now: () => number = Date.now,
  ) {}

  login(req: LoginRequest): Promise<Timed<SessionInfo>> {
    return this.call<SessionInfo>('POST', '/api/login', req, false);
  }

  /** Uses only the http-only refresh cookie. */
  refresh(): Promise<Timed<SessionInfo>> {
    return this.call<SessionInfo>('POST', '/api/session/refresh', undefined, false);
  }

  async logout(): Promise<void> {
    await this.call<void>('POST', '/api/session/logout', undefined, true);
  }

  /** The user's own new password; the current one is checked again. */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.call<void>('POST', '/api/session/password', { currentPassword, newPassword }, true);
  }

  async getAgentState(): Promise<AgentStateView> {
    return (await this.call<AgentStateView>('GET', '/api/agent/state', undefined, true)).body;
  }

  async setAgentState(req: StateChangeRequest): Promise<AgentStateView> {
    return (await this.call<AgentStateView>('PUT', '/api/agent/state', req, true)).body;
  }

  async endWrapup(): Promise<AgentStateView> {
    return (await this.call<AgentStateView>('POST', '/api/agent/wrapup/end', undefined, true)).body;
  }

  /** A fresh single-use ticket for the SIP WebSocket (one per connection). */
  async sipTicket(): Promise<SipTicket> {
    return (await this.call<SipTicket>('POST', '/api/sip/ticket', undefined, true)).body;
  }

  async agentDirectory(): Promise<DirectoryEntry[]> {
    return (await this.call<DirectoryEntry[]>('GET', '/api/agents/directory', undefined, true)).body;
  }

  /** Any other call of the API with the access token (used by feature modules such as the supervisor page). */
  async request<T>(method: string, url: string, body?: unknown): Promise<T> {
    return (await this.call<T>(method, url, body, true)).body;
  }

  private async call<T>(method: string, url: string, body: unknown, bearer: boolean): Promise<Timed<T>> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (bearer) {
      const token = this.getToken();
      if (token) headers.Authorization = `Bearer ${token}`;
    }
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
        cache: 'no-store',
      });
    } catch (e) {
      throw new NetworkError(e);
    }
    const receivedAt = this.now();
    if (!res.ok) {
      throw new ApiError(
        res.status,
        await readProblem(res),
        parseRetryAfter(res.headers.get('retry-after'), receivedAt),
      );
    }
    const serverDate = Date.parse(res.headers.get('date') ?? '');
    const skewMs = Number.isNaN(serverDate) ? 0 : serverDate - receivedAt;
    if (res.status === 204) return { body: undefined as T, skewMs };
    const text = await res.text();
    return { body: (text ? JSON.parse(text) : undefined) as T, skewMs };
  }
}

/** Human-readable text for a refusal from the server: the problem's detail first. */
export function describeError(err: unknown): string {
  if (err instanceof ApiError) {
    const p = err.problem;
    return p?.detail || p?.title || `The server refused the request (HTTP ${err.status}).`;
  }
  if (err instanceof NetworkError) return 'Cannot reach the server. Check your network connection and try again.';
  return 'Something went wrong. Please try again.';
}
