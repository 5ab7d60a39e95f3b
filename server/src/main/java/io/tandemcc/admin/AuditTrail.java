package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.AUDIT_LOG;

import io.tandemcc.common.ApiException;
import io.tandemcc.common.Page;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.JSON;
import org.jooq.Record;

/**
 * Reads a tenant's audit log for its admins ({@code GET /api/admin/audit}): administration changes
 * (V13: kind and id of the row, before and after), supervisor interventions (state changes, forced
 * logouts, monitoring: the agent is the entity) and outside calls the outbound rules refused.
 * Newest first, paged by id (keyset: a page costs the same at any depth). Secrets are redacted when
 * an entry is written ({@link AdminAudit}); the values are scrubbed once more here, so an entry
 * written by a path that forgot to would still not show a password.
 */
public final class AuditTrail {
  /**
   * What an entry records; derived from the row (V13 gave interventions the entity kind {@code
   * agent}).
   */
  public enum Kind {
    ADMIN_CHANGE("admin-change"),
    INTERVENTION("intervention"),
    REFUSED_CALL("refused-call");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Kind parse(String wire) {
      for (Kind k : values()) {
        if (k.wire.equals(wire)) {
          return k;
        }
      }
      throw ApiException.invalid(
          "The parameter 'kind' must be admin-change, intervention or refused-call.");
    }
  }

  /**
   * The filters of one request; null where not given. {@code after} is the {@code next} of the page
   * before.
   */
  public record Filter(
      Instant from,
      Instant to,
      Long actorUserId,
      Kind kind,
      String entityType,
      String entityId,
      int limit,
      String after) {}

  /** One entry as the API returns it. */
  public record Entry(
      long id,
      Instant occurredAt,
      long actorUserId,
      String actorUsername,
      String actorDisplayName,
      Kind kind,
      String entityType,
      String entityId,
      String action,
      String detail,
      String outcome,
      JsonObject before,
      JsonObject after) {
    public JsonObject json() {
      return new JsonObject()
          .put("id", id)
          .put("occurredAt", occurredAt.toString())
          .put(
              "actor",
              new JsonObject()
                  .put("id", actorUserId)
                  .put("username", actorUsername)
                  .put("displayName", actorDisplayName))
          .put("kind", kind.wire())
          .put("entityType", entityType)
          .put("entityId", entityId)
          .put("action", action)
          .put("detail", detail)
          .put("outcome", outcome)
          .put("before", before)
          .put("after", after);
    }
  }

  private static final String OUTBOUND_REFUSED = io.tandemcc.tenant.OutboundAudit.ACTION;
  private final Database db;

  public AuditTrail(Database db) {
    this.db = db;
  }

  public Future<Page<Entry>> list(long tenantId, Filter f) {
    Long afterId = afterId(f.after());
    return db.query(
        dsl -> {
          Condition where = AUDIT_LOG.TENANT_ID.eq(tenantId);
          if (f.from() != null) {
            where = where.and(AUDIT_LOG.OCCURRED_AT.ge(f.from().atOffset(ZoneOffset.UTC)));
          }
          if (f.to() != null) {
            where = where.and(AUDIT_LOG.OCCURRED_AT.lt(f.to().atOffset(ZoneOffset.UTC)));
          }
          if (f.actorUserId() != null) {
            where = where.and(AUDIT_LOG.ACTOR_USER_ID.eq(f.actorUserId()));
          }
          if (f.kind() != null) {
            where = where.and(kindIs(f.kind()));
          }
          if (f.entityType() != null) {
            where = where.and(AUDIT_LOG.TARGET_KIND.eq(f.entityType()));
          }
          if (f.entityId() != null) {
            where = where.and(entityIs(f.entityId()));
          }
          if (afterId != null) {
            where = where.and(AUDIT_LOG.ID.lt(afterId));
          }
          List<Entry> rows =
              dsl.select(AUDIT_LOG.asterisk(), APP_USER.USERNAME, APP_USER.DISPLAY_NAME)
                  .from(AUDIT_LOG)
                  .join(APP_USER)
                  .on(
                      APP_USER
                          .TENANT_ID
                          .eq(AUDIT_LOG.TENANT_ID)
                          .and(APP_USER.ID.eq(AUDIT_LOG.ACTOR_USER_ID)))
                  .where(where)
                  .orderBy(AUDIT_LOG.ID.desc())
                  .limit(f.limit() + 1)
                  .fetch(AuditTrail::entry);
          boolean more = rows.size() > f.limit();
          List<Entry> page = more ? rows.subList(0, f.limit()) : rows;
          String next = more ? Cursors.of("", page.get(page.size() - 1).id()) : null;
          return new Page<>(page, next);
        });
  }

  private static Long afterId(String after) {
    Cursors.Key key = Cursors.parse(after);
    return key == null ? null : key.id();
  }

  /**
   * Interventions and refused calls name their agent in target_agent_id and leave target_id empty
   * (V13 only back-filled the entries before it), so an agent id is matched in either.
   */
  private static Condition entityIs(String id) {
    Condition byTargetId = AUDIT_LOG.TARGET_ID.eq(id);
    if (!id.matches("[1-9][0-9]{0,17}")) {
      return byTargetId;
    }
    return byTargetId.or(
        AUDIT_LOG.TARGET_ID.eq("").and(AUDIT_LOG.TARGET_AGENT_ID.eq(Long.parseLong(id))));
  }

  static Condition kindIs(Kind kind) {
    Condition agentEntry = AUDIT_LOG.TARGET_KIND.eq("agent");
    return switch (kind) {
      case ADMIN_CHANGE -> agentEntry.not();
      case INTERVENTION -> agentEntry.and(AUDIT_LOG.ACTION.ne(OUTBOUND_REFUSED));
      case REFUSED_CALL -> agentEntry.and(AUDIT_LOG.ACTION.eq(OUTBOUND_REFUSED));
    };
  }

  private static Entry entry(Record r) {
    String targetKind = r.get(AUDIT_LOG.TARGET_KIND);
    String action = r.get(AUDIT_LOG.ACTION);
    Kind kind =
        !"agent".equals(targetKind)
            ? Kind.ADMIN_CHANGE
            : OUTBOUND_REFUSED.equals(action) ? Kind.REFUSED_CALL : Kind.INTERVENTION;
    String entityId = r.get(AUDIT_LOG.TARGET_ID);
    if (entityId.isEmpty() && r.get(AUDIT_LOG.TARGET_AGENT_ID) != null) {
      entityId = String.valueOf(r.get(AUDIT_LOG.TARGET_AGENT_ID));
    }
    return new Entry(
        r.get(AUDIT_LOG.ID),
        r.get(AUDIT_LOG.OCCURRED_AT).toInstant(),
        r.get(AUDIT_LOG.ACTOR_USER_ID),
        r.get(APP_USER.USERNAME),
        r.get(APP_USER.DISPLAY_NAME),
        kind,
        targetKind,
        entityId,
        action,
        r.get(AUDIT_LOG.DETAIL),
        r.get(AUDIT_LOG.OUTCOME),
        scrubbed(r.get(AUDIT_LOG.BEFORE_VALUE)),
        scrubbed(r.get(AUDIT_LOG.AFTER_VALUE)));
  }

  /**
   * The stored value with any secret still in it replaced: only the markers the writers use pass.
   */
  static JsonObject scrubbed(JSON json) {
    if (json == null) {
      return null;
    }
    JsonObject value = new JsonObject(json.data());
    scrub(value);
    return value;
  }

  private static void scrub(JsonObject value) {
    for (String key : List.copyOf(value.fieldNames())) {
      Object v = value.getValue(key);
      if (AdminAudit.SECRET_KEYS.contains(key)
          || key.toLowerCase(Locale.ROOT).contains("password")) {
        if (!(v instanceof String s
                && (s.equals("changed") || s.equals("set") || s.equals("reset")))
            && !(v instanceof Boolean)) {
          value.put(key, "changed");
        }
      } else if (v instanceof JsonObject nested) {
        scrub(nested);
      }
    }
  }
}
