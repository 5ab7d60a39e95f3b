package io.tandemcc.auth;

import static io.tandemcc.db.generated.Tables.API_KEY;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.tandemcc.tenant.TenantStatus;
import io.vertx.core.Future;
import java.util.Optional;
import org.jooq.impl.DSL;

/**
 * API keys a tenant gives its CRM (to push attached data). The database holds only their SHA-256; a
 * key names exactly one tenant, so whatever it reaches is scoped to that tenant.
 */
public final class ApiKeys {
  private static final org.jooq.types.DayToSecond LAST_USED_STEP =
      org.jooq.types.DayToSecond.valueOf(60_000);
  private final Database db;

  public ApiKeys(Database db) {
    this.db = db;
  }

  /**
   * The tenant a live key belongs to, or empty; a suspended or deleted tenant's keys are refused
   * too.
   */
  public Future<Optional<Long>> tenantOf(String key) {
    if (key == null || key.isBlank() || key.length() > 256) {
      return Future.succeededFuture(Optional.empty());
    }
    // no cache: a key revoked by the administration is refused from the next request on
    return db.query(
        dsl -> {
          var found =
              dsl.select(API_KEY.ID, API_KEY.TENANT_ID)
                  .from(API_KEY)
                  .join(TENANT)
                  .on(TENANT.ID.eq(API_KEY.TENANT_ID))
                  .where(
                      API_KEY
                          .KEY_HASH
                          .eq(hash(key))
                          .and(API_KEY.REVOKED_AT.isNull())
                          .and(TENANT.STATUS.eq(TenantStatus.ACTIVE.wireName())))
                  .fetchOptional();
          // "last used" for the administration, written at most once a minute per key, not on every
          // request
          found.ifPresent(
              r ->
                  dsl.update(API_KEY)
                      .set(API_KEY.LAST_USED_AT, DSL.currentOffsetDateTime())
                      .where(
                          API_KEY
                              .ID
                              .eq(r.value1())
                              .and(
                                  API_KEY
                                      .LAST_USED_AT
                                      .isNull()
                                      .or(
                                          API_KEY.LAST_USED_AT.lt(
                                              DSL.currentOffsetDateTime().minus(LAST_USED_STEP)))))
                      .execute());
          return found.map(r -> r.value2());
        });
  }

  public String hash(String key) {
    return SessionStore.hash(key);
  }
}
