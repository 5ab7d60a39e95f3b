/** A localStorage stand-in shared by the "tabs" of a test. */
export class MemoryStorage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  key(i: number): string | null {
    return [...this.map.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.map.set(k, String(v));
  }
  removeItem(k: string): void {
    this.map.delete(k);
  }
  keys(): string[] {
    return [...this.map.keys()];
  }
}

/** navigator.locks stand-in: one holder at a time per name, callbacks queued in order. */
export class FakeLocks {
  private readonly tails = new Map<string, Promise<unknown>>();
  requested: string[] = [];
  request<T>(name: string, cb: () => Promise<T> | T): Promise<T> {
    this.requested.push(name);
    const prev = this.tails.get(name) ?? Promise.resolve();
    const run = prev.then(() => cb());
    this.tails.set(
      name,
      run.catch(() => undefined),
    );
    return run;
  }
}
