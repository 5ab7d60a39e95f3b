import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RENEW_MIN_DELAY_MS, RENEW_RETRY_MS, RenewalScheduler, renewalDelayMs, type RenewOutcome } from './renewal';

const NOW = Date.parse('2025-01-01T10:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

describe('renewalDelayMs', () => {
  it('renews 60 s before expiry', () => {
    expect(renewalDelayMs(iso(NOW + 15 * 60_000), NOW)).toBe(14 * 60_000);
    expect(renewalDelayMs(iso(NOW + 5 * 60_000), NOW)).toBe(4 * 60_000);
  });

  it('corrects by the server clock skew', () => {
    // Server clock 30 s ahead: the token expires 30 s sooner in local terms.
    expect(renewalDelayMs(iso(NOW + 15 * 60_000), NOW, 30_000)).toBe(14 * 60_000 - 30_000);
    expect(renewalDelayMs(iso(NOW + 15 * 60_000), NOW, -30_000)).toBe(14 * 60_000 + 30_000);
  });

  it('uses half the remaining life for short tokens', () => {
    expect(renewalDelayMs(iso(NOW + 90_000), NOW)).toBe(45_000);
  });

  it('never schedules below the minimum (expired or bad input)', () => {
    expect(renewalDelayMs(iso(NOW - 5_000), NOW)).toBe(RENEW_MIN_DELAY_MS);
    expect(renewalDelayMs('garbage', NOW)).toBe(RENEW_MIN_DELAY_MS);
  });
});

describe('RenewalScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('fires once at the computed time', async () => {
    const renew = vi.fn(async (): Promise<RenewOutcome> => 'renewed');
    const s = new RenewalScheduler(renew);
    s.schedule(iso(NOW + 10 * 60_000));
    await vi.advanceTimersByTimeAsync(9 * 60_000 - 1);
    expect(renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(renew).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(renew).toHaveBeenCalledTimes(1); // the owner reschedules after a renewal
  });

  it('rescheduling replaces the pending timer', async () => {
    const renew = vi.fn(async (): Promise<RenewOutcome> => 'renewed');
    const s = new RenewalScheduler(renew);
    s.schedule(iso(NOW + 10 * 60_000));
    s.schedule(iso(NOW + 20 * 60_000));
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(renew).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(9 * 60_000);
    expect(renew).toHaveBeenCalledTimes(1);
  });

  it('retries after a failed renewal, not after an ended session', async () => {
    const outcomes: RenewOutcome[] = ['failed', 'failed', 'ended'];
    const renew = vi.fn(async () => outcomes.shift()!);
    const s = new RenewalScheduler(renew);
    s.schedule(iso(NOW + 3 * 60_000));
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(renew).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(RENEW_RETRY_MS);
    expect(renew).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(RENEW_RETRY_MS);
    expect(renew).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(10 * RENEW_RETRY_MS);
    expect(renew).toHaveBeenCalledTimes(3);
    expect(s.pending).toBe(false);
  });

  it('cancel stops it', async () => {
    const renew = vi.fn(async (): Promise<RenewOutcome> => 'renewed');
    const s = new RenewalScheduler(renew);
    s.schedule(iso(NOW + 2 * 60_000));
    s.cancel();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(renew).not.toHaveBeenCalled();
  });
});
