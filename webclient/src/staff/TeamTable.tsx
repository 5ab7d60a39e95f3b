import { useEffect, useRef, useState } from 'preact/hooks';
import { statusTone } from '../agent/presentation';
import type { Id } from '../api/types';
import { useNow } from '../util/hooks';
import { agentStateText, browserText, callDuration, callText, phoneText, timeInState } from './presentation';
import type { MonitorState, TeamAgent } from './teamTypes';
import { rowWindow } from './windowing';

export const ROW_HEIGHT = 44;

interface Props {
  rows: TeamAgent[];
  skewMs: number;
  selected: Id | null;
  monitor: MonitorState | null;
  onSelect: (agentId: Id) => void;
}

/**
 * The team as a table, windowed: only the rows in view (plus a few) are in the page, so 500 agents cost what 30
 * do. Time in state and call durations tick every second.
 */
export function TeamTable({ rows, skewMs, selected, monitor, onSelect }: Props) {
  const now = useNow(1000);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  const w = rowWindow(rows.length, ROW_HEIGHT, height, scrollTop);
  return (
    <div
      class="team-scroller"
      ref={scroller}
      onScroll={(e) => setScrollTop((e.currentTarget as HTMLDivElement).scrollTop)}
    >
      <table class="team-table" aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Agent</th>
            <th scope="col">State</th>
            <th scope="col">Time</th>
            <th scope="col">Call</th>
            <th scope="col">Phone &amp; browser</th>
          </tr>
        </thead>
        <tbody>
          {w.padTop > 0 && <tr class="spacer" aria-hidden="true" style={{ height: `${w.padTop}px` }} />}
          {rows.slice(w.start, w.end).map((a, i) => (
            <Row
              key={a.agentId}
              agent={a}
              index={w.start + i}
              now={now}
              skewMs={skewMs}
              selected={a.agentId === selected}
              monitored={monitor?.agentId === a.agentId ? monitor.mode : null}
              onSelect={onSelect}
            />
          ))}
          {w.padBottom > 0 && <tr class="spacer" aria-hidden="true" style={{ height: `${w.padBottom}px` }} />}
        </tbody>
      </table>
      {rows.length === 0 && <p class="muted empty">No agent matches.</p>}
    </div>
  );
}

interface RowProps {
  agent: TeamAgent;
  index: number;
  now: number;
  skewMs: number;
  selected: boolean;
  monitored: string | null;
  onSelect: (agentId: Id) => void;
}

function Row({ agent: a, index, now, skewMs, selected, monitored, onSelect }: RowProps) {
  const call = callText(a);
  return (
    <tr
      class={selected ? 'team-row selected' : 'team-row'}
      style={{ height: `${ROW_HEIGHT}px` }}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={0}
      data-testid={`team-row-${a.agentId}`}
      onClick={() => onSelect(a.agentId)}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(a.agentId);
        }
      }}
    >
      <th scope="row">
        <span class="agent-name">{a.displayName}</span>
        <span class="muted"> · {a.extension}</span>
      </th>
      <td>
        <span class={`badge tone-${statusTone(a.status)}`} data-testid="team-state">
          {agentStateText(a)}
        </span>
        {monitored && <span class="badge monitored"> Monitoring: {monitored}</span>}
      </td>
      <td data-testid="team-time">{timeInState(a, now, skewMs)}</td>
      <td data-testid="team-call">
        {call ? (
          <>
            <span class="call-text">{call}</span> <span class="muted">{callDuration(a, now, skewMs)}</span>
          </>
        ) : (
          <span class="muted">–</span>
        )}
      </td>
      <td class="presence">
        <span class={a.phoneRegistered ? 'ok' : 'off'} data-testid="team-phone">
          {phoneText(a)}
        </span>
        <span class={a.browserConnected ? 'ok' : 'off'} data-testid="team-browser">
          {browserText(a)}
        </span>
      </td>
    </tr>
  );
}
