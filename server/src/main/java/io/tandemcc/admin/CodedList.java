package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.AGENT_STATE_HISTORY;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;
import static io.tandemcc.db.generated.Tables.DISPOSITION;
import static io.tandemcc.db.generated.Tables.NOT_READY_REASON;

import io.tandemcc.common.ApiException;
import io.tandemcc.common.InvalidFields;
import io.tandemcc.common.Page;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A tenant's list of coded choices: the Not Ready reasons and the dispositions have the same shape
 * ({@code id, code, label, sortOrder, active}) and the same rules, so one class serves both ({@link
 * #reasons}, {@link #dispositions}). A choice that history refers to is deactivated instead of
 * deleted, so old records keep their meaning (a disposition is a foreign key of call_record; a
 * reason is copied into agent_state_history).
 */
public final class CodedList {
  /**
   * The contract's [a-z0-9-]{1,32}, starting with a letter or digit (the disposition table requires
   * it).
   */
  static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  private static final Set<String> FIELDS = Set.of("code", "label", "sortOrder", "active");
  private static final Set<String> SORTS = Set.of("sortOrder", "code", "label");

  public record Item(long id, String code, String label, int sortOrder, boolean active) {
    public JsonObject json() {
      return new JsonObject()
          .put("id", id)
          .put("code", code)
          .put("label", label)
          .put("sortOrder", sortOrder)
          .put("active", active);
    }
  }

  private record Spec(
      String kind,
      Table<?> table,
      Field<Long> id,
      Field<Long> tenant,
      Field<String> code,
      Field<String> label,
      Field<Integer> order,
      Field<Boolean> active,
      String takenCode,
      String noun,
      Referenced referenced) {}

  /** Whether history of the tenant refers to a code. */
  private interface Referenced {
    boolean test(DSLContext dsl, long tenantId, String code);
  }

  private final Database db;
  private final AdminAudit audit;
  private final Spec spec;

  private CodedList(Database db, AdminAudit audit, Spec spec) {
    this.db = db;
    this.audit = audit;
    this.spec = spec;
  }

  /**
   * Not Ready reasons; history keeps the code and label it was given, so a reason it names is only
   * deactivated.
   */
  public static CodedList reasons(Database db, AdminAudit audit) {
    var t = NOT_READY_REASON;
    return new CodedList(
        db,
        audit,
        new Spec(
            "reason",
            t,
            t.ID,
            t.TENANT_ID,
            t.CODE,
            t.LABEL,
            t.SORT_ORDER,
            t.ACTIVE,
            "reason-code-taken",
            "reason",
            (dsl, tenant, code) ->
                dsl.fetchExists(
                    AGENT_STATE_HISTORY,
                    AGENT_STATE_HISTORY
                        .TENANT_ID
                        .eq(tenant)
                        .and(
                            AGENT_STATE_HISTORY
                                .REASON_CODE
                                .eq(code)
                                .or(AGENT_STATE_HISTORY.PENDING_CODE.eq(code))))));
  }

  /**
   * Dispositions; a call record refers to its disposition by code, so a used one is deactivated.
   */
  public static CodedList dispositions(Database db, AdminAudit audit) {
    var t = DISPOSITION;
    return new CodedList(
        db,
        audit,
        new Spec(
            "disposition",
            t,
            t.ID,
            t.TENANT_ID,
            t.CODE,
            t.LABEL,
            t.POSITION,
            t.ENABLED,
            "disposition-code-taken",
            "disposition",
            (dsl, tenant, code) ->
                dsl.fetchExists(
                    CALL_RECORD,
                    CALL_RECORD.TENANT_ID.eq(tenant).and(CALL_RECORD.DISPOSITION_CODE.eq(code)))));
  }

  public Future<Page<Item>> list(long tenantId, ListQuery query) {
    String sort = query.sortOr("sortOrder", SORTS);
    Field<?> key =
        switch (sort) {
          case "code" -> spec.code;
          case "label" -> spec.label;
          default -> spec.order;
        };
    ListQuery.Cursor after = query.decodedAfter();
    String like = query.likePattern();
    return db.query(
        dsl -> {
          Condition where = spec.tenant.eq(tenantId);
          if (like != null) {
            where =
                where.and(
                    DSL.lower(spec.code)
                        .like(like, '\\')
                        .or(DSL.lower(spec.label).like(like, '\\')));
          }
          if (after != null) {
            where = where.and(afterCursor(key, after));
          }
          List<SortField<?>> order = List.of(key.asc(), spec.id.asc());
          List<Item> rows =
              dsl.select(spec.id, spec.code, spec.label, spec.order, spec.active)
                  .from(spec.table)
                  .where(where)
                  .orderBy(order)
                  .limit(query.limit() + 1)
                  .fetch(this::item);
          if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
          }
          List<Item> page = new ArrayList<>(rows.subList(0, query.limit()));
          Item last = page.get(page.size() - 1);
          Object value =
              switch (sort) {
                case "code" -> last.code();
                case "label" -> last.label();
                default -> last.sortOrder();
              };
          return new Page<>(page, ListQuery.cursor(value, last.id()));
        });
  }

  @SuppressWarnings("unchecked")
  private Condition afterCursor(Field<?> key, ListQuery.Cursor after) {
    if (key == spec.order) {
      int value;
      try {
        value = Integer.parseInt(after.value());
      } catch (NumberFormatException e) {
        throw ApiException.invalid("The parameter 'after' must be the 'next' of a previous page.");
      }
      return DSL.row(spec.order, spec.id).gt(value, after.id());
    }
    return DSL.row((Field<String>) key, spec.id).gt(after.value(), after.id());
  }

  public Future<Item> get(long tenantId, long id) {
    return db.query(dsl -> find(dsl, tenantId, id));
  }

  public Future<Item> create(long tenantId, long actor, JsonObject body) {
    InvalidFields.Builder errors = InvalidFields.builder();
    ConfigFields f = new ConfigFields(body, errors);
    f.only(FIELDS);
    String code =
        f.text("code", true, 1, 32, CODE, "must be 1 to 32 lower-case letters, digits or -");
    String label = f.text("label", true, 1, 100, null, null);
    Integer order = f.integer("sortOrder", false, -1_000_000, 1_000_000);
    Boolean active = f.bool("active", false);
    errors.throwIfAny();
    return db.transaction(
        dsl -> {
          refuseTaken(dsl, tenantId, code, null);
          int sortOrder = order != null ? order : nextOrder(dsl, tenantId);
          long id =
              dsl.insertInto(spec.table)
                  .set(spec.tenant, tenantId)
                  .set(spec.code, code)
                  .set(spec.label, label)
                  .set(spec.order, sortOrder)
                  .set(spec.active, active == null || active)
                  .returning(spec.id)
                  .fetchOne(spec.id);
          Item item = find(dsl, tenantId, id);
          audit.insert(
              dsl,
              new AdminAudit.Change(
                  tenantId, actor, spec.kind, String.valueOf(id), "create", null, item.json()));
          return item;
        });
  }

  public Future<Item> update(long tenantId, long actor, long id, JsonObject body) {
    InvalidFields.Builder errors = InvalidFields.builder();
    ConfigFields f = new ConfigFields(body, errors);
    f.only(FIELDS);
    String code =
        f.text("code", false, 1, 32, CODE, "must be 1 to 32 lower-case letters, digits or -");
    String label = f.text("label", false, 1, 100, null, null);
    Integer order = f.integer("sortOrder", false, -1_000_000, 1_000_000);
    Boolean active = f.bool("active", false);
    errors.throwIfAny();
    return db.transaction(
        dsl -> {
          Item before = find(dsl, tenantId, id);
          if (code != null && !code.equals(before.code())) {
            refuseTaken(dsl, tenantId, code, id);
            if (spec.kind.equals("disposition")
                && spec.referenced.test(dsl, tenantId, before.code())) {
              throw ApiException.conflict(
                  "disposition-in-use",
                  "Calls carry the disposition '"
                      + before.code()
                      + "', so its code cannot change; change its label, or deactivate it and create another.");
            }
          }
          Item after =
              new Item(
                  id,
                  code != null ? code : before.code(),
                  label != null ? label : before.label(),
                  order != null ? order : before.sortOrder(),
                  active != null ? active : before.active());
          dsl.update(spec.table)
              .set(spec.code, after.code())
              .set(spec.label, after.label())
              .set(spec.order, after.sortOrder())
              .set(spec.active, after.active())
              .where(spec.tenant.eq(tenantId).and(spec.id.eq(id)))
              .execute();
          audit.insert(
              dsl,
              new AdminAudit.Change(
                  tenantId,
                  actor,
                  spec.kind,
                  String.valueOf(id),
                  "update",
                  before.json(),
                  after.json()));
          return after;
        });
  }

  /** Deletes the choice, or deactivates it when history refers to it; true when it was deleted. */
  public Future<Boolean> delete(long tenantId, long actor, long id) {
    return db.transaction(
        dsl -> {
          Item before = find(dsl, tenantId, id);
          boolean referenced = spec.referenced.test(dsl, tenantId, before.code());
          if (referenced) {
            dsl.update(spec.table)
                .set(spec.active, false)
                .where(spec.tenant.eq(tenantId).and(spec.id.eq(id)))
                .execute();
          } else {
            dsl.deleteFrom(spec.table)
                .where(spec.tenant.eq(tenantId).and(spec.id.eq(id)))
                .execute();
          }
          Item after =
              referenced
                  ? new Item(id, before.code(), before.label(), before.sortOrder(), false)
                  : null;
          audit.insert(
              dsl,
              new AdminAudit.Change(
                  tenantId,
                  actor,
                  spec.kind,
                  String.valueOf(id),
                  referenced ? "deactivate" : "delete",
                  before.json(),
                  after == null ? null : after.json()));
          return !referenced;
        });
  }

  private void refuseTaken(DSLContext dsl, long tenantId, String code, Long except) {
    Condition same = spec.tenant.eq(tenantId).and(spec.code.eq(code));
    if (except != null) {
      same = same.and(spec.id.ne(except));
    }
    if (dsl.fetchExists(spec.table, same)) {
      throw ApiException.conflict(
          spec.takenCode,
          "A "
              + spec.noun
              + " with the code '"
              + code
              + "' exists already (perhaps inactive: activate it instead).");
    }
  }

  private int nextOrder(DSLContext dsl, long tenantId) {
    Integer max =
        dsl.select(DSL.max(spec.order))
            .from(spec.table)
            .where(spec.tenant.eq(tenantId))
            .fetchOne(0, Integer.class);
    return max == null ? 0 : max + 1;
  }

  private Item find(DSLContext dsl, long tenantId, long id) {
    return dsl.select(spec.id, spec.code, spec.label, spec.order, spec.active)
        .from(spec.table)
        .where(spec.tenant.eq(tenantId).and(spec.id.eq(id)))
        .fetchOptional(this::item)
        .orElseThrow(() -> ApiException.notFound("There is no such " + spec.noun + "."));
  }

  private Item item(Record r) {
    return new Item(
        r.get(spec.id), r.get(spec.code), r.get(spec.label), r.get(spec.order), r.get(spec.active));
  }
}
