package io.tandemcc.callback;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * An agent's personal callback: call {@code number} back at {@code dueAt}.
 *
 * @param callId the call it was scheduled from (its PBX call id), or null
 * @param status {@code open}, {@code done} (dialled) or {@code cancelled}
 * @param remindedAt when the due reminder was pushed, or null
 */
public record Callback(
    long id,
    long agentId,
    Instant dueAt,
    String number,
    String name,
    String note,
    String callId,
    String status,
    Instant remindedAt,
    Instant createdAt) {

  public boolean open() {
    return "open".equals(status);
  }

  /** The Callback of the API and the push channel. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("dueAt", dueAt.toString())
        .put("number", number)
        .put("name", name)
        .put("note", note)
        .put("callId", callId)
        .put("status", status)
        .put("remindedAt", remindedAt == null ? null : remindedAt.toString())
        .put("createdAt", createdAt.toString());
  }

  /** The {@code callback.due} push. */
  public String dueMessage() {
    return new JsonObject().put("type", "callback.due").put("callback", toJson()).encode();
  }
}
