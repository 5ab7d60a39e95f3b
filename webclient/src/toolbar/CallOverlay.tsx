import type { CallView } from '../api/types';
import { CALL_KIND_TEXT, CALL_STATE_TEXT } from '../agent/presentation';
import { elapsedSeconds, formatDuration } from '../agent/time';
import { useNow } from '../util/hooks';

/** The agent's current call: ringing / talking / held / dialing, its kind and timer. */
export function CallOverlay({ call, skewMs }: { call: CallView; skewMs: number }) {
  const now = useNow();
  const elapsed = formatDuration(elapsedSeconds(call.since, now, skewMs));
  return (
    <section class={`call call-${call.state.toLowerCase()}`} aria-label="Current call" data-call-id={call.callId}>
      <span class="call-state">{CALL_STATE_TEXT[call.state]}</span>
      <span class="call-kind">{CALL_KIND_TEXT[call.kind]}</span>
      <span class="call-time" role="timer" aria-live="off" aria-label={`Call time ${elapsed}`}>
        {elapsed}
      </span>
    </section>
  );
}
