package io.tandemcc.pbx;

import static io.tandemcc.pbx.EventFields.text;

import java.time.Duration;
import java.util.Objects;

/**
 * A supervisor joins an agent's call: ring {@code supervisor}'s own phone (which is asked to answer
 * by itself) and, once it answers, spy on the agent's leg {@code agentChannelId} in {@code mode}.
 *
 * @param callerName shown on the supervisor's phone, e.g. {@code Monitor Alice Agent}
 * @param ringTimeout how long the supervisor's phone may ring
 * @throws IllegalArgumentException if the supervisor's phone and the agent belong to different
 *     tenants
 */
public record SpyRequest(
    AgentEndpoint supervisor,
    AgentEndpoint agent,
    String agentChannelId,
    SpyMode mode,
    String callerName,
    Duration ringTimeout) {
  public SpyRequest {
    Objects.requireNonNull(supervisor, "supervisor");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(agentChannelId, "agentChannelId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(ringTimeout, "ringTimeout");
    callerName = text(callerName);
    if (!supervisor.tenant().equals(agent.tenant())) {
      throw new IllegalArgumentException(
          "supervisor " + supervisor + " and agent " + agent + " belong to different tenants");
    }
  }
}
