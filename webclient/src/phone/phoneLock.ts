// Tab election for the webphone: one tab of the browser registers and takes calls; the others wait.

export interface PhoneLockEvents {
  /** This tab now runs the phone. */
  onAcquired(): void;
  /** Another tab runs the phone; this one waits (and takes over when that tab closes). */
  onWaiting(): void;
  /** Another tab took the phone over from this one. */
  onLost(): void;
}

export interface PhoneLock {
  start(events: PhoneLockEvents): void;
  /** Takes the phone from the tab that has it. */
  takeOver(): void;
  release(): void;
}

/** The Web Locks API, reduced to what the election uses. */
export interface LockManagerPort {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown>;
}

/**
 * A Web Lock held for as long as this tab runs the phone. A waiting tab queues for the lock, so it
 * takes over by itself when the phone's tab closes; `takeOver` steals it.
 */
export class WebLocksPhoneLock implements PhoneLock {
  private events: PhoneLockEvents | null = null;
  private releaseHeld: (() => void) | null = null;
  private queued: AbortController | null = null;
  private generation = 0;

  constructor(
    private readonly locks: LockManagerPort,
    private readonly name: string,
  ) {}

  start(events: PhoneLockEvents): void {
    this.events = events;
    const gen = ++this.generation;
    void this.locks
      .request(this.name, { ifAvailable: true }, (lock) => (lock ? this.hold(gen) : null))
      .then(
        (held) => {
          if (held === null && gen === this.generation) {
            events.onWaiting();
            this.queue(gen);
          }
        },
        () => this.lost(gen),
      );
  }

  takeOver(): void {
    if (this.releaseHeld || !this.events) return;
    this.queued?.abort();
    const gen = ++this.generation;
    void this.locks.request(this.name, { steal: true }, () => this.hold(gen)).catch(() => this.lost(gen));
  }

  release(): void {
    this.generation++;
    this.events = null;
    this.queued?.abort();
    this.queued = null;
    this.releaseHeld?.();
    this.releaseHeld = null;
  }

  private queue(gen: number): void {
    const abort = new AbortController();
    this.queued = abort;
    void this.locks.request(this.name, { signal: abort.signal }, () => this.hold(gen)).catch(() => this.lost(gen));
  }

  /** Resolves (releasing the lock) only on release() or when another tab steals the lock. */
  private hold(gen: number): Promise<string> {
    if (gen !== this.generation || !this.events) return Promise.resolve('stale');
    this.queued = null;
    const held = new Promise<string>((resolve) => {
      this.releaseHeld = () => resolve('released');
    });
    this.events.onAcquired();
    return held;
  }

  /** The held or queued request failed: stolen by another tab (or aborted by a take-over/release). */
  private lost(gen: number): void {
    if (gen !== this.generation || !this.events) return;
    const wasHolding = this.releaseHeld != null;
    this.releaseHeld = null;
    if (wasHolding) this.events.onLost();
    else this.events.onWaiting();
    this.queue(gen);
  }
}

export function browserPhoneLock(name: string): PhoneLock | undefined {
  const locks = (navigator as Navigator & { locks?: LockManagerPort }).locks;
  return locks ? new WebLocksPhoneLock(locks, name) : undefined;
}
