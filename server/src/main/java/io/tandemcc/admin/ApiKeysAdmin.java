package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.API_KEY;

import io.tandemcc.common.ApiException;
import io.tandemcc.common.InvalidFields;
import io.tandemcc.common.Page;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * The CRM API keys of a tenant. A new key is shown once, in the creation's answer; only its SHA-256
 * is stored (the same hash {@link io.tandemcc.auth.ApiKeys} looks keys up by, with no cache in
 * between, so a revoked key is refused from the next request on). Revoking keeps the row, so the
 * list still shows when it was revoked.
 */
public final class ApiKeysAdmin {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Set<String> SORTS = Set.of("name", "createdAt");
  private final Database db;
  private final AdminAudit audit;
  private final UnaryOperator<String> hasher;
  private final Clock clock;

  public record Key(
      long id,
      String name,
      OffsetDateTime createdAt,
      OffsetDateTime lastUsedAt,
      OffsetDateTime revokedAt) {
    public JsonObject json() {
      return new JsonObject()
          .put("id", id)
          .put("name", name)
          .put("createdAt", text(createdAt))
          .put("lastUsedAt", text(lastUsedAt))
          .put("revokedAt", text(revokedAt));
    }

    private static String text(OffsetDateTime t) {
      return t == null ? null : t.toInstant().toString();
    }
  }

  /** A key just created, with its secret: returned once, never stored or logged. */
  public record Created(Key key, String secret) {
    @Override
    public String toString() {
      return "Created[" + key + "]";
    }
  }

  public ApiKeysAdmin(Database db, AdminAudit audit, UnaryOperator<String> hasher, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.hasher = hasher;
    this.clock = clock;
  }

  public Future<Page<Key>> list(long tenantId, ListQuery query) {
    String sort = query.sortOr("createdAt", SORTS);
    ListQuery.Cursor after = query.decodedAfter();
    String like = query.likePattern();
    return db.query(
        dsl -> {
          Condition where = API_KEY.TENANT_ID.eq(tenantId);
          if (like != null) {
            where = where.and(DSL.lower(API_KEY.NAME).like(like, '\\'));
          }
          if (after != null) {
            where =
                where.and(
                    sort.equals("name")
                        ? DSL.row(API_KEY.NAME, API_KEY.ID).gt(after.value(), after.id())
                        : DSL.row(API_KEY.CREATED_AT, API_KEY.ID)
                            .gt(parseTime(after.value()), after.id()));
          }
          var key = sort.equals("name") ? API_KEY.NAME : API_KEY.CREATED_AT;
          List<Key> rows =
              dsl.select(
                      API_KEY.ID,
                      API_KEY.NAME,
                      API_KEY.CREATED_AT,
                      API_KEY.LAST_USED_AT,
                      API_KEY.REVOKED_AT)
                  .from(API_KEY)
                  .where(where)
                  .orderBy(key.asc(), API_KEY.ID.asc())
                  .limit(query.limit() + 1)
                  .fetch(ApiKeysAdmin::key);
          if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
          }
          List<Key> page = new ArrayList<>(rows.subList(0, query.limit()));
          Key last = page.get(page.size() - 1);
          return new Page<>(
              page,
              ListQuery.cursor(
                  sort.equals("name") ? last.name() : last.createdAt().toString(), last.id()));
        });
  }

  private static OffsetDateTime parseTime(String value) {
    try {
      return OffsetDateTime.parse(value);
    } catch (RuntimeException e) {
      throw ApiException.invalid("The parameter 'after' must be the 'next' of a previous page.");
    }
  }

  public Future<Key> get(long tenantId, long id) {
    return db.query(dsl -> find(dsl, tenantId, id));
  }

  public Future<Created> create(long tenantId, long actor, JsonObject body) {
    InvalidFields.Builder errors = InvalidFields.builder();
    ConfigFields f = new ConfigFields(body, errors);
    f.only(Set.of("name"));
    String name = f.text("name", true, 1, 100, null, null);
    errors.throwIfAny();
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String secret = "tdm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    return db.transaction(
        dsl -> {
          long id =
              dsl.insertInto(API_KEY)
                  .set(API_KEY.TENANT_ID, tenantId)
                  .set(API_KEY.NAME, name)
                  .set(API_KEY.KEY_HASH, hasher.apply(secret))
                  .set(API_KEY.CREATED_AT, now())
                  .returning(API_KEY.ID)
                  .fetchOne(API_KEY.ID);
          Key key = find(dsl, tenantId, id);
          audit.insert(
              dsl,
              new AdminAudit.Change(
                  tenantId, actor, "api-key", String.valueOf(id), "create", null, key.json()));
          return new Created(key, secret);
        });
  }

  /**
   * Revokes the key (at once: lookups read the database); revoking a revoked key changes nothing.
   */
  public Future<Void> revoke(long tenantId, long actor, long id) {
    return db.transaction(
        dsl -> {
          Key before = find(dsl, tenantId, id);
          if (before.revokedAt() != null) {
            return null;
          }
          dsl.update(API_KEY)
              .set(API_KEY.REVOKED_AT, now())
              .where(API_KEY.TENANT_ID.eq(tenantId).and(API_KEY.ID.eq(id)))
              .execute();
          audit.insert(
              dsl,
              new AdminAudit.Change(
                  tenantId,
                  actor,
                  "api-key",
                  String.valueOf(id),
                  "revoke",
                  before.json(),
                  find(dsl, tenantId, id).json()));
          return null;
        });
  }

  private OffsetDateTime now() {
    return clock.instant().atOffset(ZoneOffset.UTC);
  }

  private static Key find(DSLContext dsl, long tenantId, long id) {
    return dsl.select(
            API_KEY.ID, API_KEY.NAME, API_KEY.CREATED_AT, API_KEY.LAST_USED_AT, API_KEY.REVOKED_AT)
        .from(API_KEY)
        .where(API_KEY.TENANT_ID.eq(tenantId).and(API_KEY.ID.eq(id)))
        .fetchOptional(ApiKeysAdmin::key)
        .orElseThrow(() -> ApiException.notFound("There is no such API key."));
  }

  private static Key key(Record r) {
    return new Key(
        r.get(API_KEY.ID),
        r.get(API_KEY.NAME),
        r.get(API_KEY.CREATED_AT),
        r.get(API_KEY.LAST_USED_AT),
        r.get(API_KEY.REVOKED_AT));
  }
}
