package io.tandemcc.web;

import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.tenant.Role;
import io.tandemcc.tenant.TenantAdministration;
import io.tandemcc.tenant.TenantAdministration.NewTenant;
import io.tandemcc.tenant.TenantRepository.TenantRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code /api/system/*}: the tenants, for the role {@code system} only (everybody else gets 403, as
 * system users get on every tenant route). See docs/api.md, "System administration".
 */
final class SystemRoutes {
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
  private static final Pattern CURSOR = Pattern.compile("[a-z0-9]{1,32}");
  private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");

  private final TenantAdministration tenants;
  private final Authenticated authenticated;

  SystemRoutes(TenantAdministration tenants, Authenticated authenticated) {
    this.tenants = tenants;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router.route("/api/system/*").handler(this::systemOnly);
    router.get("/api/system/tenants").handler(this::list);
    router.post("/api/system/tenants").handler(this::create);
    router.get("/api/system/tenants/:id").handler(ctx -> reply(ctx, tenants.get(id(ctx)), 200));
    router
        .post("/api/system/tenants/:id/suspend")
        .handler(ctx -> reply(ctx, tenants.suspend(id(ctx)), 200));
    router
        .post("/api/system/tenants/:id/resume")
        .handler(ctx -> reply(ctx, tenants.resume(id(ctx)), 200));
    router.delete("/api/system/tenants/:id").handler(this::delete);
  }

  private void systemOnly(RoutingContext ctx) {
    authenticated
        .verifyAnyRole(ctx)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              Principal p = ar.result();
              if (p.role() != Role.SYSTEM) {
                ctx.fail(ApiException.forbidden("Only system administrators manage tenants."));
                return;
              }
              ctx.next();
            });
  }

  private void list(RoutingContext ctx) {
    int limit = limit(ctx.queryParam("limit"));
    String after = single(ctx.queryParam("after"), "after");
    if (after != null && !CURSOR.matcher(after).matches()) {
      throw ApiException.invalid("The parameter 'after' must be the 'next' of a previous page.");
    }
    tenants
        .list(limit, after)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              JsonArray items = new JsonArray();
              ar.result().items().forEach(t -> items.add(json(t)));
              ctx.response().putHeader("Cache-Control", "no-store");
              ctx.json(new JsonObject().put("items", items).put("next", ar.result().next()));
            });
  }

  private void create(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String domain = JsonBodies.requiredString(body, "domain", 64);
    String name = JsonBodies.requiredString(body, "name", 200);
    Object adminValue = body.getValue("admin");
    if (!(adminValue instanceof JsonObject admin)) {
      throw ApiException.invalid(
          "The field 'admin' is required: an object with username, displayName, password.");
    }
    NewTenant t =
        NewTenant.of(
            domain,
            name,
            JsonBodies.requiredString(admin, "username", 64),
            JsonBodies.optionalString(admin, "displayName", 200),
            JsonBodies.requiredString(admin, "password", 256));
    tenants
        .create(t)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              TenantRow row = ar.result().tenant();
              ctx.response()
                  .setStatusCode(201)
                  .putHeader("Location", "/api/system/tenants/" + row.id());
              ctx.json(
                  json(row)
                      .put(
                          "admin",
                          new JsonObject()
                              .put("id", ar.result().adminUserId())
                              .put("username", t.adminUsername())
                              .put("displayName", t.adminDisplayName())));
            });
  }

  private void delete(RoutingContext ctx) {
    tenants
        .delete(id(ctx))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else {
                ctx.response().setStatusCode(204).end();
              }
            });
  }

  private static void reply(RoutingContext ctx, Future<TenantRow> result, int status) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.response().setStatusCode(status).putHeader("Cache-Control", "no-store");
            ctx.json(json(ar.result()));
          }
        });
  }

  private static JsonObject json(TenantRow t) {
    return new JsonObject()
        .put("id", t.id())
        .put("domain", t.domain())
        .put("name", t.name())
        .put("status", t.status().wireName())
        .put("createdAt", t.createdAt().toInstant().toString());
  }

  /** A malformed id names no tenant: 404, as an unknown one. */
  private static long id(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    if (raw == null || !ID.matcher(raw).matches()) {
      throw new ApiException(404, "tenant-not-found", "Not found", "There is no such tenant.");
    }
    return Long.parseLong(raw);
  }

  private static int limit(List<String> values) {
    String raw = single(values, "limit");
    if (raw == null) {
      return TenantAdministration.DEFAULT_PAGE;
    }
    int limit = LIMIT.matcher(raw).matches() ? Integer.parseInt(raw) : -1;
    if (limit < 1 || limit > TenantAdministration.MAX_PAGE) {
      throw ApiException.invalid(
          "The parameter 'limit' must be a whole number from 1 to "
              + TenantAdministration.MAX_PAGE
              + ".");
    }
    return limit;
  }

  private static String single(List<String> values, String name) {
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiException.invalid("The parameter '" + name + "' is given more than once.");
    }
    return values.get(0);
  }
}
