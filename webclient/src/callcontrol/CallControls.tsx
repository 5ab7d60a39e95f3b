import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import type { CallState } from '../api/types';
import { formatDuration } from '../agent/time';
import { useNow, useStore } from '../util/hooks';
import { ConsultBar } from './ConsultBar';
import { CallControlContext, type CallControlContextValue } from './context';
import { RecordingControl } from './RecordingControl';
import { TransferDialog } from './TransferDialog';

interface Props {
  callId: string;
  state: CallState;
}

/** Transfer, consultation, hold state and recording of the agent's connected call (inside the call panel). */
export function CallControls({ callId, state }: Props) {
  const ctx = useContext(CallControlContext);
  return ctx ? <Controls ctx={ctx} callId={callId} state={state} /> : null;
}

function Controls({ ctx, callId, state }: Props & { ctx: CallControlContextValue }) {
  const { controller } = ctx;
  const view = useStore(controller.view);
  const [dialogOpen, setDialogOpen] = useState(false);
  useEffect(() => controller.callChanged(callId), [controller, callId]);
  // while a colleague consults this agent, the server is asked again now and then: completing hands the call over
  useEffect(() => {
    if (view.role !== 'consult') return undefined;
    const id = setInterval(() => void controller.refresh(), 3000);
    return () => clearInterval(id);
  }, [controller, view.role]);
  const connected = state === 'TALKING' || state === 'HELD';
  if (!connected) return null;
  const consulted = view.role === 'consult';
  const busy = view.busy != null;

  return (
    <div class="call-controls" data-testid="call-controls">
      {state === 'HELD' && <HeldBar onResume={ctx.resume} />}
      {consulted && (
        <p class="muted" data-testid="being-consulted">
          A colleague is consulting you; they control the call until they hand it over.
        </p>
      )}
      {view.consult ? (
        <ConsultBar consult={view.consult} busy={view.busy} controller={controller} />
      ) : (
        <div class="call-actions">
          <button type="button" onClick={() => setDialogOpen(true)} disabled={busy} aria-haspopup="dialog">
            Transfer…
          </button>
        </div>
      )}
      <RecordingControl view={view} controller={controller} callId={callId} />
      {view.alert && (
        <p class="call-control-alert" role="alert" data-testid="call-control-alert">
          {view.alert}{' '}
          <button type="button" class="link-button" onClick={() => controller.dismissAlert()}>
            Dismiss
          </button>
        </p>
      )}
      {dialogOpen && (
        <TransferDialog controller={controller} ownAgentId={ctx.ownAgentId} onClose={() => setDialogOpen(false)} />
      )}
    </div>
  );
}

/** The customer is on hold: for how long (since this tab saw it), and Resume. */
function HeldBar({ onResume }: { onResume: (() => void) | undefined }) {
  const since = useRef(Date.now());
  const now = useNow();
  const text = formatDuration((now - since.current) / 1000);
  return (
    <div class="held-bar" data-testid="held-bar">
      <span class="held-label">On hold</span>{' '}
      <span class="held-time" role="timer" aria-label={`On hold for ${text}`}>
        {text}
      </span>
      {onResume && (
        <button type="button" onClick={onResume}>
          Resume
        </button>
      )}
    </div>
  );
}
