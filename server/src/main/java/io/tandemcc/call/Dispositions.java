package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.CALL_PARTY;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.common.ApiException;
import io.tandemcc.db.Database;
import io.tandemcc.tenant.TenantDirectory;
import io.tandemcc.tenant.TenantSettings.Disposition;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * An agent gives a call its disposition (one of the tenant's, with a note): allowed for a call the
 * agent had, while it is the agent's current or most recent call (during the call, its wrap-up, or
 * until the next call). The call record keeps it; the agent state is told, so a wrap-up that waited
 * for it can end.
 */
public final class Dispositions {
  public static final int MAX_NOTE = 1024;
  private final Database db;
  private final TenantDirectory directory;
  private final AgentStateClient agents;
  private final Clock clock;

  public Dispositions(
      Database db, TenantDirectory directory, AgentStateClient agents, Clock clock) {
    this.db = db;
    this.directory = directory;
    this.agents = agents;
    this.clock = clock;
  }

  /** What was recorded. */
  public record Given(String callId, String code, String label, String note) {}

  public Future<Given> give(
      long tenantId, long agentId, long userId, String callId, String code, String note) {
    return directory
        .settings(tenantId)
        .compose(
            settings -> {
              Optional<Disposition> disposition = settings.disposition(code);
              if (disposition.isEmpty()) {
                return Future.failedFuture(
                    ApiException.badRequest(
                        "unknown-disposition",
                        "'" + code + "' is not one of your tenant's dispositions."));
              }
              return agents
                  .current(tenantId, agentId)
                  .compose(
                      state ->
                          record(
                              tenantId,
                              agentId,
                              callId,
                              code,
                              note,
                              state.isOnCall(callId) || callId.equals(state.dispositionOwed())))
                  .compose(
                      v ->
                          agents.send(
                              tenantId,
                              agentId,
                              new AgentEvent.DispositionGiven(callId),
                              "user:" + userId))
                  .map(reply -> new Given(callId, code, disposition.get().label(), note));
            });
  }

  /**
   * Writes the disposition when the agent had the call and it is still the agent's to dispose of.
   */
  private Future<Void> record(
      long tenantId, long agentId, String callId, String code, String note, boolean current) {
    return db.query(
        dsl -> {
          Condition hadIt =
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
                                      .and(CALL_PARTY.CALL_RECORD_ID.eq(CALL_RECORD.ID))
                                      .and(CALL_PARTY.AGENT_ID.eq(agentId)))));
          Long id =
              dsl.select(CALL_RECORD.ID)
                  .from(CALL_RECORD)
                  .where(
                      CALL_RECORD
                          .TENANT_ID
                          .eq(tenantId)
                          .and(CALL_RECORD.CALL_ID.eq(callId))
                          .and(hadIt))
                  .fetchOne(CALL_RECORD.ID);
          if (id == null) {
            throw ApiException.notFound("There is no such call of yours.");
          }
          if (!current) {
            String latest =
                dsl.select(CALL_RECORD.CALL_ID)
                    .from(CALL_RECORD)
                    .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(hadIt))
                    .orderBy(CALL_RECORD.STARTED_AT.desc(), CALL_RECORD.ID.desc())
                    .limit(1)
                    .fetchOne(CALL_RECORD.CALL_ID);
            if (!callId.equals(latest)) {
              throw ApiException.conflict(
                  "disposition-closed",
                  "A call's disposition can be given during the call and until your next call.");
            }
          }
          dsl.update(CALL_RECORD)
              .set(CALL_RECORD.DISPOSITION_CODE, code)
              .set(CALL_RECORD.DISPOSITION_NOTE, note)
              .set(CALL_RECORD.DISPOSITION_AGENT_ID, agentId)
              .set(CALL_RECORD.DISPOSITION_AT, clock.instant().atOffset(ZoneOffset.UTC))
              .where(CALL_RECORD.TENANT_ID.eq(tenantId).and(CALL_RECORD.ID.eq(id)))
              .execute();
          return null;
        });
  }
}
