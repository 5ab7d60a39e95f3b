package io.tandemcc.supervisor;

import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.AUDIT_LOG;

import io.tandemcc.common.ApiException;
import io.tandemcc.db.Database;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only record of supervisor interventions: who (user), whom (agent), what (action and
 * detail), when, and how it ended ({@code done}, {@code refused:<problem code>} or {@code failed}).
 * Writing never fails the intervention: an entry that cannot be written is logged as an error
 * instead.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private final Database db;
  private final Clock clock;

  public AuditLog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** One entry as the audit API returns it. */
  public record Entry(
      long id,
      long actorUserId,
      long targetAgentId,
      String action,
      String detail,
      String outcome,
      Instant occurredAt) {}

  /** Records the outcome of an intervention; completes (successfully) once written. */
  Future<Void> record(
      long tenantId,
      long actorUserId,
      long targetAgentId,
      String action,
      String detail,
      AsyncResult<?> outcome) {
    String result = outcomeOf(outcome);
    Instant at = clock.instant();
    return db.query(
            dsl ->
                dsl.insertInto(AUDIT_LOG)
                    .set(AUDIT_LOG.TENANT_ID, tenantId)
                    .set(AUDIT_LOG.ACTOR_USER_ID, actorUserId)
                    .set(AUDIT_LOG.TARGET_AGENT_ID, targetAgentId)
                    .set(AUDIT_LOG.ACTION, action)
                    .set(
                        AUDIT_LOG.DETAIL, detail.length() > 200 ? detail.substring(0, 200) : detail)
                    .set(AUDIT_LOG.OUTCOME, result)
                    .set(AUDIT_LOG.OCCURRED_AT, at.atOffset(ZoneOffset.UTC))
                    .execute())
        .<Void>mapEmpty()
        .recover(
            e -> {
              LOG.error(
                  "tenant {}: audit entry not written: user {} {} agent {} ({}): {}",
                  tenantId,
                  actorUserId,
                  action,
                  targetAgentId,
                  result,
                  e.getMessage());
              return Future.succeededFuture();
            });
  }

  /**
   * The latest entries of a tenant, newest first: about agents of {@code groupIds} only, unless
   * {@code all}.
   */
  Future<List<Entry>> latest(long tenantId, Set<Long> groupIds, boolean all, int limit) {
    return db.query(
        dsl -> {
          Condition inScope =
              all
                  ? DSL.trueCondition()
                  : AUDIT_LOG.TARGET_AGENT_ID.in(
                      DSL.select(AGENT_GROUP_MEMBER.AGENT_ID)
                          .from(AGENT_GROUP_MEMBER)
                          .where(
                              AGENT_GROUP_MEMBER
                                  .TENANT_ID
                                  .eq(tenantId)
                                  .and(AGENT_GROUP_MEMBER.GROUP_ID.in(groupIds))));
          return dsl.selectFrom(AUDIT_LOG)
              .where(AUDIT_LOG.TENANT_ID.eq(tenantId).and(inScope))
              .orderBy(AUDIT_LOG.ID.desc())
              .limit(limit)
              .fetch(
                  r ->
                      new Entry(
                          r.getId(),
                          r.getActorUserId(),
                          r.getTargetAgentId(),
                          r.getAction(),
                          r.getDetail(),
                          r.getOutcome(),
                          r.getOccurredAt().toInstant()));
        });
  }

  static String outcomeOf(AsyncResult<?> outcome) {
    if (outcome.succeeded()) {
      return "done";
    }
    return outcome.cause() instanceof ApiException api ? "refused:" + api.code() : "failed";
  }
}
