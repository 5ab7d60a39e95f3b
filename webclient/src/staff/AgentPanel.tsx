import { useState } from 'preact/hooks';
import type { Reason } from '../api/types';
import { agentStateText, browserText, callText, phoneText } from './presentation';
import type { MonitorState, SpyMode, TeamAgent } from './teamTypes';

interface Props {
  agent: TeamAgent;
  reasons: Reason[];
  busy: boolean;
  monitor: MonitorState | null;
  onReady: () => void;
  onNotReady: (reasonCode: string) => void;
  onLogout: () => void;
  onMonitor: (mode: SpyMode) => void;
  onStopMonitor: () => void;
}

const MODES: Array<{ mode: SpyMode; label: string; hint: string }> = [
  { mode: 'listen', label: 'Listen', hint: 'Hear both sides; nobody hears you' },
  { mode: 'whisper', label: 'Whisper', hint: 'The agent hears you, the customer does not' },
  { mode: 'barge', label: 'Barge in', hint: 'The agent and the customer hear you' },
];

/** The selected agent and what a supervisor can do with it. The server stays the authority on what is allowed. */
export function AgentPanel({
  agent: a,
  reasons,
  busy,
  monitor,
  onReady,
  onNotReady,
  onLogout,
  onMonitor,
  onStopMonitor,
}: Props) {
  const [reason, setReason] = useState('');
  const chosen = reasons.some((r) => r.code === reason) ? reason : (reasons[0]?.code ?? '');
  const loggedIn = a.status !== 'LOGGED_OUT';
  const talking = a.call != null && (a.call.state === 'TALKING' || a.call.state === 'HELD');
  const monitoring = monitor?.agentId === a.agentId ? monitor : null;
  return (
    <section class="card agent-panel" aria-labelledby="agent-panel-name">
      <h2 id="agent-panel-name">{a.displayName}</h2>
      <p>
        <span data-testid="panel-state">{agentStateText(a)}</span>
        {callText(a) && <span> · {callText(a)}</span>}
        <span class="muted">
          {' '}
          · Ext. {a.extension} · {phoneText(a)} · {browserText(a)}
        </span>
      </p>
      <div class="panel-actions" role="group" aria-label={`State of ${a.displayName}`}>
        <button type="button" class="primary" disabled={busy || !loggedIn || a.status === 'READY'} onClick={onReady}>
          Make Ready
        </button>
        <label for="panel-reason">Not Ready reason</label>
        <select
          id="panel-reason"
          value={chosen}
          onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value)}
        >
          {reasons.map((r) => (
            <option key={r.code} value={r.code}>
              {r.label}
            </option>
          ))}
        </select>
        <button type="button" disabled={busy || !loggedIn || !chosen} onClick={() => onNotReady(chosen)}>
          Make Not Ready
        </button>
        <button
          type="button"
          disabled={busy || !loggedIn || a.call != null}
          onClick={onLogout}
          title={a.call ? 'Not during a call' : undefined}
        >
          Log out
        </button>
      </div>
      <div class="panel-actions" role="group" aria-label={`Monitor ${a.displayName}`}>
        {MODES.map((m) => (
          <button
            key={m.mode}
            type="button"
            title={m.hint}
            aria-pressed={monitoring?.mode === m.mode}
            disabled={busy || !talking}
            onClick={() => onMonitor(m.mode)}
          >
            {m.label}
          </button>
        ))}
        {monitoring && (
          <button type="button" disabled={busy} onClick={onStopMonitor}>
            Stop monitoring
          </button>
        )}
        <span class="muted">
          {monitoring
            ? `Monitoring (${monitoring.mode}) from your phone`
            : talking
              ? 'Your phone answers by itself.'
              : 'Monitoring needs a call in progress.'}
        </span>
      </div>
    </section>
  );
}
