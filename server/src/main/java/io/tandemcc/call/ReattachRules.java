package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.vertx.core.Future;

/**
 * A tenant's reload-survival settings (tenant settings {@code reattachGraceSeconds}, {@code
 * reattachAfter}): how long a customer waits for the agent's reloaded page and whether the call
 * then goes back to its queue or ends. Read when a socket closes mid-call (rare), so a change
 * applies to the next one.
 */
public final class ReattachRules {
  /** What a tenant without a row (never the case in practice) gets: the migration's defaults. */
  static final Rules DEFAULT = new Rules(60, true);

  private final Database db;

  /**
   * @param requeue true: back to the queue's head after the grace; false: the call ends
   */
  record Rules(int graceSeconds, boolean requeue) {}

  public ReattachRules(Database db) {
    this.db = db;
  }

  Future<Rules> of(long tenantId) {
    return db.query(
        dsl ->
            dsl.select(TENANT.REATTACH_GRACE_SECONDS, TENANT.REATTACH_AFTER)
                .from(TENANT)
                .where(TENANT.ID.eq(tenantId))
                .fetchOptional()
                .map(r -> new Rules(r.value1(), "requeue".equals(r.value2())))
                .orElse(DEFAULT));
  }
}
