// Small helpers shared by the admin forms' pure logic.
import type { FieldMessages } from './adminErrors';

/** A whole number from a text input, or null when it is not one. */
export function wholeNumber(text: string): number | null {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : null;
}

/** Adds `message` for `field` when the number is missing or outside [min, max]. */
export function checkRange(
  errors: FieldMessages,
  field: string,
  text: string,
  min: number,
  max: number,
  what: string,
): void {
  const n = wholeNumber(text);
  if (n == null || n < min || n > max) errors[field] = `${what} must be a whole number from ${min} to ${max}.`;
}

/** Same members regardless of order. */
export function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

/** Same `key → value` pairs regardless of order (memberships with a penalty). */
export function samePairs<K>(a: readonly [K, number][], b: readonly [K, number][]): boolean {
  if (a.length !== b.length) return false;
  const m = new Map(a);
  return b.every(([k, v]) => m.has(k) && m.get(k) === v);
}
