import { ApiError, describeError } from '../api/client';
import type { FieldError } from './adminTypes';

/** The sentence for each 409 code of the admin contract. */
export const CONFLICT_TEXT: Record<string, string> = {
  'username-taken': 'Another user already has this username.',
  'extension-taken': 'Another agent already has this extension.',
  'agent-number-taken': 'Another agent already has this agent number.',
  'agent-on-call': 'This agent is on a call. Try again when the call has ended.',
  'last-admin': 'This is the last enabled administrator of the tenant; make another user an administrator first.',
  self: 'You cannot delete or disable your own user.',
  'extension-in-use': 'This extension belongs to an agent; give the agent another extension first.',
  'group-name-taken': 'Another group already has this name.',
  'reason-code-taken': 'Another reason already has this code.',
  'disposition-code-taken': 'Another disposition already has this code.',
};

/** Which form field a 409 code is about, so the sentence shows next to it. */
const CONFLICT_FIELD: Record<string, string> = {
  'username-taken': 'username',
  'extension-taken': 'agent.extension',
  'agent-number-taken': 'agent.number',
  'group-name-taken': 'name',
  'reason-code-taken': 'code',
  'disposition-code-taken': 'code',
};

export type FieldMessages = Record<string, string>;

/** What a refused save shows: messages by form field, and one sentence for the form (or null). */
export interface Refusal {
  fields: FieldMessages;
  form: string | null;
}

function isFieldError(e: unknown): e is FieldError {
  return (
    !!e &&
    typeof e === 'object' &&
    typeof (e as FieldError).field === 'string' &&
    typeof (e as FieldError).message === 'string'
  );
}

/**
 * Turns a failed admin call into messages: a 400 `invalid-fields` maps each `errors[]` entry onto its field
 * (the first message of a field wins; a field the form does not show goes to the form sentence instead), a
 * known 409 code becomes its sentence (on its field where it has one), anything else the generic text.
 */
export function refusal(err: unknown, shownFields?: ReadonlySet<string>): Refusal {
  const fields: FieldMessages = {};
  if (err instanceof ApiError) {
    const raw = (err.problem as { errors?: unknown } | null)?.errors;
    if (err.status === 400 && err.code === 'invalid-fields' && Array.isArray(raw)) {
      const unshown: string[] = [];
      for (const e of raw.filter(isFieldError)) {
        if (shownFields && !shownFields.has(e.field)) unshown.push(`${e.field}: ${e.message}`);
        else fields[e.field] ??= e.message;
      }
      if (unshown.length) return { fields, form: unshown.join(' ') };
      if (Object.keys(fields).length) return { fields, form: 'Some fields need correcting.' };
      return { fields, form: describeError(err) };
    }
    if (err.status === 409 && err.code && CONFLICT_TEXT[err.code]) {
      const field = CONFLICT_FIELD[err.code];
      if (field && (!shownFields || shownFields.has(field))) {
        fields[field] = CONFLICT_TEXT[err.code]!;
        return { fields, form: 'Some fields need correcting.' };
      }
      return { fields, form: CONFLICT_TEXT[err.code]! };
    }
    if (err.status === 404)
      return { fields, form: 'It no longer exists (someone may have deleted it). Reload the list.' };
    if (err.status === 403) return { fields, form: 'Only administrators may change this.' };
  }
  return { fields, form: describeError(err) };
}

/** One sentence for an action without a form (delete, disable). */
export function refusalText(err: unknown): string {
  const r = refusal(err, new Set());
  return r.form ?? describeError(err);
}
