import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, NetworkError, describeError, parseRetryAfter } from './client';

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

describe('parseRetryAfter', () => {
  it('reads seconds or an HTTP date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    const now = Date.parse('2025-01-01T10:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 10:00:20 GMT', now)).toBe(20);
  });
});

describe('ApiClient', () => {
  it('sends the bearer token on agent calls, not on login', async () => {
    const fetchFn = vi.fn(async () => json(200, { agentId: 7 }));
    const api = new ApiClient(() => 'tok', fetchFn);
    await api.getAgentState();
    await api.login({ username: 'u', password: 'p', domain: 'd' }).catch(() => {});
    const [[url1, init1], [url2, init2]] = fetchFn.mock.calls as unknown as [string, RequestInit][];
    expect(url1).toBe('/api/agent/state');
    expect((init1.headers as Record<string, string>).Authorization).toBe('Bearer tok');
    expect(url2).toBe('/api/login');
    expect((init2.headers as Record<string, string>).Authorization).toBeUndefined();
    expect(JSON.parse(init2.body as string)).toEqual({ username: 'u', password: 'p', domain: 'd' });
  });

  it('turns problem+json into ApiError with code, detail and Retry-After', async () => {
    const api = new ApiClient(
      () => null,
      async () => json(429, { status: 429, code: 'too-many-attempts', detail: 'Slow down' }, { 'retry-after': '12' }),
    );
    const err = await api.login({ username: 'u', password: 'p', domain: 'd' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 429, code: 'too-many-attempts', retryAfterSeconds: 12 });
    expect(describeError(err)).toBe('Slow down');
  });

  it('turns a failed fetch into NetworkError', async () => {
    const api = new ApiClient(
      () => null,
      async () => {
        throw new TypeError('Failed to fetch');
      },
    );
    await expect(api.refresh()).rejects.toBeInstanceOf(NetworkError);
  });

  it('measures the skew from the Date header', async () => {
    const now = Date.parse('2025-01-01T10:00:00Z');
    const api = new ApiClient(
      () => null,
      async () => json(200, { accessToken: 't' }, { date: 'Wed, 01 Jan 2025 10:00:30 GMT' }),
      () => now,
    );
    expect((await api.refresh()).skewMs).toBe(30_000);
  });

  it('accepts 204 for logout', async () => {
    const api = new ApiClient(
      () => 't',
      async () => new Response(null, { status: 204 }),
    );
    await expect(api.logout()).resolves.toBeUndefined();
  });
});
