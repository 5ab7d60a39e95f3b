package io.tandemcc.report;

import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_STATE_HISTORY;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.tandemcc.support.TestTenants.TestTenant;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Writes state-history rows and call records for report tests, the way the server writes them (each
 * state row is the agent's whole state from its time on; call records carry started/answered/ended,
 * wait and talk seconds). Times are given in UTC; the tests say the Europe/Berlin local time next
 * to each.
 */
final class ReportFixture {
  private final Database db;
  private final TestTenant tenant;
  private int calls;

  ReportFixture(Database db, TestTenant tenant, String zone) {
    this.db = db;
    this.tenant = tenant;
    db.dsl().update(TENANT).set(TENANT.TIME_ZONE, zone).where(TENANT.ID.eq(tenant.id())).execute();
    db.dsl()
        .update(AGENT_GROUP)
        .set(AGENT_GROUP.SERVICE_LEVEL_SECONDS, 20)
        .where(AGENT_GROUP.TENANT_ID.eq(tenant.id()))
        .execute();
  }

  /**
   * The agent's state from {@code utc} on: a status (with its Not Ready reason) and a call state
   * (with its call).
   */
  ReportFixture state(
      long agent, String utc, String status, String reason, String callState, String callId) {
    db.dsl()
        .insertInto(AGENT_STATE_HISTORY)
        .set(AGENT_STATE_HISTORY.TENANT_ID, tenant.id())
        .set(AGENT_STATE_HISTORY.AGENT_ID, agent)
        .set(AGENT_STATE_HISTORY.STATUS, status)
        .set(AGENT_STATE_HISTORY.REASON_CODE, reason)
        .set(AGENT_STATE_HISTORY.REASON_LABEL, reason)
        .set(AGENT_STATE_HISTORY.CALL_STATE, callState)
        .set(AGENT_STATE_HISTORY.CALL_ID, callId)
        .set(AGENT_STATE_HISTORY.CAUSE, "fixture")
        .set(AGENT_STATE_HISTORY.OCCURRED_AT, at(utc))
        .execute();
    return this;
  }

  /**
   * A queue call that entered {@code queue} at {@code utc}, waited {@code wait} s, then ended as
   * {@code outcome}.
   */
  ReportFixture queueCall(String queue, String utc, int wait, String outcome, Integer talk) {
    Instant start = Instant.parse(utc);
    Instant answered = "answered".equals(outcome) ? start.plusSeconds(wait) : null;
    Instant ended = answered != null ? answered.plusSeconds(talk) : start.plusSeconds(wait);
    db.dsl()
        .insertInto(CALL_RECORD)
        .set(CALL_RECORD.TENANT_ID, tenant.id())
        .set(CALL_RECORD.CALL_ID, "fixture-" + tenant.id() + "-" + (++calls))
        .set(CALL_RECORD.KIND, "queue")
        .set(CALL_RECORD.QUEUE_NAME, queue)
        .set(CALL_RECORD.STARTED_AT, at(utc))
        .set(CALL_RECORD.OFFERED_AT, at(utc))
        .set(CALL_RECORD.ANSWERED_AT, answered == null ? null : answered.atOffset(ZoneOffset.UTC))
        .set(CALL_RECORD.ENDED_AT, ended.atOffset(ZoneOffset.UTC))
        .set(CALL_RECORD.WAIT_SECONDS, wait)
        .set(CALL_RECORD.TALK_SECONDS, talk)
        .set(CALL_RECORD.OUTCOME, outcome)
        .execute();
    return this;
  }

  private static OffsetDateTime at(String utc) {
    return Instant.parse(utc).atOffset(ZoneOffset.UTC);
  }
}
