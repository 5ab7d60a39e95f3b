package io.tandemcc.callback;

import static io.tandemcc.db.generated.Tables.CALLBACK;
import static io.tandemcc.db.generated.Tables.CALL_PARTY;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;

import io.tandemcc.db.Database;
import io.vertx.core.Future;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/**
 * Callbacks, always of one agent of one tenant (the due reminder's claim excepted, which spans
 * tenants).
 */
public final class CallbackRepository {
  private static final io.tandemcc.db.generated.tables.Callback C = CALLBACK;
  private final Database db;

  public CallbackRepository(Database db) {
    this.db = db;
  }

  /** What an agent writes: the editable fields. */
  public record Fields(Instant dueAt, String number, String name, String note) {}

  /** The agent's open callbacks, soonest first. */
  public Future<List<Callback>> open(long tenantId, long agentId) {
    return db.query(
        dsl ->
            select(dsl)
                .where(
                    C.TENANT_ID.eq(tenantId).and(C.AGENT_ID.eq(agentId)).and(C.STATUS.eq("open")))
                .orderBy(C.DUE_AT, C.ID)
                .fetch(CallbackRepository::toCallback));
  }

  public Future<Optional<Callback>> find(long tenantId, long agentId, long id) {
    return db.query(dsl -> findBlocking(dsl, tenantId, agentId, id));
  }

  /**
   * Creates a callback; {@code callId} must be a call of the tenant the agent had, else empty.
   *
   * @return empty when the call named is none of the agent's
   */
  public Future<Optional<Callback>> create(
      long tenantId, long agentId, Fields f, String callId, Instant now) {
    return db.transaction(
        dsl -> {
          Long record = null;
          if (callId != null) {
            record =
                dsl.select(CALL_RECORD.ID)
                    .from(CALL_RECORD)
                    .where(
                        CALL_RECORD
                            .TENANT_ID
                            .eq(tenantId)
                            .and(CALL_RECORD.CALL_ID.eq(callId))
                            .and(
                                CALL_RECORD
                                    .AGENT_ID
                                    .eq(agentId)
                                    .or(
                                        DSL.exists(
                                            DSL.selectOne()
                                                .from(CALL_PARTY)
                                                .where(
                                                    CALL_PARTY
                                                        .TENANT_ID
                                                        .eq(tenantId)
                                                        .and(
                                                            CALL_PARTY.CALL_RECORD_ID.eq(
                                                                CALL_RECORD.ID))
                                                        .and(CALL_PARTY.AGENT_ID.eq(agentId)))))))
                    .fetchOne(CALL_RECORD.ID);
            if (record == null) {
              return Optional.<Callback>empty();
            }
          }
          long id =
              dsl.insertInto(C)
                  .set(C.TENANT_ID, tenantId)
                  .set(C.AGENT_ID, agentId)
                  .set(C.DUE_AT, utc(f.dueAt()))
                  .set(C.NUMBER, f.number())
                  .set(C.NAME, f.name())
                  .set(C.NOTE, f.note())
                  .set(C.CALL_RECORD_ID, record)
                  .set(C.CREATED_AT, utc(now))
                  .set(C.UPDATED_AT, utc(now))
                  .returning(C.ID)
                  .fetchOne(C.ID);
          return findBlocking(dsl, tenantId, agentId, id);
        });
  }

  /**
   * Changes an open callback; a new due time is reminded of again. Empty when there is no such open
   * callback.
   */
  public Future<Optional<Callback>> update(
      long tenantId, long agentId, long id, Fields f, Instant now) {
    return db.transaction(
        dsl -> {
          int changed =
              dsl.update(C)
                  .set(
                      C.REMINDED_AT,
                      DSL.when(C.DUE_AT.eq(utc(f.dueAt())), C.REMINDED_AT)
                          .otherwise(DSL.castNull(C.REMINDED_AT)))
                  .set(C.DUE_AT, utc(f.dueAt()))
                  .set(C.NUMBER, f.number())
                  .set(C.NAME, f.name())
                  .set(C.NOTE, f.note())
                  .set(C.UPDATED_AT, utc(now))
                  .where(mine(tenantId, agentId, id).and(C.STATUS.eq("open")))
                  .execute();
          return changed == 0
              ? Optional.<Callback>empty()
              : findBlocking(dsl, tenantId, agentId, id);
        });
  }

  /**
   * Moves an open callback to {@code done} or {@code cancelled}; false when there is no such open
   * callback.
   */
  public Future<Boolean> close(long tenantId, long agentId, long id, String status, Instant now) {
    return db.query(
        dsl ->
            dsl.update(C)
                    .set(C.STATUS, status)
                    .set(C.UPDATED_AT, utc(now))
                    .where(mine(tenantId, agentId, id).and(C.STATUS.eq("open")))
                    .execute()
                > 0);
  }

  /**
   * Marks the open callbacks due by {@code now} that were not reminded of yet as reminded, and
   * returns them.
   */
  public Future<List<Tenanted>> claimDue(Instant now, int limit) {
    return db.transaction(
        dsl -> {
          var due =
              select(dsl)
                  .where(C.STATUS.eq("open").and(C.REMINDED_AT.isNull()).and(C.DUE_AT.le(utc(now))))
                  .orderBy(C.DUE_AT)
                  .limit(limit)
                  .forUpdate()
                  .of(C)
                  .skipLocked()
                  .fetch(r -> new Tenanted(r.get(C.TENANT_ID), toCallback(r)));
          if (!due.isEmpty()) {
            dsl.update(C)
                .set(C.REMINDED_AT, utc(now))
                .where(C.ID.in(due.stream().map(t -> t.callback().id()).toList()))
                .execute();
          }
          return due.stream()
              .map(t -> new Tenanted(t.tenantId(), withReminded(t.callback(), now)))
              .toList();
        });
  }

  /** A callback with its tenant. */
  public record Tenanted(long tenantId, Callback callback) {}

  private static Callback withReminded(Callback c, Instant at) {
    return new Callback(
        c.id(),
        c.agentId(),
        c.dueAt(),
        c.number(),
        c.name(),
        c.note(),
        c.callId(),
        c.status(),
        at,
        c.createdAt());
  }

  private static org.jooq.Condition mine(long tenantId, long agentId, long id) {
    return C.TENANT_ID.eq(tenantId).and(C.AGENT_ID.eq(agentId)).and(C.ID.eq(id));
  }

  private static Optional<Callback> findBlocking(
      DSLContext dsl, long tenantId, long agentId, long id) {
    return select(dsl)
        .where(mine(tenantId, agentId, id))
        .fetchOptional(CallbackRepository::toCallback);
  }

  private static SelectOnConditionStep<Record> select(DSLContext dsl) {
    return dsl.select(C.fields())
        .select(CALL_RECORD.CALL_ID)
        .from(C)
        .leftJoin(CALL_RECORD)
        .on(CALL_RECORD.TENANT_ID.eq(C.TENANT_ID).and(CALL_RECORD.ID.eq(C.CALL_RECORD_ID)));
  }

  private static Callback toCallback(Record r) {
    return new Callback(
        r.get(C.ID),
        r.get(C.AGENT_ID),
        r.get(C.DUE_AT).toInstant(),
        r.get(C.NUMBER),
        r.get(C.NAME),
        r.get(C.NOTE),
        r.get(CALL_RECORD.CALL_ID),
        r.get(C.STATUS),
        r.get(C.REMINDED_AT) == null ? null : r.get(C.REMINDED_AT).toInstant(),
        r.get(C.CREATED_AT).toInstant());
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
