package io.tandemcc.history;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** One call of a history list. */
public record CallSummary(
    long id,
    String callId,
    String direction,
    String outcome,
    String queue,
    String queueLabel,
    Party agent,
    String callerNumber,
    String callerName,
    String dialedNumber,
    Instant startedAt,
    Instant answeredAt,
    Instant endedAt,
    Integer waitSeconds,
    Integer talkSeconds,
    int heldSeconds,
    String dispositionCode,
    String dispositionLabel,
    int recordings) {

  /** An agent as the history names it. */
  public record Party(long agentId, String name, String extension) {
    JsonObject toJson() {
      return new JsonObject().put("id", agentId).put("name", name).put("extension", extension);
    }
  }

  /** The columns of a history export (CSV), in the order of {@link #cells}. */
  public static final List<String> COLUMNS =
      List.of(
          "id",
          "callId",
          "startedAt",
          "answeredAt",
          "endedAt",
          "direction",
          "outcome",
          "queue",
          "queueLabel",
          "agentId",
          "agentName",
          "agentExtension",
          "callerNumber",
          "callerName",
          "dialedNumber",
          "waitSeconds",
          "talkSeconds",
          "heldSeconds",
          "dispositionCode",
          "dispositionLabel",
          "recordings");

  /**
   * The cells of this call's export row (times as instants: the writer puts them in the tenant's
   * zone).
   */
  public List<Object> cells() {
    return Arrays.asList(
        id,
        callId,
        startedAt,
        answeredAt,
        endedAt,
        direction,
        outcome,
        queue,
        queueLabel,
        agent == null ? null : agent.agentId(),
        agent == null ? null : agent.name(),
        agent == null ? null : agent.extension(),
        callerNumber,
        callerName,
        dialedNumber,
        waitSeconds,
        talkSeconds,
        heldSeconds,
        dispositionCode,
        dispositionLabel,
        recordings);
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("callId", callId)
        .put("direction", direction)
        .put("outcome", outcome)
        .put(
            "queue",
            queue == null ? null : new JsonObject().put("name", queue).put("label", queueLabel))
        .put("agent", agent == null ? null : agent.toJson())
        .put("callerNumber", callerNumber)
        .put("callerName", callerName)
        .put("dialedNumber", dialedNumber)
        .put("startedAt", text(startedAt))
        .put("answeredAt", text(answeredAt))
        .put("endedAt", text(endedAt))
        .put("waitSeconds", waitSeconds)
        .put("talkSeconds", talkSeconds)
        .put("heldSeconds", heldSeconds)
        .put(
            "disposition",
            dispositionCode == null
                ? null
                : new JsonObject().put("code", dispositionCode).put("label", dispositionLabel))
        .put("recordings", recordings);
  }

  static String text(Instant i) {
    return i == null ? null : i.toString();
  }
}
