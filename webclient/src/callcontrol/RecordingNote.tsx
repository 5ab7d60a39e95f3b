import { useState } from 'preact/hooks';
import type { CallControlController, CallControlView } from './callControlController';

export const MAX_NOTE = 1024;

interface Props {
  view: CallControlView;
  controller: CallControlController;
}

/** The note of the latest recorded call, during the call or after it (wrap-up). */
export function RecordingNote({ view, controller }: Props) {
  const [note, setNote] = useState(view.savedNote ?? '');
  const id = `recording-note-${view.recordedCallId}`;
  const saved = view.savedNote != null && view.savedNote === note;
  return (
    <form
      class="recording-note"
      onSubmit={(e) => {
        e.preventDefault();
        void controller.saveNote(note);
      }}
    >
      <label for={id}>Recording note</label>
      <textarea id={id} maxLength={MAX_NOTE} rows={2} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
      <button type="submit" disabled={view.busy != null || saved}>
        Save note
      </button>
      {saved && (
        <span class="muted" role="status" data-testid="note-saved">
          Note saved
        </span>
      )}
    </form>
  );
}
