import type { CallControlController, CallControlView } from './callControlController';
import { RecordingNote } from './RecordingNote';

interface Props {
  view: CallControlView;
  controller: CallControlController;
  callId: string;
}

/** Start / stop recording with an indicator; once the call is recorded, the note field. */
export function RecordingControl({ view, controller, callId }: Props) {
  const busy = view.busy != null;
  return (
    <div class="recording-control">
      {view.recording ? (
        <>
          <span class="recording-indicator" data-testid="recording-indicator" role="status">
            <span aria-hidden="true">●</span> Recording
          </span>{' '}
          <button type="button" disabled={busy} onClick={() => void controller.stopRecording()}>
            Stop recording
          </button>
        </>
      ) : (
        <button type="button" disabled={busy} onClick={() => void controller.startRecording()}>
          Start recording
        </button>
      )}
      {view.recordedCallId === callId && <RecordingNote view={view} controller={controller} />}
    </div>
  );
}
