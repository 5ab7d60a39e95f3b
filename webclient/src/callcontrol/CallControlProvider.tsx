import type { ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import type { LiveController } from '../live/liveController';
import { useStore } from '../util/hooks';
import { callControlApi } from './callControlApi';
import { CallControlController } from './callControlController';
import { CallControlContext, type CallControlContextValue } from './context';
import { RecordingNote } from './RecordingNote';

interface Props {
  live: LiveController;
  ownAgentId: number | string | null;
  resume?: (() => void) | undefined;
  children: ComponentChildren;
}

/** Owns the agent's call-control controller while the toolbar is shown, and offers it to the call panel. */
export function CallControlProvider({ live, ownAgentId, resume, children }: Props) {
  const [controller] = useState(
    () => new CallControlController(callControlApi(new ApiClient(() => live.currentToken())), live),
  );
  useEffect(() => {
    controller.start();
    return () => controller.stop();
  }, [controller]);
  if (ownAgentId == null) return <>{children}</>;
  return (
    <CallControlContext.Provider value={{ controller, ownAgentId, ...(resume ? { resume } : {}) }}>
      {children}
    </CallControlContext.Provider>
  );
}

/** After the call (e.g. in wrap-up): the note of the call just recorded. */
export function WrapupRecordingNote() {
  const ctx = useContext(CallControlContext);
  if (!ctx) return null;
  return <AfterCallNote ctx={ctx} />;
}

function AfterCallNote({ ctx }: { ctx: CallControlContextValue }) {
  const view = useStore(ctx.controller.view);
  if (!view.recordedCallId) return null;
  return (
    <div class="after-call-note" aria-label="Recorded call">
      <RecordingNote key={view.recordedCallId} view={view} controller={ctx.controller} />
    </div>
  );
}
