package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.AUDIT_LOG;

import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import org.jooq.JSON;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends administration changes to the tenant's audit log (V13): who, what (kind and id of the
 * row, the action), the values before and after. Secrets never reach it: any key named in {@link
 * #SECRET_KEYS} is replaced by {@code "changed"} (or dropped when it did not change), whatever the
 * caller passes. Unlike supervisor interventions, an administration change is only reported done
 * once its entry is written: {@link #changed} fails when the entry cannot be written, so a caller
 * that writes both in one transaction can use {@link #insert} instead.
 */
public final class AdminAudit {
  private static final Logger LOG = LoggerFactory.getLogger(AdminAudit.class);

  /** Keys whose values never enter the log. */
  static final Set<String> SECRET_KEYS =
      Set.of(
          "password",
          "passwordHash",
          "password_hash",
          "key",
          "keyHash",
          "key_hash",
          "secret",
          "token");

  private final Database db;
  private final Clock clock;

  public AdminAudit(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** One change: {@code before} null for a creation, {@code after} null for a deletion. */
  public record Change(
      long tenantId,
      long actorUserId,
      String targetKind,
      String targetId,
      String action,
      JsonObject before,
      JsonObject after) {}

  /** Writes the entry; fails when it cannot be written. */
  public Future<Void> changed(Change change) {
    return db.query(dsl -> insert(dsl, change)).mapEmpty();
  }

  /** The insert itself, for a caller that writes the change and its entry in one transaction. */
  public int insert(org.jooq.DSLContext dsl, Change c) {
    JsonObject before = redact(c.before(), c.after());
    JsonObject after = redact(c.after(), c.before());
    LOG.info(
        "tenant {}: user {} {} {} {}",
        c.tenantId(),
        c.actorUserId(),
        c.action(),
        c.targetKind(),
        c.targetId());
    return dsl.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.TENANT_ID, c.tenantId())
        .set(AUDIT_LOG.ACTOR_USER_ID, c.actorUserId())
        .set(AUDIT_LOG.TARGET_KIND, c.targetKind())
        .set(AUDIT_LOG.TARGET_ID, c.targetId())
        .set(AUDIT_LOG.ACTION, c.action())
        .set(AUDIT_LOG.OUTCOME, "done")
        .set(AUDIT_LOG.BEFORE_VALUE, before == null ? null : JSON.valueOf(before.encode()))
        .set(AUDIT_LOG.AFTER_VALUE, after == null ? null : JSON.valueOf(after.encode()))
        .set(AUDIT_LOG.OCCURRED_AT, clock.instant().atOffset(ZoneOffset.UTC))
        .execute();
  }

  /**
   * A copy without secret values: a secret present in {@code value} becomes "changed" when it
   * differs from other's.
   */
  static JsonObject redact(JsonObject value, JsonObject other) {
    if (value == null) {
      return null;
    }
    JsonObject copy = value.copy();
    for (String key : SECRET_KEYS) {
      if (copy.containsKey(key)) {
        boolean same =
            other != null
                && other.containsKey(key)
                && java.util.Objects.equals(other.getValue(key), copy.getValue(key));
        if (same) {
          copy.remove(key);
        } else {
          copy.put(key, "changed");
        }
      }
    }
    return copy;
  }
}
