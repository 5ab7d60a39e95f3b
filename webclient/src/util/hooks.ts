import { useEffect, useState } from 'preact/hooks';
import type { Store } from './store';

/** Current value of a store; re-renders on change. */
export function useStore<T>(store: Store<T>): T {
  const [value, setValue] = useState(() => store.get());
  useEffect(() => {
    setValue(store.get());
    return store.subscribe(setValue);
  }, [store]);
  return value;
}

/**
 * The local clock, re-read every `intervalMs` (for ticking timers). A quarter second keeps
 * whole-second displays from skipping or repeating a second through timer jitter.
 */
export function useNow(intervalMs = 250): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return now;
}
