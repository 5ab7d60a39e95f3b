package io.tandemcc.agent;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The JSON shape of an agent state, as the REST API and the push channel send it (AgentStateView).
 */
public final class AgentStateJson {
  private AgentStateJson() {}

  public static JsonObject of(long agentId, AgentState s, Instant serverTime) {
    JsonObject json =
        new JsonObject()
            .put("agentId", agentId)
            .put("status", s.status().name())
            .put(
                "reason",
                s.reason() == null
                    ? null
                    : new JsonObject()
                        .put("code", s.reason().code())
                        .put("label", s.reason().label()))
            .put("since", s.since().toString())
            .put("wrapupEndsAt", s.wrapupEndsAt() == null ? null : s.wrapupEndsAt().toString())
            .put("dispositionOwed", s.dispositionOwed())
            .put("serverTime", serverTime.toString());
    ActiveCall c = s.call();
    json.put(
        "call",
        c == null
            ? null
            : new JsonObject()
                .put("callId", c.callId())
                .put("kind", c.kind().name())
                .put("state", c.state().name())
                .put("since", c.since().toString())
                .put("answered", c.answered()));
    return json;
  }
}
