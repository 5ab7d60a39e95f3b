import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client';
import type { Callback, PushServerMessage } from '../api/types';
import { CallbacksController, type CallbackApi } from './callbacksController';

const cb = (id: number, dueAt: string, extra: Partial<Callback> = {}): Callback => ({
  id,
  dueAt,
  number: '+14155550123',
  name: 'Jane',
  note: '',
  callId: null,
  status: 'open',
  remindedAt: null,
  createdAt: '2026-11-22T08:00:00Z',
  ...extra,
});

const T0 = Date.parse('2026-11-23T09:00:00Z');

function setup(initial: Callback[]) {
  let now = T0;
  const listeners: Array<(m: PushServerMessage) => void> = [];
  const reconnects: Array<() => void> = [];
  const api = {
    list: vi.fn(async () => ({ callbacks: initial })),
    create: vi.fn(async (f) => cb(9, f.dueAt, { number: f.number })),
    update: vi.fn(async (id, f) => cb(id, f.dueAt, { number: f.number })),
    cancel: vi.fn(async () => {}),
    dial: vi.fn(async () => ({ callId: '1795315638.0' })),
  } satisfies CallbackApi;
  const notify = vi.fn();
  const controller = new CallbacksController({
    api,
    live: {
      onMessage: (l) => (listeners.push(l), () => {}),
      onReconnected: (l) => (reconnects.push(l), () => {}),
      authorized: (call) => call(),
    },
    now: () => now,
    notify,
  });
  return {
    controller,
    api,
    notify,
    push: (m: PushServerMessage) => listeners.forEach((l) => l(m)),
    reconnect: () => reconnects.forEach((l) => l()),
    advance: async (ms: number) => {
      now += ms;
      await vi.advanceTimersByTimeAsync(ms);
    },
    view: () => controller.view.get(),
  };
}

describe('CallbacksController', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('loads the agenda; a callback already due when the page opens is a reminder at once, notified once', async () => {
    const t = setup([cb(2, '2026-11-23T10:00:00Z'), cb(1, '2026-11-23T08:30:00Z')]);
    t.controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.view().callbacks.map((c) => c.id)).toEqual([1, 2]);
    expect(t.view().reminders.map((c) => c.id)).toEqual([1]);
    await t.advance(5000);
    expect(t.notify).toHaveBeenCalledTimes(1);
    t.controller.stop();
  });

  it('a callback falling due (clock or callback.due push) becomes a reminder; dismissed, it goes', async () => {
    const t = setup([cb(1, '2026-11-23T09:00:03Z')]);
    t.controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.view().reminders).toEqual([]);
    await t.advance(3000);
    expect(t.view().reminders.map((c) => c.id)).toEqual([1]);
    t.controller.dismiss(1);
    expect(t.view().reminders).toEqual([]);

    // the server's clock is ahead: its push counts
    t.push({ type: 'callback.due', callback: cb(5, '2026-11-23T09:00:10Z', { remindedAt: '2026-11-23T09:00:10Z' }) });
    expect(t.view().reminders.map((c) => c.id)).toEqual([5]);
    expect(t.view().callbacks.map((c) => c.id)).toEqual([1, 5]);
    expect(t.notify).toHaveBeenCalledTimes(2);
    t.controller.stop();
  });

  it('"Call now" dials through the server; the callback leaves the agenda; a refusal is shown', async () => {
    const t = setup([cb(1, '2026-11-23T08:59:00Z'), cb(2, '2026-11-23T08:58:00Z')]);
    t.controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(await t.controller.dial(1)).toBe(true);
    expect(t.api.dial).toHaveBeenCalledWith(1);
    expect(t.view().callbacks.map((c) => c.id)).toEqual([2]);
    expect(t.view().reminders.map((c) => c.id)).toEqual([2]);

    t.api.dial.mockRejectedValueOnce(
      new ApiError(409, { code: 'agent-not-available', detail: 'Alice is in wrap-up.' }, null),
    );
    expect(await t.controller.dial(2)).toBe(false);
    expect(t.view().alert).toBe('Alice is in wrap-up.');
    expect(t.view().callbacks.map((c) => c.id)).toEqual([2]);
    expect(t.view().dialling).toBeNull();
    t.controller.stop();
  });

  it('schedules, moves and cancels; a moved callback reminds again; a reconnect reloads', async () => {
    const t = setup([]);
    t.controller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(await t.controller.create({ dueAt: '2026-11-23T09:00:02Z', number: '123', name: '', note: '' })).toBe(true);
    expect(t.view().callbacks.map((c) => c.id)).toEqual([9]);
    await t.advance(2000);
    expect(t.view().reminders.map((c) => c.id)).toEqual([9]);
    t.controller.dismiss(9);
    await t.controller.update(9, { dueAt: '2026-11-23T09:00:04Z', number: '456', name: '', note: '' });
    expect(t.view().callbacks[0].number).toBe('456');
    await t.advance(2000);
    expect(t.view().reminders.map((c) => c.id)).toEqual([9]);
    await t.controller.cancel(9);
    expect(t.view().callbacks).toEqual([]);
    expect(t.view().reminders).toEqual([]);
    t.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.api.list).toHaveBeenCalledTimes(2);
    t.controller.stop();
  });
});
