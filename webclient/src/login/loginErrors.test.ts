import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/client';
import { GENERIC_BAD_CREDENTIALS, loginErrorMessage, missingFields } from './loginErrors';
import { DOMAIN_KEY, loadDomain, saveDomain } from './rememberedDomain';

describe('loginErrorMessage', () => {
  it('shows the server generic message for bad credentials', () => {
    const e = new ApiError(401, { code: 'invalid-credentials', detail: 'Wrong username, password or domain' }, null);
    expect(loginErrorMessage(e)).toBe('Wrong username, password or domain');
    expect(loginErrorMessage(new ApiError(401, null, null))).toBe(GENERIC_BAD_CREDENTIALS);
  });

  it('tells how long to wait on 429', () => {
    expect(loginErrorMessage(new ApiError(429, { code: 'too-many-attempts' }, 42))).toBe(
      'Too many attempts, try again in 42 s.',
    );
    expect(loginErrorMessage(new ApiError(429, null, null))).toMatch(/try again later/);
  });

  it('asks to try again in a moment when the password checks are all busy (503 login-busy)', () => {
    expect(loginErrorMessage(new ApiError(503, { code: 'login-busy' }, 2))).toBe(
      'The server is busy signing people in; try again in 2 s.',
    );
    expect(loginErrorMessage(new ApiError(503, { code: 'login-busy' }, null))).toMatch(/try again in a moment/);
  });

  it('says when the server is unreachable', () => {
    expect(loginErrorMessage(new NetworkError(new TypeError('Failed to fetch')))).toMatch(/Cannot reach the server/);
  });

  it('explains server errors and invalid requests', () => {
    expect(loginErrorMessage(new ApiError(503, null, null))).toMatch(/HTTP 503/);
    expect(loginErrorMessage(new ApiError(400, { code: 'invalid-request', detail: 'domain is required' }, null))).toBe(
      'domain is required',
    );
  });
});

describe('missingFields', () => {
  it('lists empty fields in order; spaces-only counts as empty except for passwords', () => {
    expect(missingFields({ username: ' ', password: '', domain: 'acme' })).toEqual(['username', 'password']);
    expect(missingFields({ username: 'a', password: ' ', domain: '' })).toEqual(['domain']);
  });
});

describe('remembered domain', () => {
  it('stores only the domain', () => {
    const map = new Map<string, string>();
    const storage = {
      getItem: (k: string) => map.get(k) ?? null,
      setItem: (k: string, v: string) => void map.set(k, v),
    };
    expect(loadDomain(storage)).toBe('');
    saveDomain('acme', storage);
    expect(loadDomain(storage)).toBe('acme');
    expect([...map.keys()]).toEqual([DOMAIN_KEY]);
  });

  it('survives storage that throws', () => {
    const storage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadDomain(storage)).toBe('');
    expect(() => saveDomain('acme', storage)).not.toThrow();
  });
});
