import { useState } from 'preact/hooks';
import { CallTimer } from '../../components/CallTimer';
import type { PhoneController } from '../phoneController';
import { PHASE_TEXT, type PhoneCall } from '../phoneState';
import { Keypad } from './Keypad';

/** A call in progress on the webphone: state, timer, hang up, hold, mute, DTMF keypad. */
export function ActiveCall({
  call,
  phone,
}: {
  call: PhoneCall;
  phone: Pick<PhoneController, 'hangUp' | 'hold' | 'resume' | 'toggleMute' | 'sendDtmf'>;
}) {
  const [keypad, setKeypad] = useState(false);
  const active = call.phase === 'active';
  const phase = call.held ? 'On hold' : call.remoteHeld ? 'Held by the other side' : PHASE_TEXT[call.phase];
  return (
    <div class="phone-call" role="group" aria-label="Phone call">
      <p class="phone-remote">
        <span data-testid="phone-call-phase">{phase}</span>{' '}
        <strong data-testid="phone-remote">{call.remoteNumber || 'unknown number'}</strong>
        {call.remoteName && <span class="muted"> {call.remoteName}</span>}
        {call.answeredAt != null && <CallTimer startedAtMs={call.answeredAt} />}
      </p>
      <div class="phone-buttons">
        <button type="button" class="hangup-button" onClick={() => phone.hangUp()}>
          Hang up
        </button>
        <button
          type="button"
          disabled={!active}
          aria-pressed={call.held}
          onClick={() => (call.held ? phone.resume() : phone.hold())}
        >
          {call.held ? 'Resume' : 'Hold'}
        </button>
        <button type="button" disabled={!active} aria-pressed={call.muted} onClick={() => phone.toggleMute()}>
          {call.muted ? 'Unmute' : 'Mute'}
        </button>
        <button type="button" disabled={!active} aria-expanded={keypad} onClick={() => setKeypad((k) => !k)}>
          Keypad
        </button>
      </div>
      {keypad && active && <Keypad onKey={(k) => phone.sendDtmf(k)} />}
    </div>
  );
}
