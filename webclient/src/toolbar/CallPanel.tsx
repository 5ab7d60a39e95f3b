import type { AttachedDataItem, AttachedDataKey } from '../api/types';
import { CALL_KIND_TEXT, CALL_STATE_TEXT } from '../agent/presentation';
import type { CurrentCall } from '../calls/callBook';
import type { PopupStatus } from '../calls/callEffects';
import { POPUP_WINDOW_NAME } from '../calls/popup';
import { attachedDataRows } from '../calls/presentation';
import { CallTimer } from '../components/CallTimer';
import { CallControls } from '../callcontrol/CallControls';
import type { ConferenceController } from '../calls/conference';
import { ConferencePanel } from './ConferencePanel';

interface Props {
  call: CurrentCall;
  skewMs: number;
  /** The tenant's attached-data key names, for items the server sent without a key. */
  keys: AttachedDataKey[];
  popup: PopupStatus | null;
  /** The conference of the call (absent in tests that only look at the call). */
  conference?: ConferenceController;
}

/** The agent's ringing or current call: state, caller, queue, timer, attached data and CRM link. */
export function CallPanel({ call, skewMs, keys, popup, conference }: Props) {
  const offer = call.offer;
  return (
    <section class={`call call-${call.state.toLowerCase()}`} aria-label="Current call" data-call-id={call.callId}>
      <div class="call-head">
        <span class="call-state" data-testid="call-state">
          {CALL_STATE_TEXT[call.state]}
        </span>
        <span class="call-kind">{CALL_KIND_TEXT[call.kind]}</span>
        {offer?.queue && (
          <span class="call-queue" data-testid="call-queue" title={offer.queue.name}>
            {offer.queue.label || offer.queue.name}
          </span>
        )}
        <CallTimer startedAtMs={Date.parse(call.since) - skewMs} />
      </div>
      {offer && <Caller name={offer.callerName} number={offer.callerNumber} />}
      {offer && offer.attachedData.length > 0 && <AttachedData items={offer.attachedData} keys={keys} />}
      {popup && popup.callId === call.callId && <PopupLink popup={popup} />}
      <CallControls callId={call.callId} state={call.state} />
      {conference && (
        <ConferencePanel
          callId={call.callId}
          connected={call.state === 'TALKING' || call.state === 'HELD'}
          controller={conference}
        />
      )}
    </section>
  );
}

function Caller({ name, number }: { name: string; number: string }) {
  return (
    <p class="caller">
      {name && (
        <span class="caller-name" data-testid="caller-name">
          {name}
        </span>
      )}
      {number && (
        <span class="caller-number" data-testid="caller-number">
          {number}
        </span>
      )}
      {!name && !number && <span class="muted">Unknown caller</span>}
    </p>
  );
}

/** Key/value rows in the tenant's order; long keys cut with the full key on hover and for screen readers. */
export function AttachedData({ items, keys }: { items: AttachedDataItem[]; keys: AttachedDataKey[] }) {
  const rows = attachedDataRows(items, keys);
  return (
    <dl class="attached-data" aria-label="Attached data">
      {rows.map((r) => (
        <div key={r.position} class="attached-row" data-position={r.position}>
          <dt title={r.truncated ? r.key : undefined}>
            {r.truncated ? (
              <>
                <span aria-hidden="true">{r.shownKey}</span>
                <span class="visually-hidden">{r.key}</span>
              </>
            ) : (
              r.key
            )}
          </dt>
          <dd>
            {r.value === '' ? (
              <>
                <span class="muted" aria-hidden="true">
                  —
                </span>
                <span class="visually-hidden">empty</span>
              </>
            ) : (
              r.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function PopupLink({ popup }: { popup: PopupStatus }) {
  if (popup.outcome === 'opening') return null;
  if (popup.outcome === 'opened') return <p class="popup-note muted">CRM record opened in its own window.</p>;
  return (
    <p class={popup.outcome === 'blocked' ? 'popup-note popup-blocked' : 'popup-note'}>
      {popup.outcome === 'blocked' && <span>The browser blocked the CRM window. </span>}
      <a href={popup.url} target={POPUP_WINDOW_NAME} rel="noopener noreferrer">
        Open CRM record
      </a>
    </p>
  );
}
