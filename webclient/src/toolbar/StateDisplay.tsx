import type { AgentStateView } from '../api/types';
import { absenceNotice, statusText, statusTone } from '../agent/presentation';
import { elapsedSeconds, formatDuration } from '../agent/time';
import { useNow } from '../util/hooks';

/**
 * The current state with its colour and the time spent in it. `frozenAt` (local ms): the state may be out of date
 * since then (connection lost), so its timer stops there instead of counting a state that may have ended.
 */
export function StateDisplay({
  state,
  skewMs,
  frozenAt = null,
}: {
  state: AgentStateView;
  skewMs: number;
  frozenAt?: number | null;
}) {
  const ticking = useNow();
  const now = frozenAt ?? ticking;
  const elapsed = formatDuration(elapsedSeconds(state.since, now, skewMs));
  const absence = absenceNotice(state);
  return (
    <div
      class={`state state-${statusTone(state.status)}${frozenAt != null ? ' state-stale' : ''}`}
      data-status={state.status}
      data-stale={frozenAt != null ? 'true' : undefined}
    >
      {absence && (
        <p class="state-notice" role="alert" data-testid="absence-notice">
          {absence}
        </p>
      )}
      <span class="state-dot" aria-hidden="true" />
      <span class="state-text" data-testid="agent-state" aria-live="polite">
        {statusText(state)}
      </span>
      {state.status === 'PENDING_NOT_READY' && (
        <span class="state-hint" data-testid="pending-hint">
          {state.call ? 'after this call' : 'after wrap-up'}
        </span>
      )}
      <span class="state-time" aria-label={`Time in state ${elapsed}`} role="timer">
        {elapsed}
      </span>
    </div>
  );
}
