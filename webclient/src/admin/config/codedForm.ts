import type { FieldMessages } from '../adminErrors';
import type { CodedEntry, CodedFields } from '../adminTypes';
import { checkRange, wholeNumber } from '../formValues';

export interface CodedValues {
  code: string;
  label: string;
  sortOrder: string;
  active: boolean;
}

export const emptyCoded = (): CodedValues => ({ code: '', label: '', sortOrder: '0', active: true });

export const codedValues = (e: CodedEntry): CodedValues => ({
  code: e.code,
  label: e.label,
  sortOrder: String(e.sortOrder),
  active: e.active,
});

export const CODED_FIELDS = new Set(['code', 'label', 'sortOrder', 'active']);

/** A reason's or disposition's checks: code [a-z0-9-]{1,32}, label 1..100. */
export function validateCoded(v: CodedValues): FieldMessages {
  const e: FieldMessages = {};
  if (!/^[a-z0-9-]{1,32}$/.test(v.code.trim())) e.code = 'A code is 1 to 32 lower-case letters, digits or dashes.';
  const label = v.label.trim();
  if (label.length < 1 || label.length > 100) e.label = 'A label has 1 to 100 characters.';
  checkRange(e, 'sortOrder', v.sortOrder, 0, 10000, 'The order');
  return e;
}

export function codedBody(v: CodedValues, original: CodedEntry | null): CodedFields {
  const next = {
    code: v.code.trim(),
    label: v.label.trim(),
    sortOrder: wholeNumber(v.sortOrder) ?? 0,
    active: v.active,
  };
  if (!original) return next;
  const p: CodedFields = {};
  for (const k of ['code', 'label', 'sortOrder', 'active'] as const) {
    if (next[k] !== original[k]) (p as Record<string, unknown>)[k] = next[k];
  }
  return p;
}
