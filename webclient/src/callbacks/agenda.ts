// Pure bookkeeping of the agent's callbacks: order, merge, which are due, and the form's date and time.
import type { Callback, Id } from '../api/types';

/** Soonest first (then by id), as the server lists them. */
export function sortCallbacks(list: readonly Callback[]): Callback[] {
  return [...list].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.id - b.id);
}

/** The list with `c` added or replaced; a callback no longer open leaves the list. */
export function upsert(list: readonly Callback[], c: Callback): Callback[] {
  const others = list.filter((x) => x.id !== c.id);
  return sortCallbacks(c.status === 'open' ? [...others, c] : others);
}

export function without(list: readonly Callback[], id: Id): Callback[] {
  return list.filter((x) => x.id !== id);
}

/** Open callbacks due by `serverNowMs`, not dismissed. */
export function dueOnes(list: readonly Callback[], serverNowMs: number, dismissed: ReadonlySet<Id>): Callback[] {
  return list.filter((c) => c.status === 'open' && !dismissed.has(c.id) && Date.parse(c.dueAt) <= serverNowMs);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `date` (YYYY-MM-DD) and `time` (HH:MM:SS) in the browser's time zone, as the form's inputs hold them. */
export function localParts(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  return {
    date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`,
    time: `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`,
  };
}

/** The instant of a local date and time (the form's inputs), or null when they are not valid. */
export function toInstant(date: string, time: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time.trim());
  if (!m || !t) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  if (
    Number.isNaN(d.getTime()) ||
    d.getMonth() !== Number(m[2]) - 1 ||
    Number(t[1]) > 23 ||
    Number(t[2]) > 59 ||
    Number(t[3] ?? 0) > 59
  ) {
    return null;
  }
  return d.toISOString();
}

export const NUMBER_PATTERN = /^[0-9+*#]{1,32}$/;

/** What is wrong with the form, or null when it can be sent. */
export function formProblem(f: {
  date: string;
  time: string;
  number: string;
  name: string;
  note: string;
}): string | null {
  if (toInstant(f.date, f.time) == null) return 'Give the date and the time of the callback.';
  const number = f.number.replace(/[\s().-]/g, '');
  if (!NUMBER_PATTERN.test(number)) return 'The number may hold digits, +, * and # (up to 32).';
  if (f.name.length > 128) return 'The name is too long (128 characters at most).';
  if (f.note.length > 1024) return 'The note is too long (1024 characters at most).';
  return null;
}

/** The number as the server takes it: spaces, dots, dashes and brackets people type are dropped. */
export function cleanNumber(number: string): string {
  return number.replace(/[\s().-]/g, '');
}

/** "Mon 23 Nov, 09:30" in the browser's locale and time zone. */
export function formatDue(iso: string): string {
  const d = new Date(iso);
  return d.toLocaleString(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Who to call back, for lists and reminders. */
export function who(c: Pick<Callback, 'name' | 'number'>): string {
  return c.name ? `${c.name} (${c.number})` : c.number;
}
