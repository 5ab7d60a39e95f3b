import { useNow } from '../util/hooks';
import { longestWait, secondsText, serviceLevelText } from './presentation';
import type { TeamQueue } from './teamTypes';

/** One tile per queue of the supervisor's groups, updated live. */
export function QueueTiles({ queues, skewMs }: { queues: TeamQueue[]; skewMs: number }) {
  const now = useNow(1000);
  if (queues.length === 0) return null;
  return (
    <section class="queue-tiles" aria-label="Queues">
      {queues.map((q) => (
        <article
          key={q.groupId}
          class={q.waiting > 0 ? 'queue-tile queue-waiting' : 'queue-tile'}
          aria-label={`Queue ${q.name}`}
          data-testid={`queue-${q.groupId}`}
        >
          <h2>{q.name}</h2>
          <dl>
            <Fact label="Waiting" value={String(q.waiting)} id="waiting" />
            <Fact label="Longest wait" value={longestWait(q, now, skewMs)} id="longest-wait" />
            <Fact label="Ready" value={String(q.ready)} id="ready" />
            <Fact label="Busy" value={String(q.busy)} id="busy" />
            <Fact label="Not Ready" value={String(q.notReady)} id="not-ready" />
            <Fact label="Answered" value={String(q.answered)} id="answered" />
            <Fact label="Abandoned" value={String(q.abandoned)} id="abandoned" />
            <Fact label={`SL ≤ ${q.serviceLevelSeconds} s`} value={serviceLevelText(q)} id="service-level" />
            <Fact label="Avg wait" value={secondsText(q.averageWaitSeconds)} id="average-wait" />
            <Fact label="Avg talk" value={secondsText(q.averageTalkSeconds)} id="average-talk" />
          </dl>
        </article>
      ))}
    </section>
  );
}

function Fact({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd data-testid={id}>{value}</dd>
    </div>
  );
}
