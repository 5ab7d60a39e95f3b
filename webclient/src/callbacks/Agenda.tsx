import { useState } from 'preact/hooks';
import type { Id } from '../api/types';
import { useStore } from '../util/hooks';
import { formatDue, who } from './agenda';
import { CallbackForm } from './CallbackForm';
import type { CallbacksController } from './callbacksController';

/** The agent's open callbacks, soonest first, each to edit, cancel or dial. */
export function Agenda({ controller, canDial }: { controller: CallbacksController; canDial: boolean }) {
  const view = useStore(controller.view);
  const [editing, setEditing] = useState<Id | null>(null);
  return (
    <section class="agenda" aria-label="Callbacks">
      <h2>Callbacks</h2>
      {view.loaded && view.callbacks.length === 0 && <p class="muted">No callbacks scheduled.</p>}
      <ul class="agenda-list">
        {view.callbacks.map((c) => {
          const due = view.reminders.some((r) => r.id === c.id);
          return (
            <li key={c.id} class={due ? 'agenda-item agenda-due' : 'agenda-item'} data-testid="callback">
              {editing === c.id ? (
                <CallbackForm
                  initial={c}
                  submitLabel="Save callback"
                  onSubmit={(f) => controller.update(c.id, f)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <>
                  <div class="agenda-what">
                    <time dateTime={c.dueAt}>{formatDue(c.dueAt)}</time> <strong>{who(c)}</strong>
                    {due && <span class="badge">due</span>}
                    {c.note && <p class="agenda-note">{c.note}</p>}
                  </div>
                  <div class="agenda-actions">
                    <button
                      type="button"
                      disabled={!canDial || view.dialling != null}
                      onClick={() => void controller.dial(c.id)}
                    >
                      Call now
                    </button>
                    <button type="button" class="link" onClick={() => setEditing(c.id)}>
                      Edit
                    </button>
                    <button
                      type="button"
                      class="link"
                      onClick={() => void controller.cancel(c.id)}
                      aria-label={`Cancel callback to ${who(c)}`}
                    >
                      Cancel
                    </button>
                  </div>
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
