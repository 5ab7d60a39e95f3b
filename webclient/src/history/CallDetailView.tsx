import { DIRECTION_TEXT, OUTCOME_TEXT, dateTime, duration, otherParty, time, timelineText } from './historyFormat';
import type { CallDetail } from './historyTypes';

const ROLE_TEXT: Record<string, string> = {
  primary: 'Took the call',
  transfer: 'Transfer target',
  consult: 'Consulted',
  conference: 'Conference',
};

interface Props {
  call: CallDetail;
  zone: string;
  onClose: () => void;
}

/** One call: facts, timeline, parties, attached data, disposition, notes and recordings (player and download). */
export function DetailView({ call, zone, onClose }: Props) {
  return (
    <section class="card call-detail" aria-label="Call detail">
      <header>
        <h2>
          Call of {dateTime(call.startedAt, zone)} — {otherParty(call)}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </header>
      <dl class="facts">
        <div>
          <dt>Direction</dt>
          <dd>{call.direction ? DIRECTION_TEXT[call.direction] : '—'}</dd>
        </div>
        <div>
          <dt>Outcome</dt>
          <dd>{call.outcome ? OUTCOME_TEXT[call.outcome] : 'In progress'}</dd>
        </div>
        <div>
          <dt>Queue</dt>
          <dd>{call.queue?.label ?? call.queue?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>Agent</dt>
          <dd>{call.agent ? `${call.agent.name} (${call.agent.extension})` : '—'}</dd>
        </div>
        <div>
          <dt>Wait / talk / hold</dt>
          <dd>
            {duration(call.waitSeconds)} / {duration(call.talkSeconds)} / {duration(call.heldSeconds)}
          </dd>
        </div>
      </dl>

      <h3>Timeline</h3>
      <ol class="timeline">
        {call.timeline.map((e, i) => (
          <li key={i} data-kind={e.kind}>
            <time dateTime={e.at}>{time(e.at, zone)}</time> {timelineText(e)}
          </li>
        ))}
      </ol>

      {call.parties.length > 0 && (
        <>
          <h3>Parties</h3>
          <ul class="parties">
            {call.parties.map((p, i) => (
              <li key={i}>
                {p.agent ? `${p.agent.name} (${p.agent.extension})` : p.name || p.number || p.kind} —{' '}
                {ROLE_TEXT[p.role] ?? p.role}
                {p.answeredAt ? '' : ', did not answer'}
              </li>
            ))}
          </ul>
        </>
      )}

      {call.attachedData.length > 0 && (
        <>
          <h3>Attached data</h3>
          <dl class="attached-data">
            {call.attachedData.map((d) => (
              <div key={d.position}>
                <dt title={d.key}>{d.label}</dt>
                <dd>{d.value}</dd>
              </div>
            ))}
          </dl>
        </>
      )}

      {call.disposition && (
        <>
          <h3>Disposition</h3>
          <p class="disposition">
            {call.disposition.label ?? call.disposition.code}
            {call.disposition.agent ? ` — ${call.disposition.agent.name}` : ''}
          </p>
        </>
      )}

      {call.notes.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul class="notes">
            {call.notes.map((n, i) => (
              <li key={i}>{n.text}</li>
            ))}
          </ul>
        </>
      )}

      {call.recordings.length > 0 && (
        <>
          <h3>Recordings</h3>
          <ul class="recordings">
            {call.recordings.map((r) => (
              <li key={r.id}>
                <span>{time(r.startedAt, zone)}</span>
                <audio controls preload="metadata" src={r.url} aria-label={`Recording of ${time(r.startedAt, zone)}`} />
                <a href={r.downloadUrl} download>
                  Download
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
