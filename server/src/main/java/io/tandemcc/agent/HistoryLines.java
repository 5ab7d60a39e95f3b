package io.tandemcc.agent;

import io.tandemcc.agent.AgentRepository.HistoryEntry;
import io.tandemcc.agent.AgentRepository.Row;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.UUID;

/** A state-history row as one line of the state journal (JSON), and back. */
final class HistoryLines {
  private HistoryLines() {}

  static String line(Row row) {
    HistoryEntry e = row.entry();
    RecordedState s = e.state();
    return new JsonObject()
        .put("id", row.id().toString())
        .put("tenantId", e.tenantId())
        .put("agentId", e.agentId())
        .put("status", s.status().name())
        .put("reasonCode", s.reason() == null ? null : s.reason().code())
        .put("reasonLabel", s.reason() == null ? null : s.reason().label())
        .put("wrapupEndsAt", s.wrapupEndsAt() == null ? null : s.wrapupEndsAt().toString())
        .put("callState", s.callState())
        .put("callId", s.callId())
        .put("dispositionOwed", s.dispositionOwed())
        .put("cause", e.cause())
        .put("occurredAt", e.occurredAt().toString())
        .encode();
  }

  /**
   * @throws RuntimeException if the line is not one {@link #line} wrote
   */
  static Row row(String line) {
    JsonObject j = new JsonObject(line);
    String code = j.getString("reasonCode");
    String ends = j.getString("wrapupEndsAt");
    RecordedState state =
        new RecordedState(
            AgentStatus.valueOf(j.getString("status")),
            code == null ? null : new Reason(code, j.getString("reasonLabel")),
            ends == null ? null : Instant.parse(ends),
            j.getString("callState"),
            j.getString("callId"),
            j.getString("dispositionOwed"));
    return new Row(
        UUID.fromString(j.getString("id")),
        new HistoryEntry(
            j.getLong("tenantId"),
            j.getLong("agentId"),
            state,
            j.getString("cause"),
            Instant.parse(j.getString("occurredAt"))));
  }
}
