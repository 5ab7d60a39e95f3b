package io.tandemcc.auth;

import static io.tandemcc.db.generated.Tables.API_KEY;

import io.tandemcc.db.Database;
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

  /** The tenant a live key belongs to, or empty. */
  public Future<Optional<Long>> tenantOf(String key) {
    if (key == null || key.isBlank() || key.length() > 256) {
      return Future.succeededFuture(Optional.empty());
    }
    return db.query(dsl -> dsl.select(API_KEY.TENANT_ID).from(API_KEY)
        .where(API_KEY.KEY_HASH.eq(hash(key)).and(API_KEY.REVOKED_AT.isNull()))
        .fetchOptional(API_KEY.TENANT_ID));
  }

  public String hash(String key) {
    return SessionStore.hash(key);
  }
}
