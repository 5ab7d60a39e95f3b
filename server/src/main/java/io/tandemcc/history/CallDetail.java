package io.tandemcc.history;

import io.tandemcc.history.CallSummary.Party;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One call as its detail view shows it: the list's facts, then its timeline, legs, data,
 * disposition, recordings.
 */
public record CallDetail(
    CallSummary summary,
    List<TimelineEntry> timeline,
    List<Leg> parties,
    List<DataItem> attachedData,
    String dispositionNote,
    Party dispositionAgent,
    Instant dispositionAt,
    List<Recording> recordings) {

  /**
   * One leg of the call: an agent's (rang, took, transfer target, consulted) or a conference
   * party's.
   */
  public record Leg(
      String kind,
      String role,
      Party agent,
      String number,
      String name,
      Instant joinedAt,
      Instant answeredAt,
      Instant leftAt,
      String endReason) {
    JsonObject toJson() {
      return new JsonObject()
          .put("kind", kind)
          .put("role", role)
          .put("agent", agent == null ? null : agent.toJson())
          .put("number", number)
          .put("name", name)
          .put("joinedAt", CallSummary.text(joinedAt))
          .put("answeredAt", CallSummary.text(answeredAt))
          .put("leftAt", CallSummary.text(leftAt))
          .put("endReason", endReason);
    }
  }

  /** A hold of the customer, from and to. */
  public record Hold(Instant heldAt, Instant resumedAt) {}

  /** An attached-data value under the tenant's key (its label, or its name when it has none). */
  public record DataItem(int position, String key, String label, String value) {
    JsonObject toJson() {
      return new JsonObject()
          .put("position", position)
          .put("key", key)
          .put("label", label)
          .put("value", value);
    }
  }

  /** A recording of the call; its file is never shown, only served (see {@link RecordingFiles}). */
  public record Recording(
      long id, Instant startedAt, Instant stoppedAt, String note, String fileName) {}

  /**
   * One moment of the call: what happened, to whom, and a few words of detail (a number, a reason).
   */
  public record TimelineEntry(Instant at, String kind, Party agent, String detail) {
    JsonObject toJson() {
      return new JsonObject()
          .put("at", at.toString())
          .put("kind", kind)
          .put("agent", agent == null ? null : agent.toJson())
          .put("detail", detail);
    }
  }

  /**
   * @param recordingUrl the address a browser plays recording {@code id} from (short-lived,
   *     authorized for this user)
   */
  public JsonObject toJson(java.util.function.LongFunction<String> recordingUrl) {
    JsonArray recs = new JsonArray();
    for (Recording r : recordings) {
      String url = recordingUrl.apply(r.id());
      recs.add(
          new JsonObject()
              .put("id", r.id())
              .put("startedAt", CallSummary.text(r.startedAt()))
              .put("stoppedAt", CallSummary.text(r.stoppedAt()))
              .put("note", r.note())
              .put("url", url)
              .put("downloadUrl", url + (url.contains("?") ? "&" : "?") + "download=1"));
    }
    JsonArray notes = new JsonArray();
    if (dispositionNote != null && !dispositionNote.isBlank()) {
      notes.add(
          new JsonObject()
              .put("source", "disposition")
              .put("text", dispositionNote)
              .put("at", CallSummary.text(dispositionAt)));
    }
    recordings.stream()
        .filter(r -> r.note() != null && !r.note().isBlank())
        .forEach(
            r ->
                notes.add(
                    new JsonObject()
                        .put("source", "recording")
                        .put("text", r.note())
                        .put("at", CallSummary.text(r.startedAt()))));
    JsonObject disposition =
        summary.dispositionCode() == null
            ? null
            : new JsonObject()
                .put("code", summary.dispositionCode())
                .put("label", summary.dispositionLabel())
                .put("note", dispositionNote)
                .put("agent", dispositionAgent == null ? null : dispositionAgent.toJson())
                .put("at", CallSummary.text(dispositionAt));
    return summary
        .toJson()
        .put("timeline", new JsonArray(timeline.stream().map(TimelineEntry::toJson).toList()))
        .put("parties", new JsonArray(parties.stream().map(Leg::toJson).toList()))
        .put("attachedData", new JsonArray(attachedData.stream().map(DataItem::toJson).toList()))
        .put("disposition", disposition)
        .put("notes", notes)
        .put("recordings", recs);
  }
}
