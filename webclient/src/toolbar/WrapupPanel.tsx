import { formatDuration, remainingSeconds } from '../agent/time';
import { useNow } from '../util/hooks';

interface Props {
  wrapupEndsAt: string;
  skewMs: number;
  canEndEarly: boolean;
  busy: boolean;
  onEnd: () => void;
  /** The wrap-up waits for the call's disposition (the tenant requires one): it does not end at 0:00. */
  waitingForDisposition?: boolean;
}

/** Countdown to the end of wrap-up, with "End wrap-up" when the tenant allows it. */
export function WrapupPanel({ wrapupEndsAt, skewMs, canEndEarly, busy, onEnd, waitingForDisposition }: Props) {
  const now = useNow();
  const remaining = remainingSeconds(wrapupEndsAt, now, skewMs);
  const left = formatDuration(remaining);
  return (
    <div class="wrapup">
      {waitingForDisposition && remaining === 0 ? (
        <span role="timer" aria-label="Wrap-up time is up">
          Wrap-up time is up: it ends once the call has a disposition
        </span>
      ) : (
        <span>
          Wrap-up ends in{' '}
          <span class="wrapup-left" role="timer" aria-label={`Wrap-up ends in ${left}`}>
            {left}
          </span>
        </span>
      )}
      {canEndEarly && (
        <button type="button" onClick={onEnd} disabled={busy}>
          End wrap-up
        </button>
      )}
    </div>
  );
}
