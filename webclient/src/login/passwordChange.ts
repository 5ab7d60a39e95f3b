import { ApiError, describeError } from '../api/client';

export const MIN_PASSWORD = 10;
export const MAX_PASSWORD = 256;

export interface PasswordChangeFields {
  current: string;
  next: string;
  repeat: string;
}

/** What is wrong with the form before asking the server, per field; empty when it may be sent. */
export function passwordChangeProblems(f: PasswordChangeFields): Partial<Record<keyof PasswordChangeFields, string>> {
  const problems: Partial<Record<keyof PasswordChangeFields, string>> = {};
  if (!f.current) problems.current = 'Enter the password you signed in with.';
  if (f.next.length < MIN_PASSWORD) problems.next = `Choose at least ${MIN_PASSWORD} characters.`;
  else if (f.next.length > MAX_PASSWORD) problems.next = `Choose at most ${MAX_PASSWORD} characters.`;
  else if (f.next === f.current) problems.next = 'Choose a password other than the current one.';
  if (!problems.next && f.repeat !== f.next) problems.repeat = 'The two new passwords differ.';
  return problems;
}

/** The server's refusal as a sentence, and the field it is about. */
export function passwordChangeError(e: unknown): { field: keyof PasswordChangeFields | null; message: string } {
  if (e instanceof ApiError) {
    switch (e.code) {
      case 'wrong-password':
        return { field: 'current', message: 'Your current password is not right.' };
      case 'password-too-short':
      case 'password-too-long':
      case 'invalid-password':
      case 'password-unchanged':
        return { field: 'next', message: e.problem?.detail ?? 'Choose another password.' };
    }
  }
  return { field: null, message: describeError(e) };
}
