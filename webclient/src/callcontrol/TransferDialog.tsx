import { useEffect, useRef, useState } from 'preact/hooks';
import type { DirectoryEntry } from '../api/types';
import { statusText } from '../agent/presentation';
import type { CallControlController } from './callControlController';
import { normaliseNumber, type QueueEntry } from './types';

type Kind = 'agent' | 'number' | 'queue';
type Mode = 'blind' | 'consult';

interface Props {
  controller: CallControlController;
  ownAgentId: number | string;
  onClose: () => void;
}

/**
 * Choose whom to hand the call to: a Ready colleague, a number or a queue; blind transfer or consult first (queues
 * only blind). Escape or Cancel closes it; the server's refusal is shown in the call panel.
 */
export function TransferDialog({ controller, ownAgentId, onClose }: Props) {
  const [kind, setKind] = useState<Kind>('agent');
  const [mode, setMode] = useState<Mode>('blind');
  const [colleagues, setColleagues] = useState<DirectoryEntry[] | null>(null);
  const [queues, setQueues] = useState<QueueEntry[] | null>(null);
  const [agentId, setAgentId] = useState<string>('');
  const [number, setNumber] = useState('');
  const [queue, setQueue] = useState('');
  const [loadError, setLoadError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => {
    first.current?.focus();
    controller
      .colleagues(ownAgentId)
      .then(setColleagues, () => setLoadError('The colleague list could not be loaded.'));
    controller.queues().then(setQueues, () => setLoadError('The queue list could not be loaded.'));
  }, [controller, ownAgentId]);

  const effectiveMode: Mode = kind === 'queue' ? 'blind' : mode;
  const numberOk = normaliseNumber(number);
  const ready = kind === 'agent' ? agentId !== '' : kind === 'number' ? numberOk != null : queue !== '';

  async function submit(e: Event) {
    e.preventDefault();
    if (!ready) return;
    const target =
      kind === 'agent' ? { agentId: Number(agentId) } : kind === 'number' ? { number: numberOk! } : { queue };
    if (effectiveMode === 'consult' && !('queue' in target)) {
      await controller.consult(target);
    } else {
      await controller.transfer(target);
    }
    onClose();
  }

  return (
    <div
      class="dialog-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <form role="dialog" aria-modal="true" aria-labelledby="transfer-title" class="transfer-dialog" onSubmit={submit}>
        <h2 id="transfer-title">Transfer the call</h2>
        <fieldset>
          <legend>To</legend>
          {(['agent', 'number', 'queue'] as Kind[]).map((k, i) => (
            <label key={k}>
              <input
                ref={i === 0 ? first : undefined}
                type="radio"
                name="transfer-kind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />{' '}
              {k === 'agent' ? 'A colleague' : k === 'number' ? 'A number' : 'A queue'}
            </label>
          ))}
        </fieldset>

        {kind === 'agent' && (
          <fieldset>
            <legend>Colleague</legend>
            {colleagues == null && !loadError && <p class="muted">Loading colleagues…</p>}
            {colleagues?.length === 0 && <p class="muted">No colleagues.</p>}
            <ul class="colleague-list">
              {colleagues?.map((c) => (
                <li key={c.agentId}>
                  <label>
                    <input
                      type="radio"
                      name="transfer-agent"
                      value={String(c.agentId)}
                      checked={agentId === String(c.agentId)}
                      disabled={c.status !== 'READY'}
                      onChange={() => setAgentId(String(c.agentId))}
                    />{' '}
                    {c.displayName} <span class="muted">({c.extension})</span>{' '}
                    <span class={`status status-${c.status.toLowerCase()}`}>
                      {statusText({ status: c.status, reason: null })}
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
        )}
        {kind === 'number' && (
          <p>
            <label for="transfer-number">Number</label>{' '}
            <input
              id="transfer-number"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              value={number}
              aria-invalid={number !== '' && numberOk == null}
              onInput={(e) => setNumber(e.currentTarget.value)}
            />
          </p>
        )}
        {kind === 'queue' && (
          <p>
            <label for="transfer-queue">Queue</label>{' '}
            <select id="transfer-queue" value={queue} onChange={(e) => setQueue(e.currentTarget.value)}>
              <option value="">Choose a queue…</option>
              {queues?.map((q) => (
                <option key={q.name} value={q.name}>
                  {q.label}
                </option>
              ))}
            </select>
          </p>
        )}
        {loadError && <p role="alert">{loadError}</p>}

        {kind !== 'queue' && (
          <fieldset>
            <legend>How</legend>
            <label>
              <input type="radio" name="transfer-mode" checked={mode === 'blind'} onChange={() => setMode('blind')} />{' '}
              Blind transfer
            </label>
            <label>
              <input
                type="radio"
                name="transfer-mode"
                checked={mode === 'consult'}
                onChange={() => setMode('consult')}
              />{' '}
              Consult first
            </label>
          </fieldset>
        )}
        <div class="dialog-actions">
          <button type="submit" disabled={!ready}>
            {effectiveMode === 'consult' ? 'Consult' : 'Transfer'}
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}
