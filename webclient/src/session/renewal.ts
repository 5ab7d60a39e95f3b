import { realTimers, type Timers } from '../push/pushClient';

/** Renew this long before the access token expires. */
export const RENEW_LEAD_MS = 60_000;
/** Never schedule sooner than this (avoids a tight loop on tiny or already-expired tokens). */
export const RENEW_MIN_DELAY_MS = 1_000;
/** After a failed renewal (network), try again after this long. */
export const RENEW_RETRY_MS = 5_000;

/**
 * Milliseconds from now until the token should be renewed: ~60 s before `expiresAt`
 * (server clock, corrected by `skewMs` = server - local). For tokens living less than two
 * minutes, at half of the remaining lifetime instead, so short tokens are not renewed at once.
 */
export function renewalDelayMs(expiresAtIso: string, localNowMs: number, skewMs = 0): number {
  const expires = Date.parse(expiresAtIso);
  if (Number.isNaN(expires)) return RENEW_MIN_DELAY_MS;
  const remaining = expires - (localNowMs + skewMs);
  const delay = remaining > 2 * RENEW_LEAD_MS ? remaining - RENEW_LEAD_MS : remaining / 2;
  return Math.max(RENEW_MIN_DELAY_MS, Math.floor(delay));
}

export type RenewOutcome = 'renewed' | 'ended' | 'failed';

/**
 * Keeps one pending renewal timer. `renew` performs the refresh and reports the outcome;
 * the owner calls `schedule` again with the new expiry after each successful renewal.
 */
export class RenewalScheduler {
  private handle: unknown = null;

  constructor(
    private readonly renew: () => Promise<RenewOutcome>,
    private readonly timers: Timers = realTimers,
    private readonly now: () => number = Date.now,
  ) {}

  schedule(expiresAtIso: string, skewMs = 0): void {
    this.arm(renewalDelayMs(expiresAtIso, this.now(), skewMs));
  }

  cancel(): void {
    if (this.handle != null) this.timers.clearTimeout(this.handle);
    this.handle = null;
  }

  get pending(): boolean {
    return this.handle != null;
  }

  private arm(delay: number): void {
    this.cancel();
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      void this.renew().then(
        (outcome) => {
          if (outcome === 'failed' && this.handle == null) this.arm(RENEW_RETRY_MS);
        },
        () => {
          if (this.handle == null) this.arm(RENEW_RETRY_MS);
        },
      );
    }, delay);
  }
}
