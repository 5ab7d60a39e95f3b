import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, type Timed } from '../api/client';
import type { SessionInfo } from '../api/types';
import {
  NOTICE_EXPIRED,
  NOTICE_LOGGED_OUT,
  NOTICE_SUPERVISOR_LOGOUT,
  SessionController,
  type SessionApi,
} from './sessionController';

const NOW = Date.parse('2025-01-01T10:00:00.000Z');

function info(token: string, lifetimeMs = 15 * 60_000): SessionInfo {
  return {
    accessToken: token,
    expiresAt: new Date(Date.now() + lifetimeMs).toISOString(),
    user: { id: 3, username: 'alice', displayName: 'Alice', role: 'agent' },
    tenant: { domain: 'acme', name: 'Acme' },
    agent: { id: 7, number: '101', extension: '1001' },
    config: { notReadyReasons: [], allowEndWrapupEarly: true, attachedDataKeys: [] },
  };
}
const timed = (body: SessionInfo): Timed<SessionInfo> => ({ body, skewMs: 0 });
const problem = (status: number, code: string) => new ApiError(status, { status, code, detail: code }, null);

function fakeApi() {
  let n = 0;
  return {
    login: vi.fn(async () => timed(info(`login-${++n}`))),
    refresh: vi.fn(async () => timed(info(`refresh-${++n}`))),
    logout: vi.fn(async () => {}),
    changePassword: vi.fn(async () => {}),
  } satisfies SessionApi;
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('SessionController', () => {
  it('restores a session through the refresh cookie', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    expect(s.view.get().kind).toBe('restoring');
    await s.restore();
    expect(s.view.get()).toMatchObject({ kind: 'signed-in', epoch: 1 });
    expect(s.getToken()).toBe('refresh-1');
  });

  it('shows the login page when there is no session (401)', async () => {
    const api = fakeApi();
    api.refresh.mockRejectedValueOnce(problem(401, 'session-expired'));
    const s = new SessionController(api);
    await s.restore();
    expect(s.view.get()).toEqual({ kind: 'signed-out', notice: null });
    expect(s.getToken()).toBeNull();
  });

  it('says so when the server cannot be reached on restore', async () => {
    const api = fakeApi();
    api.refresh.mockRejectedValueOnce(new NetworkError(new TypeError('fetch failed')));
    const s = new SessionController(api);
    await s.restore();
    expect(s.view.get()).toMatchObject({ kind: 'signed-out', notice: expect.stringMatching(/reach the server/) });
  });

  it('renews the token 60 s before expiry and tells listeners', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    const seen: string[] = [];
    s.onTokenRenewed((t) => seen.push(t));
    await vi.advanceTimersByTimeAsync(14 * 60_000 - 1);
    expect(api.refresh).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(api.refresh).toHaveBeenCalledTimes(1);
    expect(s.getToken()).toBe('refresh-2');
    expect(seen).toEqual(['refresh-2']);
    // renewal keeps the same sign-in epoch (the page is not rebuilt)...
    expect(s.view.get()).toMatchObject({ kind: 'signed-in', epoch: 1 });
    // ...and schedules the next renewal
    await vi.advanceTimersByTimeAsync(14 * 60_000);
    expect(api.refresh).toHaveBeenCalledTimes(2);
  });

  it('shares one refresh between concurrent renewals', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    const [a, b] = await Promise.all([s.renew(), s.renew()]);
    expect(api.refresh).toHaveBeenCalledTimes(1);
    expect(a).toEqual(b);
  });

  it('goes to the login page with a notice when renewal is refused', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    api.refresh.mockRejectedValueOnce(problem(401, 'session-expired'));
    expect(await s.renew()).toEqual({ kind: 'ended' });
    expect(s.view.get()).toEqual({ kind: 'signed-out', notice: NOTICE_EXPIRED });
  });

  it('says "logged out" when renewal finds the session ended by a logout elsewhere', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    api.refresh.mockRejectedValueOnce(problem(401, 'session-ended'));
    expect(await s.renew()).toEqual({ kind: 'ended' });
    expect(s.view.get()).toEqual({ kind: 'signed-out', notice: NOTICE_LOGGED_OUT });
  });

  it('keeps the session when renewal fails on the network, and retries', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    api.refresh.mockRejectedValueOnce(new NetworkError(new TypeError()));
    expect(await s.renew()).toEqual({ kind: 'failed' });
    expect(s.view.get().kind).toBe('signed-in');
    expect(s.getToken()).toBe('login-1');
  });

  it('authorized() renews once on 401 and retries the call', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    const call = vi.fn().mockRejectedValueOnce(problem(401, 'token-expired')).mockResolvedValueOnce('ok');
    expect(await s.authorized(call)).toBe('ok');
    expect(api.refresh).toHaveBeenCalledTimes(1);
    expect(call).toHaveBeenCalledTimes(2);
  });

  it('logout clears the session; a 409 refusal keeps it', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    api.logout.mockRejectedValueOnce(problem(409, 'agent-on-call'));
    await expect(s.logout()).rejects.toMatchObject({ status: 409 });
    expect(s.view.get().kind).toBe('signed-in');
    await s.logout();
    expect(s.view.get()).toEqual({ kind: 'signed-out', notice: null });
    expect(s.getToken()).toBeNull();
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(api.refresh).not.toHaveBeenCalled(); // renewal cancelled
  });

  it('session.ended from the push channel shows "You were logged out"', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    s.endedRemotely();
    expect(s.view.get()).toEqual({ kind: 'signed-out', notice: NOTICE_LOGGED_OUT });
  });

  it('a forced logout by a supervisor says so', async () => {
    const s = new SessionController(fakeApi());
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    s.endedRemotely('supervisor');
    expect(s.view.get()).toEqual({ kind: 'signed-out', notice: NOTICE_SUPERVISOR_LOGOUT });
  });

  it('a new login starts a new epoch', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    await s.logout();
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    expect(s.view.get()).toMatchObject({ kind: 'signed-in', epoch: 2 });
  });

  it('a renewal that returns another user (other tab signed in as someone else) is a fresh sign-in', async () => {
    const api = fakeApi();
    const s = new SessionController(api);
    await s.login({ username: 'alice', password: 'x', domain: 'acme' });
    const seen: string[] = [];
    s.onTokenRenewed((t) => seen.push(t));
    const bob = info('bob-token');
    bob.user = { ...bob.user, id: 4, username: 'bob', displayName: 'Bob' };
    api.refresh.mockResolvedValueOnce(timed(bob));
    await s.renew();
    expect(s.view.get()).toMatchObject({ kind: 'signed-in', epoch: 2, session: { user: { username: 'bob' } } });
    expect(seen).toEqual([]); // the old push connection must not get bob's token
  });

  it('after a forced password change renews the token as a fresh sign-in, and a refusal keeps the form', async () => {
    const api = fakeApi();
    api.login.mockResolvedValueOnce(timed({ ...info('login-x'), passwordChangeRequired: true }));
    const s = new SessionController(api);
    await s.login({ username: 'ann', password: 'p', domain: 'acme' });
    expect(s.view.get()).toMatchObject({ kind: 'signed-in', epoch: 1, session: { passwordChangeRequired: true } });
    api.changePassword.mockRejectedValueOnce(problem(400, 'wrong-password'));
    await expect(s.changePassword('bad', 'new-password-1')).rejects.toMatchObject({ code: 'wrong-password' });
    expect(api.refresh).not.toHaveBeenCalled();
    await s.changePassword('old', 'new-password-1');
    expect(api.changePassword).toHaveBeenLastCalledWith('old', 'new-password-1');
    expect(s.view.get()).toMatchObject({ kind: 'signed-in', epoch: 2 });
    expect(
      (s.view.get() as { session: { passwordChangeRequired?: boolean } }).session.passwordChangeRequired,
    ).toBeFalsy();
  });
});
