import { describe, expect, it, vi } from 'vitest';
import { WebLocksPhoneLock, type LockManagerPort } from './phoneLock';

/** The Web Locks semantics the election relies on: exclusive, queued, ifAvailable, steal, abort. */
class FakeLockManager implements LockManagerPort {
  private holder: { reject: (e: unknown) => void } | null = null;
  private readonly waiting: (() => void)[] = [];

  request(
    _name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => Promise<unknown> | unknown,
  ): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const grant = () => {
        const me = { reject };
        this.holder = me;
        Promise.resolve(callback({})).then(
          (v) => {
            if (this.holder === me) this.next();
            resolve(v);
          },
          (e) => {
            if (this.holder === me) this.next();
            reject(e);
          },
        );
      };
      if (options.steal) {
        this.holder?.reject(new DOMException('stolen', 'AbortError'));
        this.holder = null;
        grant();
      } else if (!this.holder) {
        grant();
      } else if (options.ifAvailable) {
        Promise.resolve(callback(null)).then(resolve, reject);
      } else {
        this.waiting.push(grant);
        options.signal?.addEventListener('abort', () => {
          const i = this.waiting.indexOf(grant);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new DOMException('aborted', 'AbortError'));
        });
      }
    });
  }

  private next() {
    this.holder = null;
    this.waiting.shift()?.();
  }
}

function tab(locks: FakeLockManager) {
  const lock = new WebLocksPhoneLock(locks, 'tandem-phone:acme:1001');
  const events = { onAcquired: vi.fn(), onWaiting: vi.fn(), onLost: vi.fn() };
  return { lock, events };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('WebLocksPhoneLock (one tab runs the phone)', () => {
  it('the first tab gets the phone, the second waits and takes over when the first releases', async () => {
    const locks = new FakeLockManager();
    const a = tab(locks);
    const b = tab(locks);
    a.lock.start(a.events);
    await settle();
    b.lock.start(b.events);
    await settle();
    expect(a.events.onAcquired).toHaveBeenCalledTimes(1);
    expect(b.events.onWaiting).toHaveBeenCalledTimes(1);
    expect(b.events.onAcquired).not.toHaveBeenCalled();

    a.lock.release();
    await settle();
    expect(b.events.onAcquired).toHaveBeenCalledTimes(1);
  });

  it('takeOver steals the phone; the other tab learns it lost it and waits for it again', async () => {
    const locks = new FakeLockManager();
    const a = tab(locks);
    const b = tab(locks);
    a.lock.start(a.events);
    await settle();
    b.lock.start(b.events);
    await settle();

    b.lock.takeOver();
    await settle();
    expect(b.events.onAcquired).toHaveBeenCalledTimes(1);
    expect(a.events.onLost).toHaveBeenCalledTimes(1);

    b.lock.release();
    await settle();
    expect(a.events.onAcquired).toHaveBeenCalledTimes(2);
  });
});
