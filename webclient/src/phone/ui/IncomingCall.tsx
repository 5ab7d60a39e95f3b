import type { PhoneCall } from '../phoneState';

/** An incoming call ringing on the webphone: who calls, Answer / Decline. */
export function IncomingCall({
  call,
  onAnswer,
  onDecline,
}: {
  call: PhoneCall;
  onAnswer: () => void;
  onDecline: () => void;
}) {
  return (
    <div class="phone-incoming" role="group" aria-label="Incoming call">
      <p class="phone-remote">
        Incoming call from <strong data-testid="phone-remote">{call.remoteNumber || 'unknown number'}</strong>
        {call.remoteName && <span class="muted"> {call.remoteName}</span>}
      </p>
      <div class="phone-buttons">
        <button type="button" class="answer-button" onClick={onAnswer}>
          Answer
        </button>
        <button type="button" class="decline-button" onClick={onDecline}>
          Decline
        </button>
      </div>
    </div>
  );
}
