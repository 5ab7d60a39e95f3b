import { ApiError, NetworkError } from '../api/client';

export const GENERIC_BAD_CREDENTIALS = 'Invalid username, password or domain.';

/** The message the login page shows for a failed login. */
export function loginErrorMessage(err: unknown): string {
  if (err instanceof NetworkError) {
    return 'Cannot reach the server. Check your network connection and try again.';
  }
  if (err instanceof ApiError) {
    const detail = err.problem?.detail;
    if (err.status === 401) return detail || GENERIC_BAD_CREDENTIALS;
    if (err.status === 429) {
      return err.retryAfterSeconds != null
        ? `Too many attempts, try again in ${err.retryAfterSeconds} s.`
        : 'Too many attempts, try again later.';
    }
    if (err.status === 400) return detail || 'Please fill in username, password and domain.';
    if (err.status === 503 && err.problem?.code === 'login-busy') {
      return err.retryAfterSeconds != null
        ? `The server is busy signing people in; try again in ${err.retryAfterSeconds} s.`
        : 'The server is busy signing people in; try again in a moment.';
    }
    if (err.status >= 500) {
      return `The server could not complete the login (HTTP ${err.status}). Please try again later.`;
    }
    return detail || `Login failed (HTTP ${err.status}).`;
  }
  return 'Login failed. Please try again.';
}

export interface LoginFields {
  username: string;
  password: string;
  domain: string;
}

/** Names of the fields left empty, in form order. */
export function missingFields(f: LoginFields): (keyof LoginFields)[] {
  return (['username', 'password', 'domain'] as const).filter((k) =>
    k === 'password' ? f[k] === '' : f[k].trim() === '',
  );
}
