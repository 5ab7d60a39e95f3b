import { ApiError, NetworkError, describeError, type Timed } from '../api/client';
import type { LoginRequest, SessionInfo } from '../api/types';
import { realTimers, type RenewResult, type Timers } from '../push/pushClient';
import { Store } from '../util/store';
import { RenewalScheduler } from './renewal';

/** What the app shows at the top level. */
export type AuthView =
  | { kind: 'restoring' }
  | { kind: 'signed-out'; notice: string | null }
  /** `epoch` changes on each fresh sign-in (login or restore), not on token renewal. */
  | { kind: 'signed-in'; session: SessionInfo; epoch: number };

export interface SessionApi {
  login(req: LoginRequest): Promise<Timed<SessionInfo>>;
  refresh(): Promise<Timed<SessionInfo>>;
  logout(): Promise<void>;
  changePassword(currentPassword: string, newPassword: string): Promise<void>;
}

export const NOTICE_LOGGED_OUT = 'You were logged out.';
export const NOTICE_SUPERVISOR_LOGOUT = 'A supervisor logged you out.';
export const NOTICE_EXPIRED = 'Your session has expired. Please log in again.';

/**
 * Owns the access token (in memory only), its renewal, and the signed-in / signed-out view.
 */
export class SessionController {
  readonly view = new Store<AuthView>({ kind: 'restoring' });
  private token: string | null = null;
  private epoch = 0;
  private renewing: Promise<RenewResult> | null = null;
  private readonly tokenListeners = new Set<(token: string) => void>();
  private readonly scheduler: RenewalScheduler;

  constructor(
    private readonly api: SessionApi,
    timers: Timers = realTimers,
    now: () => number = Date.now,
  ) {
    this.scheduler = new RenewalScheduler(async () => (await this.renew()).kind, timers, now);
  }

  getToken(): string | null {
    return this.token;
  }

  /** On page load: the http-only refresh cookie restores the session, if there is one. */
  async restore(): Promise<void> {
    try {
      this.signIn(await this.api.refresh(), true);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) this.signOut(null);
      else this.signOut(describeError(e));
    }
  }

  /** Throws ApiError / NetworkError for the login page to show. */
  async login(req: LoginRequest): Promise<void> {
    this.signIn(await this.api.login(req), true);
  }

  /** Throws ApiError (e.g. 409 `agent-on-call`) or NetworkError; the session then stays. */
  async logout(): Promise<void> {
    try {
      await this.authorized(() => this.api.logout());
    } catch (e) {
      // A session the server no longer knows is as good as logged out.
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }
    this.signOut(null);
  }

  /**
   * The user's own new password (a forced change at the first sign-in); then a renewed token without the forced
   * change, as a fresh sign-in (the app is built for it). Throws ApiError / NetworkError for the form to show.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<void> {
    await this.authorized(() => this.api.changePassword(currentPassword, newPassword));
    this.signIn(await this.api.refresh(), true);
  }

  /** The server ended the session (push `session.ended`: logout in another tab, or by a supervisor). */
  endedRemotely(reason?: string): void {
    if (this.view.get().kind === 'signed-in') {
      this.signOut(reason === 'supervisor' ? NOTICE_SUPERVISOR_LOGOUT : NOTICE_LOGGED_OUT);
    }
  }

  /**
   * Gets a fresh access token through the refresh cookie. Concurrent callers (timer,
   * push 4401, an HTTP 401) share one request.
   */
  renew(): Promise<RenewResult> {
    if (!this.renewing) {
      this.renewing = this.doRenew().finally(() => {
        this.renewing = null;
      });
    }
    return this.renewing;
  }

  /** Runs a Bearer call; on 401 renews the token once and retries. */
  async authorized<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
      const r = await this.renew();
      if (r.kind !== 'renewed') throw e;
      return call();
    }
  }

  onTokenRenewed(listener: (token: string) => void): () => void {
    this.tokenListeners.add(listener);
    return () => this.tokenListeners.delete(listener);
  }

  private async doRenew(): Promise<RenewResult> {
    if (this.view.get().kind !== 'signed-in') return { kind: 'ended' };
    try {
      const res = await this.api.refresh();
      const current = this.view.get();
      if (current.kind !== 'signed-in') return { kind: 'ended' };
      // The cookie is shared by all tabs: if another tab signed in as someone else meanwhile,
      // this tab now holds that user's session and is rebuilt for it (a fresh sign-in).
      const sameUser =
        current.session.user.id === res.body.user.id && current.session.tenant.domain === res.body.tenant.domain;
      this.signIn(res, !sameUser);
      if (sameUser) for (const l of [...this.tokenListeners]) l(res.body.accessToken);
      return { kind: 'renewed', token: res.body.accessToken };
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
        // `session-ended`: a logout elsewhere got here before (or instead of) the push channel's session.ended
        this.signOut(e.code === 'session-ended' ? NOTICE_LOGGED_OUT : NOTICE_EXPIRED);
        return { kind: 'ended' };
      }
      if (e instanceof ApiError || e instanceof NetworkError) return { kind: 'failed' };
      throw e;
    }
  }

  private signIn(res: Timed<SessionInfo>, fresh: boolean): void {
    const session = res.body;
    this.token = session.accessToken;
    if (fresh) this.epoch += 1;
    this.view.set({ kind: 'signed-in', session, epoch: this.epoch });
    this.scheduler.schedule(session.expiresAt, res.skewMs);
  }

  private signOut(notice: string | null): void {
    this.token = null;
    this.scheduler.cancel();
    this.view.set({ kind: 'signed-out', notice });
  }
}
