import { formatDuration, remainingSeconds } from '../agent/time';
import { useNow } from '../util/hooks';

interface Props {
  wrapupEndsAt: string;
  skewMs: number;
  canEndEarly: boolean;
  busy: boolean;
  onEnd: () => void;
}

/** Countdown to the end of wrap-up, with "End wrap-up" when the tenant allows it. */
export function WrapupPanel({ wrapupEndsAt, skewMs, canEndEarly, busy, onEnd }: Props) {
  const now = useNow();
  const left = formatDuration(remainingSeconds(wrapupEndsAt, now, skewMs));
  return (
    <div class="wrapup">
      <span>
        Wrap-up ends in{' '}
        <span class="wrapup-left" role="timer" aria-label={`Wrap-up ends in ${left}`}>
          {left}
        </span>
      </span>
      {canEndEarly && (
        <button type="button" onClick={onEnd} disabled={busy}>
          End wrap-up
        </button>
      )}
    </div>
  );
}
