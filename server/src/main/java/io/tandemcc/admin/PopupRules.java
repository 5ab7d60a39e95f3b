package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.POPUP_RULE;

import io.tandemcc.call.PopupTemplate;
import io.tandemcc.common.ApiException;
import io.tandemcc.common.FieldError;
import io.tandemcc.common.InvalidFields;
import io.tandemcc.common.Page;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The tenant's CRM popup rules. The contract names a queue by its group id and the call kind as
 * inbound, outbound or any; the table keeps the PBX queue name and null for any (V2), 'inbound'
 * since V16. Templates are validated and previewed by {@link PopupTemplate}, the class the live
 * popup renders with. {@code changed} tells the call owner to forget its cached rules, so the next
 * call uses the new ones.
 */
public final class PopupRules {
  private static final Set<String> FIELDS =
      Set.of("queueId", "callKind", "trigger", "urlTemplate", "active");
  private static final Set<String> KINDS = Set.of("inbound", "outbound", "any");
  private static final Pattern TRIGGER = Pattern.compile("ring|answer");
  private final Database db;
  private final AdminAudit audit;
  private final LongConsumer changed;

  public record Rule(
      long id, Long queueId, String callKind, String trigger, String urlTemplate, boolean active) {
    public JsonObject json() {
      return new JsonObject()
          .put("id", id)
          .put("queueId", queueId)
          .put("callKind", callKind)
          .put("trigger", trigger)
          .put("urlTemplate", urlTemplate)
          .put("active", active);
    }
  }

  public PopupRules(Database db, AdminAudit audit, LongConsumer changed) {
    this.db = db;
    this.audit = audit;
    this.changed = changed;
  }

  /**
   * What a template gives for sample values: the live popup's expansion (URL-encoded, unknown names
   * empty).
   */
  public static String preview(JsonObject body) {
    InvalidFields.Builder errors = InvalidFields.builder();
    ConfigFields f = new ConfigFields(body, errors);
    f.only(Set.of("urlTemplate", "sample"));
    String template = f.text("urlTemplate", true, 1, 2048, null, null);
    Object sample = body.getValue("sample");
    Map<String, String> values = new HashMap<>();
    if (sample != null && !(sample instanceof JsonObject)) {
      errors.add("sample", "must be an object of placeholder names and values");
    } else if (sample != null) {
      ((JsonObject) sample)
          .forEach(
              e -> {
                if (e.getValue() == null
                    || e.getValue() instanceof JsonObject
                    || e.getValue() instanceof io.vertx.core.json.JsonArray) {
                  errors.add("sample." + e.getKey(), "must be a text, number or boolean");
                } else if (String.valueOf(e.getValue()).length() > 1024) {
                  errors.add("sample." + e.getKey(), "must be at most 1024 characters");
                } else {
                  values.put(e.getKey(), String.valueOf(e.getValue()));
                }
              });
    }
    PopupTemplate parsed = template == null ? null : parse(template, errors);
    errors.throwIfAny();
    return parsed.render(values);
  }

  public Future<Page<Rule>> list(long tenantId, ListQuery query) {
    query.sortOr("id", Set.of("id"));
    ListQuery.Cursor after = query.decodedAfter();
    String like = query.likePattern();
    return db.query(
        dsl -> {
          Condition where = POPUP_RULE.TENANT_ID.eq(tenantId);
          if (like != null) {
            where = where.and(DSL.lower(POPUP_RULE.URL_TEMPLATE).like(like, '\\'));
          }
          if (after != null) {
            where = where.and(POPUP_RULE.ID.gt(after.id()));
          }
          List<Rule> rows =
              select(dsl)
                  .where(where)
                  .orderBy(POPUP_RULE.ID)
                  .limit(query.limit() + 1)
                  .fetch(PopupRules::rule);
          if (rows.size() <= query.limit()) {
            return new Page<>(rows, null);
          }
          List<Rule> page = new ArrayList<>(rows.subList(0, query.limit()));
          long last = page.get(page.size() - 1).id();
          return new Page<>(page, ListQuery.cursor(last, last));
        });
  }

  public Future<Rule> get(long tenantId, long id) {
    return db.query(dsl -> find(dsl, tenantId, id));
  }

  /** The fields of a body, checked; {@code creating}: urlTemplate required. */
  private record Input(
      JsonObject body,
      boolean hasQueue,
      Long queueId,
      String callKind,
      String trigger,
      String urlTemplate,
      Boolean active) {}

  private static Input read(JsonObject body, boolean creating) {
    InvalidFields.Builder errors = InvalidFields.builder();
    ConfigFields f = new ConfigFields(body, errors);
    f.only(FIELDS);
    Long queueId = null;
    Object q = body.getValue("queueId");
    if (q != null) {
      if (q instanceof Number n
          && n.doubleValue() == Math.rint(n.doubleValue())
          && n.longValue() > 0) {
        queueId = n.longValue();
      } else {
        errors.add("queueId", "must be the id of a group, or null for any queue");
      }
    }
    String kind = f.text("callKind", false, 1, 16, null, null);
    if (kind != null && !KINDS.contains(kind)) {
      errors.add("callKind", "must be inbound, outbound or any");
    }
    String trigger = f.text("trigger", false, 1, 8, TRIGGER, "must be ring or answer");
    String template = f.text("urlTemplate", creating, 1, 2048, null, null);
    if (template != null) {
      parse(template, errors);
    }
    Boolean active = f.bool("active", false);
    errors.throwIfAny();
    return new Input(body, body.containsKey("queueId"), queueId, kind, trigger, template, active);
  }

  private static PopupTemplate parse(String template, InvalidFields.Builder errors) {
    try {
      return PopupTemplate.parse(template);
    } catch (IllegalArgumentException e) {
      errors.add("urlTemplate", e.getMessage());
      return null;
    }
  }

  public Future<Rule> create(long tenantId, long actor, JsonObject body) {
    Input in = read(body, true);
    return db.transaction(
            dsl -> {
              String queue = in.queueId() == null ? null : queueName(dsl, tenantId, in.queueId());
              long id =
                  dsl.insertInto(POPUP_RULE)
                      .set(POPUP_RULE.TENANT_ID, tenantId)
                      .set(POPUP_RULE.QUEUE_NAME, queue)
                      .set(
                          POPUP_RULE.CALL_KIND,
                          stored(in.callKind() == null ? "any" : in.callKind()))
                      .set(POPUP_RULE.OPEN_ON, in.trigger() == null ? "ring" : in.trigger())
                      .set(POPUP_RULE.URL_TEMPLATE, in.urlTemplate())
                      .set(POPUP_RULE.ACTIVE, in.active() == null || in.active())
                      .returning(POPUP_RULE.ID)
                      .fetchOne(POPUP_RULE.ID);
              Rule rule = find(dsl, tenantId, id);
              audit.insert(
                  dsl,
                  new AdminAudit.Change(
                      tenantId,
                      actor,
                      "popup-rule",
                      String.valueOf(id),
                      "create",
                      null,
                      rule.json()));
              return rule;
            })
        .onSuccess(r -> changed.accept(tenantId));
  }

  public Future<Rule> update(long tenantId, long actor, long id, JsonObject body) {
    Input in = read(body, false);
    return db.transaction(
            dsl -> {
              Rule before = find(dsl, tenantId, id);
              var update =
                  dsl.update(POPUP_RULE)
                      .set(
                          POPUP_RULE.OPEN_ON,
                          in.trigger() != null ? in.trigger() : before.trigger());
              if (in.hasQueue()) {
                update =
                    update.set(
                        POPUP_RULE.QUEUE_NAME,
                        in.queueId() == null ? null : queueName(dsl, tenantId, in.queueId()));
              }
              if (in.callKind() != null) {
                update = update.set(POPUP_RULE.CALL_KIND, stored(in.callKind()));
              }
              if (in.urlTemplate() != null) {
                update = update.set(POPUP_RULE.URL_TEMPLATE, in.urlTemplate());
              }
              if (in.active() != null) {
                update = update.set(POPUP_RULE.ACTIVE, in.active());
              }
              update.where(POPUP_RULE.TENANT_ID.eq(tenantId).and(POPUP_RULE.ID.eq(id))).execute();
              Rule after = find(dsl, tenantId, id);
              audit.insert(
                  dsl,
                  new AdminAudit.Change(
                      tenantId,
                      actor,
                      "popup-rule",
                      String.valueOf(id),
                      "update",
                      before.json(),
                      after.json()));
              return after;
            })
        .onSuccess(r -> changed.accept(tenantId));
  }

  public Future<Void> delete(long tenantId, long actor, long id) {
    return db.transaction(
            dsl -> {
              Rule before = find(dsl, tenantId, id);
              dsl.deleteFrom(POPUP_RULE)
                  .where(POPUP_RULE.TENANT_ID.eq(tenantId).and(POPUP_RULE.ID.eq(id)))
                  .execute();
              audit.insert(
                  dsl,
                  new AdminAudit.Change(
                      tenantId,
                      actor,
                      "popup-rule",
                      String.valueOf(id),
                      "delete",
                      before.json(),
                      null));
              return (Void) null;
            })
        .onSuccess(v -> changed.accept(tenantId));
  }

  private static String stored(String callKind) {
    return callKind.equals("any") ? null : callKind;
  }

  /**
   * The PBX queue of a group of the tenant; another tenant's group is no group (a field error, not
   * a 404).
   */
  private static String queueName(DSLContext dsl, long tenantId, long groupId) {
    return dsl.select(AGENT_GROUP.QUEUE_NAME)
        .from(AGENT_GROUP)
        .where(AGENT_GROUP.TENANT_ID.eq(tenantId).and(AGENT_GROUP.ID.eq(groupId)))
        .fetchOptional(AGENT_GROUP.QUEUE_NAME)
        .orElseThrow(
            () -> new InvalidFields(List.of(new FieldError("queueId", "there is no such group"))));
  }

  private static org.jooq.SelectOnConditionStep<
          org.jooq.Record7<Long, Long, String, String, String, Boolean, String>>
      select(DSLContext dsl) {
    return dsl.select(
            POPUP_RULE.ID,
            AGENT_GROUP.ID,
            POPUP_RULE.CALL_KIND,
            POPUP_RULE.OPEN_ON,
            POPUP_RULE.URL_TEMPLATE,
            POPUP_RULE.ACTIVE,
            POPUP_RULE.QUEUE_NAME)
        .from(POPUP_RULE)
        .leftJoin(AGENT_GROUP)
        .on(
            AGENT_GROUP
                .TENANT_ID
                .eq(POPUP_RULE.TENANT_ID)
                .and(AGENT_GROUP.QUEUE_NAME.eq(POPUP_RULE.QUEUE_NAME)));
  }

  private static Rule find(DSLContext dsl, long tenantId, long id) {
    return select(dsl)
        .where(POPUP_RULE.TENANT_ID.eq(tenantId).and(POPUP_RULE.ID.eq(id)))
        .fetchOptional(PopupRules::rule)
        .orElseThrow(() -> ApiException.notFound("There is no such popup rule."));
  }

  /** Rules written before V16 may say queue or direct: both are inbound calls. */
  private static Rule rule(
      org.jooq.Record7<Long, Long, String, String, String, Boolean, String> r) {
    String kind =
        r.value3() == null ? "any" : r.value3().equals("outbound") ? "outbound" : "inbound";
    return new Rule(r.value1(), r.value2(), kind, r.value4(), r.value5(), r.value6());
  }
}
