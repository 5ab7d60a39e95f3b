import type { AgentStateView } from '../api/types';
import { absenceNotice, statusText, statusTone } from '../agent/presentation';
import { elapsedSeconds, formatDuration } from '../agent/time';
import { useNow } from '../util/hooks';

/** The current state with its colour and the time spent in it. */
export function StateDisplay({ state, skewMs }: { state: AgentStateView; skewMs: number }) {
  const now = useNow();
  const elapsed = formatDuration(elapsedSeconds(state.since, now, skewMs));
  const absence = absenceNotice(state);
  return (
    <div class={`state state-${statusTone(state.status)}`} data-status={state.status}>
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
