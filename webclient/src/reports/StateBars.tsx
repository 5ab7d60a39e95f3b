import { formatDuration, type AgentStateTime } from './reportModel';

/** How each agent's signed-in time was spent, as one stacked bar per agent (plain HTML: no chart needed). */
export function StateBars({ agents }: { agents: AgentStateTime[] }) {
  const longest = Math.max(1, ...agents.map((a) => a.total));
  return (
    <figure class="report-chart state-bars">
      <figcaption>State time per agent</figcaption>
      <ul class="state-legend" aria-hidden="true">
        {agents[0]?.parts.map((p) => (
          <li key={p.column}>
            <span class={`swatch state-${p.column}`} /> {p.label}
          </li>
        ))}
      </ul>
      <ul class="state-rows">
        {agents.map((a) => (
          <li key={a.agentId}>
            <span class="state-name">{a.name}</span>
            <span
              class="state-bar"
              style={{ width: `${(100 * a.total) / longest}%` }}
              aria-label={`${a.name}: ${a.parts.map((p) => `${p.label} ${formatDuration(p.seconds)}`).join(', ')}`}
            >
              {a.parts
                .filter((p) => p.seconds > 0)
                .map((p) => (
                  <span
                    key={p.column}
                    class={`state-part state-${p.column}`}
                    style={{ flexGrow: p.seconds }}
                    title={`${p.label}: ${formatDuration(p.seconds)}`}
                  />
                ))}
            </span>
            <span class="state-total">{formatDuration(a.total)}</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
