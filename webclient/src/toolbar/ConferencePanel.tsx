import { useEffect, useState } from 'preact/hooks';
import type { DirectoryEntry } from '../api/types';
import type { ConferenceController, ConferenceParty } from '../calls/conference';
import { useStore } from '../util/hooks';

interface Props {
  callId: string;
  /** Whether the agent is connected (talking or holding): only then can parties be added. */
  connected: boolean;
  controller: ConferenceController;
}

const KIND_TEXT: Record<ConferenceParty['kind'], string> = { customer: 'Customer', agent: 'Agent', number: 'Number' };

/** The conference of the current call: who is connected, joins and leaves, add / drop a party, end. */
export function ConferencePanel({ callId, connected, controller }: Props) {
  const view = useStore(controller.view);
  const active = view.callId === callId && view.parties.length > 0;
  if (!active && !connected) return null;
  return (
    <section class="conference" aria-label="Conference">
      <p aria-live="polite" class="conference-notice" data-testid="conference-notice">
        {view.notice ?? ''}
      </p>
      {active && (
        <>
          <h3 class="conference-title">
            Conference · {view.parties.filter((p) => p.state === 'connected').length} connected
          </h3>
          <ul class="conference-parties" aria-label="Conference parties">
            {view.parties.map((p) => (
              <li key={p.partyId} data-party-id={p.partyId} data-testid="conference-party">
                <span class="party-name">{p.displayName || p.number}</span>
                {p.you && <span class="party-you"> (you)</span>}
                <span class="party-kind muted"> · {KIND_TEXT[p.kind]}</span>
                {p.state === 'ringing' && <span class="party-ringing"> · ringing…</span>}
                {!p.you && (
                  <button
                    type="button"
                    class="party-drop"
                    disabled={view.busy}
                    aria-label={`Drop ${p.displayName || p.number}`}
                    onClick={() => void controller.drop(p.partyId)}
                  >
                    Drop
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {(active || connected) && view.parties.length < view.maxParties && (
        <AddParty
          controller={controller}
          busy={view.busy}
          partyKey={view.parties.map((p) => `${p.partyId}:${p.agentId ?? ''}`).join(',')}
        />
      )}
      {active && (
        <button type="button" class="conference-end" disabled={view.busy} onClick={() => void controller.end()}>
          End conference
        </button>
      )}
      {view.error && (
        <p role="alert" class="conference-error">
          {view.error}
        </p>
      )}
    </section>
  );
}

/** How often the colleagues who could be added are read again while the panel is shown. */
export const COLLEAGUES_REFRESH_MS = 15_000;

/**
 * The colleagues who could be added are read when the panel appears, again when parties come or go (`partyKey`),
 * when the agent opens the list (focus), and every {@link COLLEAGUES_REFRESH_MS}: a colleague who became Ready after
 * the call started can be added.
 */
function AddParty({
  controller,
  busy,
  partyKey,
}: {
  controller: ConferenceController;
  busy: boolean;
  partyKey: string;
}) {
  const [colleagues, setColleagues] = useState<DirectoryEntry[] | null>(null);
  const [agentId, setAgentId] = useState('');
  const [number, setNumber] = useState('');
  const [reads, setReads] = useState(0);
  const reread = () => setReads((n) => n + 1);
  useEffect(() => {
    let live = true;
    controller.colleagues().then(
      (list) => live && setColleagues(list),
      () => live && setColleagues((old) => old ?? []),
    );
    return () => {
      live = false;
    };
  }, [controller, partyKey, reads]);
  useEffect(() => {
    const timer = setInterval(reread, COLLEAGUES_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <form
      class="conference-add"
      aria-label="Add to the call"
      onSubmit={(e) => {
        e.preventDefault();
        const done = agentId ? controller.addAgent(Number(agentId)) : controller.addNumber(number);
        void done.then((ok) => {
          if (ok) {
            setAgentId('');
            setNumber('');
          }
        });
      }}
    >
      <label>
        Colleague{' '}
        <select
          value={agentId}
          onChange={(e) => setAgentId((e.target as HTMLSelectElement).value)}
          onFocus={reread}
          data-testid="conference-colleague"
        >
          <option value="">{colleagues === null ? 'Loading…' : colleagues.length ? '—' : 'Nobody is Ready'}</option>
          {(colleagues ?? []).map((c) => (
            <option key={c.agentId} value={String(c.agentId)}>
              {c.displayName} ({c.extension})
            </option>
          ))}
        </select>
      </label>{' '}
      <label>
        or number{' '}
        <input
          type="tel"
          value={number}
          disabled={agentId !== ''}
          pattern="[0-9+*#]{1,32}"
          onInput={(e) => setNumber((e.target as HTMLInputElement).value)}
          data-testid="conference-number"
        />
      </label>{' '}
      <button type="submit" disabled={busy || (agentId === '' && number.trim() === '')}>
        Add to call
      </button>
    </form>
  );
}
