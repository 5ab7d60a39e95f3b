import { useStore } from '../util/hooks';
import { who } from './agenda';
import type { CallbacksController } from './callbacksController';

/** Toasts of due callbacks, each with "Call now"; refusals of the callback actions show here too. */
export function Reminders({ controller, canDial }: { controller: CallbacksController; canDial: boolean }) {
  const view = useStore(controller.view);
  return (
    <div class="reminders" aria-live="assertive">
      {view.reminders.map((c) => (
        <div
          key={c.id}
          class="toast"
          role="alertdialog"
          aria-label={`Callback due: ${who(c)}`}
          data-testid="callback-reminder"
        >
          <p>
            <strong>Callback due:</strong> {who(c)}
            {c.note && <span class="toast-note"> — {c.note}</span>}
          </p>
          <div class="toast-actions">
            <button
              type="button"
              disabled={!canDial || view.dialling != null}
              onClick={() => void controller.dial(c.id)}
            >
              {view.dialling === c.id ? 'Calling…' : 'Call now'}
            </button>
            <button type="button" class="link" onClick={() => controller.dismiss(c.id)}>
              Later
            </button>
          </div>
        </div>
      ))}
      {view.alert && (
        <div class="toast toast-error" role="alert">
          <span>{view.alert}</span>
          <button type="button" class="link" onClick={() => controller.clearAlert()} aria-label="Dismiss message">
            ×
          </button>
        </div>
      )}
    </div>
  );
}
