import type { CallAction, CallControlController } from './callControlController';
import { consultTargetText, type ConsultView } from './types';

interface Props {
  consult: ConsultView;
  busy: CallAction | null;
  controller: CallControlController;
}

/** The consultation in progress: whom, ringing or talking, and Complete / Conference / Cancel. */
export function ConsultBar({ consult, busy, controller }: Props) {
  const who = consultTargetText(consult);
  const talking = consult.state === 'talking';
  return (
    <div class="consult-bar" role="group" aria-label="Consultation" data-testid="consult-bar">
      <span>
        Consulting <strong data-testid="consult-target">{who}</strong>{' '}
        <span class="consult-state" data-testid="consult-state">
          {talking ? 'talking' : 'ringing…'}
        </span>
      </span>
      <span class="muted"> — the customer is on hold.</span>
      <div class="consult-actions">
        <button type="button" disabled={busy != null} onClick={() => void controller.completeConsult()}>
          Complete transfer
        </button>
        <button type="button" disabled={busy != null || !talking} onClick={() => void controller.conference()}>
          Conference
        </button>
        <button type="button" disabled={busy != null} onClick={() => void controller.cancelConsult()}>
          Cancel consultation
        </button>
      </div>
    </div>
  );
}
