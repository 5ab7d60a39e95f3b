import { describe, expect, it } from 'vitest';
import type { Callback } from '../api/types';
import {
  cleanNumber,
  dueOnes,
  formProblem,
  localParts,
  sortCallbacks,
  toInstant,
  upsert,
  who,
  without,
} from './agenda';

const cb = (id: number, dueAt: string, extra: Partial<Callback> = {}): Callback => ({
  id,
  dueAt,
  number: '+14155550123',
  name: '',
  note: '',
  callId: null,
  status: 'open',
  remindedAt: null,
  createdAt: '2026-11-22T08:00:00Z',
  ...extra,
});

describe('the agenda', () => {
  it('lists soonest first; an update moves a callback, a closed one leaves', () => {
    const a = cb(1, '2026-11-23T10:00:00Z');
    const b = cb(2, '2026-11-23T09:00:00Z');
    expect(sortCallbacks([a, b]).map((c) => c.id)).toEqual([2, 1]);
    const moved = upsert([b, a], { ...a, dueAt: '2026-11-23T08:00:00Z' });
    expect(moved.map((c) => c.id)).toEqual([1, 2]);
    expect(upsert(moved, { ...a, status: 'done' }).map((c) => c.id)).toEqual([2]);
    expect(without(moved, 2).map((c) => c.id)).toEqual([1]);
  });

  it('due: open, due by now (server clock), not dismissed', () => {
    const now = Date.parse('2026-11-23T09:00:00Z');
    const list = [cb(1, '2026-11-23T08:59:59Z'), cb(2, '2026-11-23T09:00:01Z'), cb(3, '2026-11-23T08:00:00Z')];
    expect(dueOnes(list, now, new Set()).map((c) => c.id)).toEqual([1, 3]);
    expect(dueOnes(list, now, new Set([3])).map((c) => c.id)).toEqual([1]);
  });

  it("turns the form's local date and time into an instant and back", () => {
    const iso = toInstant('2026-11-23', '09:30');
    expect(iso).not.toBeNull();
    expect(localParts(iso!)).toEqual({ date: '2026-11-23', time: '09:30:00' });
    expect(localParts(toInstant('2026-11-23', '09:30:15')!)).toEqual({ date: '2026-11-23', time: '09:30:15' });
    expect(toInstant('2026-02-30', '09:30')).toBeNull();
    expect(toInstant('2026-11-23', '25:00')).toBeNull();
    expect(toInstant('', '09:30')).toBeNull();
  });

  it('says what is wrong with the form', () => {
    const ok = { date: '2026-11-23', time: '09:30', number: '+1 (415) 555-0123', name: '', note: '' };
    expect(formProblem(ok)).toBeNull();
    expect(cleanNumber(ok.number)).toBe('+14155550123');
    expect(formProblem({ ...ok, time: '' })).toMatch(/date and the time/);
    expect(formProblem({ ...ok, number: 'call me' })).toMatch(/digits/);
    expect(formProblem({ ...ok, note: 'x'.repeat(1025) })).toMatch(/note/);
  });

  it('names who to call', () => {
    expect(who({ name: 'Jane', number: '123' })).toBe('Jane (123)');
    expect(who({ name: '', number: '123' })).toBe('123');
  });
});
