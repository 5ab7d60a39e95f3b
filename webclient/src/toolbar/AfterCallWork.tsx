import { useRef, useState } from 'preact/hooks';
import type { AgentStateView, DispositionGiven, TenantConfig } from '../api/types';
import { trackLastCall, type LastCall } from '../aftercall/lastCall';
import type { CallBook } from '../calls/callBook';
import { CallbackForm } from '../callbacks/CallbackForm';
import type { CallbacksController } from '../callbacks/callbacksController';
import { DispositionPicker } from './DispositionPicker';

interface Props {
  state: AgentStateView | null;
  calls: CallBook;
  config: TenantConfig;
  callbacks: CallbacksController;
  give: (callId: string, code: string, note: string) => Promise<DispositionGiven>;
}

/** During wrap-up: the last call's disposition and, from it, a callback (number prefilled with the caller's). */
export function AfterCallWork({ state, calls, config, callbacks, give }: Props) {
  const last = useRef<LastCall | null>(null);
  last.current = trackLastCall(last.current, state, calls);
  const [scheduling, setScheduling] = useState<string | null>(null);
  const call = last.current;
  if (!state?.wrapupEndsAt || !call) return null;
  const dispositions = config.dispositions ?? [];
  return (
    <div class="after-call">
      {dispositions.length > 0 && (
        <DispositionPicker
          callId={call.callId}
          dispositions={dispositions}
          required={config.dispositionRequired === true}
          blocking={state.dispositionOwed != null}
          give={give}
          onScheduleCallback={() => setScheduling(call.callId)}
        />
      )}
      {dispositions.length === 0 && (
        <button type="button" class="link" onClick={() => setScheduling(call.callId)}>
          Schedule a callback
        </button>
      )}
      {scheduling === call.callId && (
        <CallbackForm
          initial={{ number: call.callerNumber, name: call.callerName, note: '' }}
          callId={call.callId}
          submitLabel="Schedule callback"
          onSubmit={(f) => callbacks.create(f)}
          onCancel={() => setScheduling(null)}
        />
      )}
    </div>
  );
}
