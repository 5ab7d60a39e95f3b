package io.tandemcc.auth;

import static io.tandemcc.db.generated.Tables.API_KEY;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.db.Database;
import io.tandemcc.tenant.TenantStatus;
import io.vertx.core.Future;
import java.util.Optional;

/**
 * API keys a tenant gives its CRM (to push attached data). The database holds only their SHA-256; a key names
 * exactly one tenant, so whatever it reaches is scoped to that tenant.
 */
public final class ApiKeys {
  private final Database db;

  public ApiKeys(Database db) {
    this.db = db;
  }

  /** The tenant a live key belongs to, or empty; a suspended or deleted tenant's keys are refused too. */
  public Future<Optional<Long>> tenantOf(String key) {
    if (key == null || key.isBlank() || key.length() > 256) {
      return Future.succeededFuture(Optional.empty());
    }
    return db.query(dsl -> dsl.select(API_KEY.TENANT_ID).from(API_KEY)
        .join(TENANT).on(TENANT.ID.eq(API_KEY.TENANT_ID))
        .where(API_KEY.KEY_HASH.eq(hash(key)).and(API_KEY.REVOKED_AT.isNull())
            .and(TENANT.STATUS.eq(TenantStatus.ACTIVE.wireName())))
        .fetchOptional(API_KEY.TENANT_ID));
  }

  public String hash(String key) {
    return SessionStore.hash(key);
  }
}
