package io.tandemcc.tenant;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AUDIT_LOG;

import io.tandemcc.db.Database;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.ZoneOffset;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a refused outside call into the tenant's audit log ({@code audit_log}, the record
 * supervisors read): action {@code outbound-refused}, actor the user who dialled (the agent's own
 * user when a CRM key dialled for it), target the agent, detail {@code <how>: <rule> <masked
 * number>} ({@link OutboundRules#mask}: never the whole number), outcome {@code
 * refused:outbound-refused} or {@code refused:outbound-cap}. Writing never fails the refusal: an
 * entry that cannot be written is logged instead.
 */
public final class OutboundAudit {
  private static final Logger LOG = LoggerFactory.getLogger(OutboundAudit.class);
  public static final String ACTION = "outbound-refused";
  private final Database db;
  private final Clock clock;

  public OutboundAudit(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /**
   * @param actorUserId the user who dialled, or null: the agent's own user (a CRM key, a callback
   *     reminder)
   * @param via how the number was reached: {@code webphone}, {@code click-to-dial}, {@code
   *     transfer}, ...
   */
  public Future<Void> refused(
      long tenantId,
      Long actorUserId,
      long agentId,
      String via,
      OutboundRules.Rule rule,
      String maskedNumber) {
    String detail = via + ": " + rule.label() + " " + maskedNumber;
    String outcome = "refused:" + (rule.isCap() ? "outbound-cap" : "outbound-refused");
    var at = clock.instant().atOffset(ZoneOffset.UTC);
    return db.query(
            dsl ->
                dsl.insertInto(
                        AUDIT_LOG,
                        AUDIT_LOG.TENANT_ID,
                        AUDIT_LOG.ACTOR_USER_ID,
                        AUDIT_LOG.TARGET_AGENT_ID,
                        AUDIT_LOG.ACTION,
                        AUDIT_LOG.DETAIL,
                        AUDIT_LOG.OUTCOME,
                        AUDIT_LOG.OCCURRED_AT)
                    .select(
                        dsl.select(
                                DSL.val(tenantId),
                                actorUserId == null ? AGENT.USER_ID : DSL.val(actorUserId),
                                AGENT.ID,
                                DSL.val(ACTION),
                                DSL.val(detail.length() > 200 ? detail.substring(0, 200) : detail),
                                DSL.val(outcome),
                                DSL.val(at))
                            .from(AGENT)
                            .where(AGENT.TENANT_ID.eq(tenantId).and(AGENT.ID.eq(agentId))))
                    .execute())
        .<Void>mapEmpty()
        .recover(
            e -> {
              LOG.error(
                  "tenant {}: audit entry of a refused outside call of agent {} not written: {}",
                  tenantId,
                  agentId,
                  e.getMessage());
              return Future.succeededFuture();
            });
  }
}
