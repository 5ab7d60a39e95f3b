package io.tandemcc.push;

import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateJson;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The JSON messages of the push channel (catalogue in docs/events.md). */
final class PushMessages {
  /** Close code: the token is missing, invalid or expired; renew it and reconnect. */
  static final short CLOSE_UNAUTHENTICATED = 4401;
  /** Close code: the connection tried to become someone else. */
  static final short CLOSE_FORBIDDEN = 4403;
  /** Close code: the user's sessions ended (logout). */
  static final short CLOSE_SESSION_ENDED = 4001;

  private PushMessages() {}

  static String welcome(Long agentId, AgentState state, Instant now) {
    return new JsonObject().put("type", "welcome")
        .put("state", state == null ? null : AgentStateJson.of(agentId, state, now)).encode();
  }

  static String ownState(long agentId, AgentState state, Instant now) {
    return new JsonObject().put("type", "agent.state").put("state", AgentStateJson.of(agentId, state, now)).encode();
  }

  static String teamState(long agentId, AgentState state, Instant now) {
    return new JsonObject().put("type", "team.agent.state").put("agentId", agentId)
        .put("state", AgentStateJson.of(agentId, state, now)).encode();
  }

  static String sessionEnded(String reason) {
    return new JsonObject().put("type", "session.ended").put("reason", reason).encode();
  }

  static String error(String code, String message) {
    return new JsonObject().put("type", "error").put("code", code).put("message", message).encode();
  }

  static String pong() {
    return new JsonObject().put("type", "pong").encode();
  }
}
