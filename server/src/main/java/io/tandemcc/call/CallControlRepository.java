package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.CALL_PARTY;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;
import static io.tandemcc.db.generated.Tables.CALL_RECORDING;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.tandemcc.pbx.QueueRef;
import io.vertx.core.Future;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * The tenant-scoped lookups and writes of call control: queues, the always-record setting,
 * recording notes.
 */
public final class CallControlRepository {
  private final Database db;

  public CallControlRepository(Database db) {
    this.db = db;
  }

  /**
   * One of the tenant's queues as agents pick it: its short name ({@code support}) and its group's
   * label.
   */
  public record QueueListing(String name, String label, QueueRef queue) {}

  public Future<List<QueueListing>> queues(long tenantId) {
    return db.query(
        dsl ->
            dsl
                .select(AGENT_GROUP.NAME, AGENT_GROUP.QUEUE_NAME)
                .from(AGENT_GROUP)
                .where(AGENT_GROUP.TENANT_ID.eq(tenantId))
                .orderBy(AGENT_GROUP.NAME)
                .fetch(
                    r ->
                        QueueRef.parse(r.value2())
                            .map(q -> new QueueListing(q.name(), r.value1(), q)))
                .stream()
                .flatMap(Optional::stream)
                .toList());
  }

  /** The tenant's queue by short name or group name (case-insensitive). */
  public Future<Optional<QueueListing>> queue(long tenantId, String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    return queues(tenantId)
        .map(
            all ->
                all.stream()
                    .filter(
                        q ->
                            q.name().toLowerCase(Locale.ROOT).equals(wanted)
                                || q.label().toLowerCase(Locale.ROOT).equals(wanted))
                    .findFirst());
  }

  /**
   * The tenant id when the queue (PBX name) of this tenant (domain) records every answered call.
   */
  public Future<Optional<Long>> alwaysRecorded(String domain, String queuePbxName) {
    return db.query(
        dsl ->
            dsl.select(AGENT_GROUP.TENANT_ID)
                .from(AGENT_GROUP)
                .join(TENANT)
                .on(TENANT.ID.eq(AGENT_GROUP.TENANT_ID))
                .where(
                    TENANT
                        .DOMAIN
                        .eq(domain)
                        .and(AGENT_GROUP.QUEUE_NAME.eq(queuePbxName))
                        .and(AGENT_GROUP.ALWAYS_RECORD.isTrue()))
                .fetchOptional(AGENT_GROUP.TENANT_ID));
  }

  /**
   * Sets the note of every recording of the call, if the agent was a party of it (any leg, any
   * role).
   *
   * @return how many recordings were tagged: 0 when the call is another tenant's, not the agent's,
   *     or unrecorded
   */
  public Future<Integer> tagRecordings(long tenantId, long agentId, String callId, String note) {
    return db.query(
        dsl -> {
          var record =
              dsl.select(CALL_RECORD.ID)
                  .from(CALL_RECORD)
                  .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(CALL_RECORD.CALL_ID.eq(callId)));
          var party =
              DSL.selectOne()
                  .from(CALL_PARTY)
                  .where(
                      CALL_PARTY
                          .TENANT_ID
                          .eq(tenantId)
                          .and(CALL_PARTY.CALL_RECORD_ID.eq(CALL_RECORDING.CALL_RECORD_ID))
                          .and(CALL_PARTY.AGENT_ID.eq(agentId)));
          return dsl.update(CALL_RECORDING)
              .set(CALL_RECORDING.NOTE, note)
              .where(
                  CALL_RECORDING
                      .TENANT_ID
                      .eq(tenantId)
                      .and(CALL_RECORDING.CALL_RECORD_ID.in(record))
                      .and(DSL.exists(party)))
              .execute();
        });
  }
}
