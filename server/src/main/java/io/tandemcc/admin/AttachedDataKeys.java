package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.ATTACHED_DATA_KEY;

import io.tandemcc.common.InvalidFields;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * The tenant's ten attached-data positions: the name CRMs, popup templates and the IVR's
 * CC_VAR&lt;position&gt; know a value by, and the label agents read. PUT replaces the whole list.
 * {@code changed} tells the call owner, whose cache holds the names, to forget them.
 */
public final class AttachedDataKeys {
  static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private final Database db;
  private final AdminAudit audit;
  private final LongConsumer changed;

  public AttachedDataKeys(Database db, AdminAudit audit, LongConsumer changed) {
    this.db = db;
    this.audit = audit;
    this.changed = changed;
  }

  public Future<JsonObject> get(long tenantId) {
    return db.query(dsl -> read(dsl, tenantId));
  }

  public Future<JsonObject> replace(long tenantId, long actor, JsonObject body) {
    InvalidFields.Builder errors = InvalidFields.builder();
    new ConfigFields(body, errors).only(Set.of("keys"));
    Object raw = body.getValue("keys");
    if (!(raw instanceof JsonArray list)) {
      errors.add("keys", "is required: a list of {position, name, label}");
      errors.throwIfAny();
      throw new IllegalStateException();
    }
    if (list.size() > 10) {
      errors.add("keys", "has at most 10 entries");
    }
    Set<Integer> positions = new HashSet<>();
    Set<String> names = new HashSet<>();
    JsonArray clean = new JsonArray();
    for (int i = 0; i < list.size() && i < 10; i++) {
      String at = "keys[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject key)) {
        errors.add(at, "must be an object {position, name, label}");
        continue;
      }
      ConfigFields f = new ConfigFields(key, errors, at + ".");
      f.only(Set.of("position", "name", "label"));
      Integer position = f.integer("position", true, 1, 10);
      String name =
          f.text(
              "name",
              true,
              1,
              64,
              NAME,
              "must start with a letter and hold only letters, digits and _ (at most 64)");
      String label = f.text("label", false, 0, 100, null, null);
      if (position != null && !positions.add(position)) {
        errors.add(at + ".position", "is given twice");
      }
      if (name != null && !names.add(name.toLowerCase(java.util.Locale.ROOT))) {
        errors.add(at + ".name", "is given twice");
      }
      clean.add(
          new JsonObject()
              .put("position", position)
              .put("name", name)
              .put("label", label == null ? "" : label));
    }
    errors.throwIfAny();
    return db.transaction(
            dsl -> {
              JsonObject before = read(dsl, tenantId);
              dsl.deleteFrom(ATTACHED_DATA_KEY)
                  .where(ATTACHED_DATA_KEY.TENANT_ID.eq(tenantId))
                  .execute();
              for (Object o : clean) {
                JsonObject k = (JsonObject) o;
                dsl.insertInto(ATTACHED_DATA_KEY)
                    .set(ATTACHED_DATA_KEY.TENANT_ID, tenantId)
                    .set(ATTACHED_DATA_KEY.POSITION, k.getInteger("position"))
                    .set(ATTACHED_DATA_KEY.KEY_NAME, k.getString("name"))
                    .set(ATTACHED_DATA_KEY.LABEL, k.getString("label"))
                    .execute();
              }
              JsonObject after = read(dsl, tenantId);
              audit.insert(
                  dsl,
                  new AdminAudit.Change(
                      tenantId, actor, "attached-data-keys", "", "update", before, after));
              return after;
            })
        .onSuccess(v -> changed.accept(tenantId));
  }

  private static JsonObject read(DSLContext dsl, long tenantId) {
    JsonArray keys = new JsonArray();
    dsl.selectFrom(ATTACHED_DATA_KEY)
        .where(ATTACHED_DATA_KEY.TENANT_ID.eq(tenantId))
        .orderBy(ATTACHED_DATA_KEY.POSITION)
        .forEach(
            r ->
                keys.add(
                    new JsonObject()
                        .put("position", r.getPosition())
                        .put("name", r.getKeyName())
                        .put("label", r.getLabel())));
    return new JsonObject().put("keys", keys);
  }
}
