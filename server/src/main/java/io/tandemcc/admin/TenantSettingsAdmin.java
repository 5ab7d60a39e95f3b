package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.common.ApiException;
import io.tandemcc.common.InvalidFields;
import io.tandemcc.db.Database;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The tenant's own settings: its name, time zone and the desktop behaviour flags. Nothing caches
 * them (the agent desktop reads them at sign-in and refresh, wrap-up reads them per agent load), so
 * a change applies to the next read.
 */
public final class TenantSettingsAdmin {
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "timeZone",
          "ringBeep",
          "ringNotification",
          "clickToDialAutoAnswer",
          "allowEndWrapupEarly",
          "dispositionRequired",
          "reattachGraceSeconds",
          "reattachAfter");
  private final Database db;
  private final AdminAudit audit;
  private final java.util.function.LongConsumer changed;

  /**
   * @param changed told the tenant's id after a change, so the owners of cached settings reload
   *     them
   */
  public TenantSettingsAdmin(
      Database db, AdminAudit audit, java.util.function.LongConsumer changed) {
    this.db = db;
    this.audit = audit;
    this.changed = changed;
  }

  public Future<JsonObject> get(long tenantId) {
    return db.query(dsl -> read(dsl, tenantId));
  }

  public Future<JsonObject> update(long tenantId, long actor, JsonObject body) {
    InvalidFields.Builder errors = InvalidFields.builder();
    ConfigFields f = new ConfigFields(body, errors);
    f.only(FIELDS);
    String name = f.text("name", false, 1, 200, null, null);
    String zone = f.text("timeZone", false, 1, 64, null, null);
    if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
      errors.add("timeZone", "must be an IANA time zone such as Europe/Berlin or America/New_York");
    }
    Boolean ringBeep = f.bool("ringBeep", false);
    Boolean ringNotification = f.bool("ringNotification", false);
    Boolean autoAnswer = f.bool("clickToDialAutoAnswer", false);
    Boolean endEarly = f.bool("allowEndWrapupEarly", false);
    Boolean dispositionRequired = f.bool("dispositionRequired", false);
    // reload survival (docs/webphone.md): the customer's wait for the agent's reloaded page, and
    // what follows it
    Integer graceSeconds = body.getValue("reattachGraceSeconds") instanceof Integer i ? i : null;
    if (body.containsKey("reattachGraceSeconds")
        && (graceSeconds == null || graceSeconds < 10 || graceSeconds > 600)) {
      errors.add("reattachGraceSeconds", "must be a whole number of seconds from 10 to 600");
    }
    String afterGrace = f.text("reattachAfter", false, 1, 16, null, null);
    if (afterGrace != null && !Set.of("requeue", "hangup").contains(afterGrace)) {
      errors.add("reattachAfter", "must be requeue or hangup");
    }
    errors.throwIfAny();
    return db.transaction(
            dsl -> {
              JsonObject before = read(dsl, tenantId);
              var update =
                  dsl.update(TENANT)
                      .set(TENANT.NAME, name != null ? name : before.getString("name"))
                      .set(TENANT.TIME_ZONE, zone != null ? zone : before.getString("timeZone"))
                      .set(
                          TENANT.RING_BEEP,
                          ringBeep != null ? ringBeep : before.getBoolean("ringBeep"))
                      .set(
                          TENANT.RING_NOTIFICATION,
                          ringNotification != null
                              ? ringNotification
                              : before.getBoolean("ringNotification"))
                      .set(
                          TENANT.CLICK_TO_DIAL_AUTO_ANSWER,
                          autoAnswer != null
                              ? autoAnswer
                              : before.getBoolean("clickToDialAutoAnswer"))
                      .set(
                          TENANT.ALLOW_END_WRAPUP_EARLY,
                          endEarly != null ? endEarly : before.getBoolean("allowEndWrapupEarly"))
                      .set(
                          TENANT.DISPOSITION_REQUIRED,
                          dispositionRequired != null
                              ? dispositionRequired
                              : before.getBoolean("dispositionRequired"))
                      .set(
                          TENANT.REATTACH_GRACE_SECONDS,
                          graceSeconds != null
                              ? graceSeconds
                              : before.getInteger("reattachGraceSeconds"))
                      .set(
                          TENANT.REATTACH_AFTER,
                          afterGrace != null ? afterGrace : before.getString("reattachAfter"));
              update.where(TENANT.ID.eq(tenantId)).execute();
              JsonObject after = read(dsl, tenantId);
              audit.insert(
                  dsl,
                  new AdminAudit.Change(
                      tenantId, actor, "tenant-settings", "", "update", before, after));
              return after;
            })
        .onSuccess(after -> changed.accept(tenantId));
  }

  private static JsonObject read(DSLContext dsl, long tenantId) {
    var r =
        dsl.selectFrom(TENANT)
            .where(TENANT.ID.eq(tenantId))
            .fetchOptional()
            .orElseThrow(() -> ApiException.notFound("There is no such tenant."));
    return new JsonObject()
        .put("name", r.getName())
        .put("timeZone", r.getTimeZone())
        .put("ringBeep", r.getRingBeep())
        .put("ringNotification", r.getRingNotification())
        .put("clickToDialAutoAnswer", r.getClickToDialAutoAnswer())
        .put("allowEndWrapupEarly", r.getAllowEndWrapupEarly())
        .put("dispositionRequired", r.getDispositionRequired())
        .put("reattachGraceSeconds", r.getReattachGraceSeconds())
        .put("reattachAfter", r.getReattachAfter());
  }
}
