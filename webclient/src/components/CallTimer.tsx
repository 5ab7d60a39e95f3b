import { formatDuration } from '../agent/time';
import { useNow } from '../util/hooks';

/** A ticking call timer from `startedAtMs` (local clock; correct a server instant by the skew first). */
export function CallTimer({ startedAtMs }: { startedAtMs: number }) {
  const now = useNow();
  const text = formatDuration(Number.isNaN(startedAtMs) ? 0 : (now - startedAtMs) / 1000);
  return (
    <span class="call-time" role="timer" aria-live="off" aria-label={`Call time ${text}`}>
      {text}
    </span>
  );
}
