package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.EXTENSION;

import io.tandemcc.admin.Users.Actor;
import io.tandemcc.common.ApiException;
import io.tandemcc.common.InvalidFields;
import io.tandemcc.common.Page;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/**
 * The extension numbers of a tenant: each is held by at most one agent (or a supervisor's own
 * phone); one in use cannot be deleted. An agent's extension is usually made by /api/admin/users,
 * which creates a free number.
 */
public final class Extensions {
  /** An extension and the agent holding it (null when none). */
  public record AdminExtension(long id, String number, Long agentId) {
    public JsonObject json() {
      return new JsonObject().put("id", id).put("number", number).put("agentId", agentId);
    }
  }

  private final Database db;
  private final AdminAudit audit;
  private final LiveEffects effects;

  public Extensions(Database db, AdminAudit audit, LiveEffects effects) {
    this.db = db;
    this.audit = audit;
    this.effects = effects;
  }

  public Future<Page<AdminExtension>> list(Actor actor, String q, int limit, String after) {
    return db.query(
        dsl -> {
          Condition where = EXTENSION.TENANT_ID.eq(actor.tenantId());
          if (q != null) {
            where = where.and(EXTENSION.NUMBER.startsWith(q.replaceAll("[^0-9]", "")));
          }
          Cursors.Key k = Cursors.parse(after);
          if (k != null) {
            where = where.and(DSL.row(EXTENSION.NUMBER, EXTENSION.ID).gt(k.value(), k.id()));
          }
          List<AdminExtension> rows =
              dsl.select(EXTENSION.ID, EXTENSION.NUMBER, AGENT.ID)
                  .from(EXTENSION)
                  .leftJoin(AGENT)
                  .on(
                      AGENT
                          .TENANT_ID
                          .eq(EXTENSION.TENANT_ID)
                          .and(AGENT.EXTENSION_ID.eq(EXTENSION.ID)))
                  .where(where)
                  .orderBy(EXTENSION.NUMBER, EXTENSION.ID)
                  .limit(limit + 1)
                  .fetch(r -> new AdminExtension(r.value1(), r.value2(), r.value3()));
          boolean more = rows.size() > limit;
          List<AdminExtension> items = more ? rows.subList(0, limit) : rows;
          AdminExtension last = more ? items.get(items.size() - 1) : null;
          return new Page<>(items, last == null ? null : Cursors.of(last.number(), last.id()));
        });
  }

  public Future<AdminExtension> create(Actor actor, JsonObject body) {
    InvalidFields.Builder errors = InvalidFields.builder();
    Fields f = new Fields(body, "", errors);
    f.onlyKnown(Set.of("number", "id", "agentId"));
    String number =
        f.matching("number", UserInput.EXTENSION, "must be a number of 2 to 8 digits", 8, true);
    errors.throwIfAny();
    return db.transaction(
        dsl -> {
          if (dsl.fetchExists(
              EXTENSION,
              EXTENSION.TENANT_ID.eq(actor.tenantId()).and(EXTENSION.NUMBER.eq(number)))) {
            throw ApiException.conflict("extension-taken", "This extension number exists already.");
          }
          long id;
          try {
            id =
                dsl.insertInto(EXTENSION)
                    .set(EXTENSION.TENANT_ID, actor.tenantId())
                    .set(EXTENSION.NUMBER, number)
                    .returning(EXTENSION.ID)
                    .fetchOne(EXTENSION.ID);
          } catch (RuntimeException e) {
            throw Conflicts.map(e);
          }
          AdminExtension created = new AdminExtension(id, number, null);
          audit.insert(
              dsl,
              new AdminAudit.Change(
                  actor.tenantId(),
                  actor.userId(),
                  "extension",
                  Long.toString(id),
                  "create",
                  null,
                  created.json()));
          return created;
        });
  }

  public Future<Void> delete(Actor actor, long id) {
    return db.transaction(
            dsl -> {
              long t = actor.tenantId();
              String number =
                  dsl.select(EXTENSION.NUMBER)
                      .from(EXTENSION)
                      .where(EXTENSION.TENANT_ID.eq(t).and(EXTENSION.ID.eq(id)))
                      .forUpdate()
                      .fetchOne(EXTENSION.NUMBER);
              if (number == null) {
                throw ApiException.notFound("There is no such extension.");
              }
              if (dsl.fetchExists(AGENT, AGENT.TENANT_ID.eq(t).and(AGENT.EXTENSION_ID.eq(id)))
                  || dsl.fetchExists(
                      APP_USER, APP_USER.TENANT_ID.eq(t).and(APP_USER.PHONE_EXTENSION_ID.eq(id)))) {
                throw ApiException.conflict(
                    "extension-in-use", "An agent or a supervisor's phone has this extension.");
              }
              dsl.deleteFrom(EXTENSION)
                  .where(EXTENSION.TENANT_ID.eq(t).and(EXTENSION.ID.eq(id)))
                  .execute();
              audit.insert(
                  dsl,
                  new AdminAudit.Change(
                      t,
                      actor.userId(),
                      "extension",
                      Long.toString(id),
                      "delete",
                      new AdminExtension(id, number, null).json(),
                      null));
              return null;
            })
        .onSuccess(v -> effects.changed(actor.tenantId(), "extension " + id + " deleted"))
        .mapEmpty();
  }
}
