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

/**
 * While `active`, leaving or reloading the page asks the browser's "leave site?" question first (`beforeunload`):
 * the page holds the call's media and SIP connection, and a reload ends the call (docs/webphone.md).
 */
export function useLeaveWarning(active: boolean): void {
  useEffect(() => {
    if (!active) {
      return;
    }
    const warn = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // older Chromium asks only when this is set
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}
