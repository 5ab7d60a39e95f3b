package io.tandemcc.push;

import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateJson;
import io.tandemcc.call.AttachedItem;
import io.tandemcc.call.CallDataChanged;
import io.tandemcc.call.CallOffered;
import io.tandemcc.supervisor.MonitorChanged;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The JSON messages of the push channel (catalogue in docs/events.md). */
final class PushMessages {
  /** Close code: the token is missing, invalid or expired; renew it and reconnect. */
  static final short CLOSE_UNAUTHENTICATED = 4401;

  /** Close code: the connection tried to become someone else. */
  static final short CLOSE_FORBIDDEN = 4403;

  /**
   * Close code (RFC 6455 policy violation): a message other than {@code auth} came before
   * authentication.
   */
  static final short CLOSE_AUTH_FIRST = 1008;

  /**
   * Close code: the socket sent more messages than its budget allows; reconnect (with backoff) and
   * behave.
   */
  static final short CLOSE_FLOODING = 4429;

  /** Close code (RFC 6455): a message over the server's maximum WebSocket message size (64 KiB). */
  static final short CLOSE_TOO_BIG = 1009;

  /** Close code: the user's sessions ended (logout). */
  static final short CLOSE_SESSION_ENDED = 4001;

  /**
   * Close code: the browser left two pings in a row unanswered (it never sees this; a live one
   * reconnects).
   */
  static final short CLOSE_NOT_ANSWERING = 4408;

  private PushMessages() {}

  static String welcome(Long agentId, AgentState state, Instant now, Boolean pbxUp) {
    return new JsonObject()
        .put("type", "welcome")
        .put("state", state == null ? null : AgentStateJson.of(agentId, state, now))
        .put("pbxUp", pbxUp)
        .encode();
  }

  static String pbxLink(boolean up) {
    return new JsonObject().put("type", "pbx.link").put("up", up).encode();
  }

  static String callOffer(CallOffered o) {
    JsonObject call =
        new JsonObject()
            .put("callId", o.callId())
            .put("kind", o.kind().name())
            .put(
                "queue",
                o.queue() == null
                    ? null
                    : new JsonObject().put("name", o.queue()).put("label", o.queueLabel()))
            .put("callerNumber", o.callerNumber())
            .put("callerName", o.callerName())
            .put("attachedData", items(o.attachedData()))
            .put(
                "popup",
                o.popup() == null
                    ? null
                    : new JsonObject()
                        .put("url", o.popup().url())
                        .put("openOn", o.popup().openOn()))
            .put("offeredAt", o.offeredAt().toString());
    return new JsonObject().put("type", "call.offer").put("call", call).encode();
  }

  static String callData(CallDataChanged d) {
    return new JsonObject()
        .put("type", "call.data")
        .put("callId", d.callId())
        .put("attachedData", items(d.attachedData()))
        .encode();
  }

  static String callConsult(io.tandemcc.call.CallConsultChanged c) {
    io.tandemcc.call.ConsultView v = c.consult();
    JsonObject consult =
        v == null
            ? null
            : new JsonObject()
                .put(
                    "target",
                    new JsonObject()
                        .put("agentId", v.agentId())
                        .put("displayName", v.displayName())
                        .put("number", v.number()))
                .put("state", v.state());
    return new JsonObject()
        .put("type", "call.consult")
        .put("callId", c.callId())
        .put("consult", consult)
        .encode();
  }

  static String callRecording(io.tandemcc.call.CallRecordingChanged r) {
    return new JsonObject()
        .put("type", "call.recording")
        .put("callId", r.callId())
        .put("recording", r.recording())
        .encode();
  }

  private static JsonArray items(java.util.List<AttachedItem> items) {
    JsonArray a = new JsonArray();
    items.forEach(
        i ->
            a.add(
                new JsonObject()
                    .put("position", i.position())
                    .put("key", i.key())
                    .put("value", i.value())));
    return a;
  }

  static String ownState(long agentId, AgentState state, Instant now) {
    return new JsonObject()
        .put("type", "agent.state")
        .put("state", AgentStateJson.of(agentId, state, now))
        .encode();
  }

  static String monitor(MonitorChanged e) {
    return new JsonObject()
        .put("type", "supervisor.monitor")
        .put("agentId", e.agentId())
        .put("mode", e.mode().name().toLowerCase(java.util.Locale.ROOT))
        .put("active", e.active())
        .encode();
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
