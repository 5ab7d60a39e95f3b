package io.tandemcc.agent;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.AGENT_STATE_HISTORY;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.tandemcc.db.generated.tables.records.AgentStateHistoryRecord;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Agents' rules and their append-only state history. Every query is scoped by tenant. */
public final class AgentRepository {
  private final Database db;

  public AgentRepository(Database db) {
    this.db = db;
  }

  /**
   * The profiles of every agent of a tenant (two queries however many agents), for the owner of
   * agent states to refresh those it holds after an administration change.
   */
  public Future<java.util.Map<Long, AgentProfile>> profiles(long tenantId) {
    return db.query(
        dsl -> {
          java.util.Map<Long, java.util.Set<Long>> groups = new java.util.HashMap<>();
          dsl.select(AGENT_GROUP_MEMBER.AGENT_ID, AGENT_GROUP_MEMBER.GROUP_ID)
              .from(AGENT_GROUP_MEMBER)
              .where(AGENT_GROUP_MEMBER.TENANT_ID.eq(tenantId))
              .forEach(
                  r -> groups.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
          java.util.Map<Long, AgentProfile> profiles = new java.util.HashMap<>();
          dsl.select(
                  AGENT.ID,
                  AGENT.AFTER_CALL_WORK,
                  AGENT.WRAPUP_SECONDS,
                  TENANT.ALLOW_END_WRAPUP_EARLY,
                  TENANT.DISPOSITION_REQUIRED)
              .from(AGENT)
              .join(TENANT)
              .on(TENANT.ID.eq(AGENT.TENANT_ID))
              .where(AGENT.TENANT_ID.eq(tenantId))
              .forEach(
                  r ->
                      profiles.put(
                          r.value1(),
                          new AgentProfile(
                              tenantId,
                              r.value1(),
                              policy(r.value2(), r.value3(), r.value4(), r.value5()),
                              java.util.Set.copyOf(
                                  groups.getOrDefault(r.value1(), java.util.Set.of())))));
          return profiles;
        });
  }

  private static AgentPolicy policy(
      String afterCallWork, int wrapupSeconds, boolean endEarly, boolean required) {
    return new AgentPolicy(
        AfterCallWork.valueOf(afterCallWork.toUpperCase(Locale.ROOT)),
        Duration.ofSeconds(wrapupSeconds),
        endEarly,
        required);
  }

  /** An agent's profile and its last recorded state, or empty if the tenant has no such agent. */
  public Future<Optional<Loaded>> load(long tenantId, long agentId) {
    return db.query(
        dsl ->
            dsl.select(
                    AGENT.AFTER_CALL_WORK,
                    AGENT.WRAPUP_SECONDS,
                    TENANT.ALLOW_END_WRAPUP_EARLY,
                    TENANT.DISPOSITION_REQUIRED)
                .from(AGENT)
                .join(TENANT)
                .on(TENANT.ID.eq(AGENT.TENANT_ID))
                .where(AGENT.TENANT_ID.eq(tenantId).and(AGENT.ID.eq(agentId)))
                .fetchOptional()
                .map(
                    r -> {
                      AgentPolicy policy = policy(r.value1(), r.value2(), r.value3(), r.value4());
                      var groups =
                          new HashSet<>(
                              dsl.select(AGENT_GROUP_MEMBER.GROUP_ID)
                                  .from(AGENT_GROUP_MEMBER)
                                  .where(
                                      AGENT_GROUP_MEMBER
                                          .TENANT_ID
                                          .eq(tenantId)
                                          .and(AGENT_GROUP_MEMBER.AGENT_ID.eq(agentId)))
                                  .fetch(AGENT_GROUP_MEMBER.GROUP_ID));
                      Optional<HistoryEntry> last =
                          dsl.selectFrom(AGENT_STATE_HISTORY)
                              .where(
                                  AGENT_STATE_HISTORY
                                      .TENANT_ID
                                      .eq(tenantId)
                                      .and(AGENT_STATE_HISTORY.AGENT_ID.eq(agentId)))
                              .orderBy(AGENT_STATE_HISTORY.ID.desc())
                              .limit(1)
                              .fetchOptional()
                              .map(AgentRepository::toEntry);
                      return new Loaded(
                          new AgentProfile(tenantId, agentId, policy, java.util.Set.copyOf(groups)),
                          last);
                    }));
  }

  /**
   * Appends rows in one batch, in order; a row whose id is there already (a journal replay after a
   * crash) is skipped. Runs on the calling (worker) thread.
   */
  public void appendBlocking(List<Row> rows) {
    var dsl = db.dsl();
    var inserts = rows.stream().map(row -> insert(dsl, row)).toList();
    dsl.batch(inserts).execute();
  }

  private static org.jooq.Query insert(org.jooq.DSLContext dsl, Row row) {
    HistoryEntry e = row.entry();
    return dsl.insertInto(AGENT_STATE_HISTORY)
        .set(AGENT_STATE_HISTORY.ENTRY_ID, row.id())
        .set(AGENT_STATE_HISTORY.TENANT_ID, e.tenantId())
        .set(AGENT_STATE_HISTORY.AGENT_ID, e.agentId())
        .set(AGENT_STATE_HISTORY.STATUS, e.state().status().name())
        .set(
            AGENT_STATE_HISTORY.REASON_CODE,
            e.state().reason() == null ? null : e.state().reason().code())
        .set(
            AGENT_STATE_HISTORY.REASON_LABEL,
            e.state().reason() == null ? null : e.state().reason().label())
        .set(AGENT_STATE_HISTORY.CALL_STATE, e.state().callState())
        .set(AGENT_STATE_HISTORY.CALL_ID, e.state().callId())
        .set(AGENT_STATE_HISTORY.WRAPUP_ENDS_AT, utc(e.state().wrapupEndsAt()))
        .set(AGENT_STATE_HISTORY.DISPOSITION_OWED, e.state().dispositionOwed())
        .set(AGENT_STATE_HISTORY.CAUSE, e.cause())
        .set(AGENT_STATE_HISTORY.OCCURRED_AT, utc(e.occurredAt()))
        .onConflictDoNothing();
  }

  /** The whole history of one agent, oldest first (for audits and tests). */
  public Future<List<HistoryEntry>> history(long tenantId, long agentId) {
    return db.query(
        dsl ->
            dsl.selectFrom(AGENT_STATE_HISTORY)
                .where(
                    AGENT_STATE_HISTORY
                        .TENANT_ID
                        .eq(tenantId)
                        .and(AGENT_STATE_HISTORY.AGENT_ID.eq(agentId)))
                .orderBy(AGENT_STATE_HISTORY.ID)
                .fetch(AgentRepository::toEntry));
  }

  private static HistoryEntry toEntry(AgentStateHistoryRecord r) {
    AgentStatus status = AgentStatus.valueOf(r.getStatus());
    Reason reason =
        r.getReasonCode() == null ? null : new Reason(r.getReasonCode(), r.getReasonLabel());
    Instant wrapupEnds = r.getWrapupEndsAt() == null ? null : r.getWrapupEndsAt().toInstant();
    return new HistoryEntry(
        r.getTenantId(),
        r.getAgentId(),
        new RecordedState(
            status, reason, wrapupEnds, r.getCallState(), r.getCallId(), r.getDispositionOwed()),
        r.getCause(),
        r.getOccurredAt().toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  /** A history entry with the id that makes writing it again (a replay) harmless. */
  public record Row(java.util.UUID id, HistoryEntry entry) {}

  public record Loaded(AgentProfile profile, Optional<HistoryEntry> last) {}

  /**
   * One row of the history. {@code state} is what the row can hold; when written it comes from an
   * {@link AgentState}.
   */
  public record HistoryEntry(
      long tenantId, long agentId, RecordedState state, String cause, Instant occurredAt) {
    public static HistoryEntry of(
        long tenantId, long agentId, AgentState s, String cause, Instant at) {
      return new HistoryEntry(tenantId, agentId, RecordedState.of(s), cause, at);
    }
  }
}
