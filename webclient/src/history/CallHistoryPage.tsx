import { useEffect, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import type { Disposition, AttachedDataKey, Id } from '../api/types';
import { DetailView } from './CallDetailView';
import type { HistoryApi } from './historyApi';
import { DIRECTION_TEXT, OUTCOME_TEXT, dateTime, duration, otherParty, preset } from './historyFormat';
import { NO_FILTERS, type CallDetail, type CallSummary, type HistoryFilters } from './historyTypes';
import './history.css';

export interface NamedOption {
  value: string;
  label: string;
}

interface Props {
  api: HistoryApi;
  /** Agents and queues to filter by (supervisors and admins); none: the agent's own history, no such filters. */
  agents?: () => Promise<NamedOption[]>;
  queues?: () => Promise<NamedOption[]>;
  dispositions: Disposition[];
  dataKeys: AttachedDataKey[];
  now?: () => Date;
  /** The zone shown before the server named the tenant's. */
  initialZone?: string;
}

/** A labelled control: the label names the control by its id (a wrapping label would add the select's value). */
function Field({ id, label, children }: { id: string; label: string; children: ComponentChildren }) {
  return (
    <div class="field">
      <label for={`history-${id}`}>{label}</label>
      {children}
    </div>
  );
}

function message(e: unknown): string {
  const detail = (e as { problem?: { detail?: string } })?.problem?.detail;
  return detail ?? (e instanceof Error ? e.message : 'The call history could not be loaded.');
}

/** The call history: filters, the list (newest first, page by page) and one call's detail with its recordings. */
export function CallHistoryPage({
  api,
  agents,
  queues,
  dispositions,
  dataKeys,
  now = () => new Date(),
  initialZone = 'UTC',
}: Props) {
  const [form, setForm] = useState<HistoryFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<HistoryFilters>(NO_FILTERS);
  const [items, setItems] = useState<CallSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [zone, setZone] = useState(initialZone);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Id | null>(null);
  const [detail, setDetail] = useState<CallDetail | null>(null);
  const [agentOptions, setAgentOptions] = useState<NamedOption[]>([]);
  const [queueOptions, setQueueOptions] = useState<NamedOption[]>([]);

  useEffect(() => {
    agents?.().then(setAgentOptions, () => setAgentOptions([]));
    queues?.().then(setQueueOptions, () => setQueueOptions([]));
  }, [agents, queues]);

  const load = (filters: HistoryFilters, after: string | null) => {
    setLoading(true);
    setError(null);
    api.list(filters, after).then(
      (page) => {
        setItems((old) => (after ? [...old, ...page.items] : page.items));
        setNext(page.next);
        setZone(page.timeZone);
        setLoading(false);
      },
      (e) => {
        setError(message(e));
        setLoading(false);
      },
    );
  };
  useEffect(() => load(applied, null), [applied]);

  useEffect(() => {
    setDetail(null);
    if (selected == null) return;
    api.detail(selected).then(setDetail, (e) => setError(message(e)));
  }, [selected]);

  const set = (key: keyof HistoryFilters) => (e: Event) =>
    setForm({ ...form, [key]: (e.currentTarget as HTMLInputElement | HTMLSelectElement).value });
  const search = (filters: HistoryFilters) => {
    setForm(filters);
    setSelected(null);
    setApplied(filters);
  };
  const period = (kind: 'today' | 'yesterday' | 'week') => search({ ...form, ...preset(kind, zone, now()) });

  return (
    <div class="call-history">
      <form
        class="card history-filters"
        aria-label="Call filters"
        onSubmit={(e) => {
          e.preventDefault();
          search(form);
        }}
      >
        <div class="presets" role="group" aria-label="Period">
          <button type="button" onClick={() => period('today')}>
            Today
          </button>
          <button type="button" onClick={() => period('yesterday')}>
            Yesterday
          </button>
          <button type="button" onClick={() => period('week')}>
            Last 7 days
          </button>
        </div>
        <Field id="from" label="From">
          <input type="date" id="history-from" value={form.from} onInput={set('from')} />
        </Field>
        <Field id="to" label="To">
          <input type="date" id="history-to" value={form.to} onInput={set('to')} />
        </Field>
        {agents && (
          <Field id="agent" label="Agent">
            <select id="history-agent" value={form.agent} onChange={set('agent')}>
              <option value="">Any</option>
              {agentOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        {queues && (
          <Field id="queue" label="Queue">
            <select id="history-queue" value={form.queue} onChange={set('queue')}>
              <option value="">Any</option>
              {queueOptions.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="direction" label="Direction">
          <select id="history-direction" value={form.direction} onChange={set('direction')}>
            <option value="">Any</option>
            {Object.entries(DIRECTION_TEXT).map(([v, t]) => (
              <option key={v} value={v}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        <Field id="outcome" label="Outcome">
          <select id="history-outcome" value={form.outcome} onChange={set('outcome')}>
            <option value="">Any</option>
            {Object.entries(OUTCOME_TEXT).map(([v, t]) => (
              <option key={v} value={v}>
                {t}
              </option>
            ))}
          </select>
        </Field>
        {dispositions.length > 0 && (
          <Field id="disposition" label="Disposition">
            <select id="history-disposition" value={form.disposition} onChange={set('disposition')}>
              <option value="">Any</option>
              {dispositions.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field id="caller" label="Number">
          <input
            id="history-caller"
            inputMode="tel"
            value={form.caller}
            onInput={set('caller')}
            placeholder="starts with"
          />
        </Field>
        {dataKeys.length > 0 && (
          <>
            <Field id="dataKey" label="Data key">
              <select id="history-dataKey" value={form.dataKey} onChange={set('dataKey')}>
                <option value="">—</option>
                {dataKeys.map((k) => (
                  <option key={k.position} value={k.name}>
                    {k.name}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="dataValue" label="Value">
              <input id="history-dataValue" value={form.dataValue} onInput={set('dataValue')} />
            </Field>
          </>
        )}
        <button type="submit" class="primary">
          Search
        </button>
        <button type="button" onClick={() => search(NO_FILTERS)}>
          Clear
        </button>
      </form>

      {error && (
        <p class="alert" role="alert">
          {error}
        </p>
      )}

      <section class="card history-list" aria-label="Calls">
        <p class="muted">Times in {zone}.</p>
        <table>
          <thead>
            <tr>
              <th scope="col">Started</th>
              <th scope="col">Direction</th>
              <th scope="col">Party</th>
              <th scope="col">Queue</th>
              <th scope="col">Agent</th>
              <th scope="col">Outcome</th>
              <th scope="col">Wait</th>
              <th scope="col">Talk</th>
              <th scope="col">Disposition</th>
              <th scope="col">
                <span class="visually-hidden">Recording</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr key={c.id} aria-selected={selected === c.id} data-call-id={c.callId}>
                <td>
                  <button type="button" class="link" onClick={() => setSelected(c.id)}>
                    {dateTime(c.startedAt, zone)}
                  </button>
                </td>
                <td>{c.direction ? DIRECTION_TEXT[c.direction] : '—'}</td>
                <td>{otherParty(c)}</td>
                <td>{c.queue?.label ?? c.queue?.name ?? '—'}</td>
                <td>{c.agent ? `${c.agent.name} (${c.agent.extension})` : '—'}</td>
                <td>{c.outcome ? OUTCOME_TEXT[c.outcome] : 'In progress'}</td>
                <td>{duration(c.waitSeconds)}</td>
                <td>{duration(c.talkSeconds)}</td>
                <td>{c.disposition?.label ?? c.disposition?.code ?? '—'}</td>
                <td>{c.recordings > 0 ? <span title="recorded">●</span> : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {!loading && items.length === 0 && <p class="muted">No calls match.</p>}
        {loading && (
          <p class="muted" role="status">
            Loading calls…
          </p>
        )}
        {next && !loading && (
          <button type="button" onClick={() => load(applied, next)}>
            More calls
          </button>
        )}
      </section>

      {detail && <DetailView call={detail} zone={zone} onClose={() => setSelected(null)} />}
    </div>
  );
}
