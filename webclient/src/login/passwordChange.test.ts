import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { passwordChangeError, passwordChangeProblems } from './passwordChange';

describe('forced password change form', () => {
  it('asks for the current password, ten characters, a different one and the same twice', () => {
    expect(passwordChangeProblems({ current: '', next: 'short', repeat: 'short' })).toEqual({
      current: 'Enter the password you signed in with.',
      next: 'Choose at least 10 characters.',
    });
    expect(
      passwordChangeProblems({ current: 'old-password-1', next: 'old-password-1', repeat: 'old-password-1' }).next,
    ).toMatch(/other than the current/);
    expect(
      passwordChangeProblems({ current: 'old-password-1', next: 'new-password-1', repeat: 'new-password-2' }),
    ).toEqual({
      repeat: 'The two new passwords differ.',
    });
    expect(
      passwordChangeProblems({ current: 'old-password-1', next: 'new-password-1', repeat: 'new-password-1' }),
    ).toEqual({});
  });

  it('puts the server refusal on the field it is about', () => {
    const wrong = new ApiError(400, { status: 400, code: 'wrong-password', detail: 'x' }, null);
    expect(passwordChangeError(wrong)).toEqual({ field: 'current', message: 'Your current password is not right.' });
    const short = new ApiError(400, { status: 400, code: 'password-too-short', detail: 'At least 10.' }, null);
    expect(passwordChangeError(short)).toEqual({ field: 'next', message: 'At least 10.' });
    const other = new ApiError(503, { status: 503, code: 'login-busy', detail: 'Busy, retry.' }, null);
    expect(passwordChangeError(other).field).toBeNull();
  });
});
