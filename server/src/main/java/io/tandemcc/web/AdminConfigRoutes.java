package io.tandemcc.web;

import io.tandemcc.admin.ApiKeysAdmin;
import io.tandemcc.admin.AttachedDataKeys;
import io.tandemcc.admin.CodedList;
import io.tandemcc.admin.ListQuery;
import io.tandemcc.admin.PopupRules;
import io.tandemcc.admin.TenantSettingsAdmin;
import io.tandemcc.admin.TrunkAdmin;
import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.common.Page;
import io.tandemcc.tenant.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code /api/admin/...}: the tenant's configuration (reasons, dispositions, attached-data keys,
 * popup rules, settings, API keys, trunk), for the tenant's admins only. See docs/api.md,
 * "Administration: tenant configuration".
 */
public final class AdminConfigRoutes {
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
  private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");
  private static final List<String> PATHS =
      List.of(
          "/api/admin/reasons",
          "/api/admin/dispositions",
          "/api/admin/attached-data-keys",
          "/api/admin/popup-rules",
          "/api/admin/settings",
          "/api/admin/api-keys",
          "/api/admin/trunk");

  /** The use cases behind the routes; built once by Server. */
  public record UseCases(
      CodedList reasons,
      CodedList dispositions,
      AttachedDataKeys keys,
      PopupRules popupRules,
      TenantSettingsAdmin settings,
      ApiKeysAdmin apiKeys,
      TrunkAdmin trunk) {

    /**
     * Wires them: {@code callSettingsChanged} tells the call owner a tenant's keys or popup rules
     * changed, {@code provision} asks for a provisioning run (after a trunk change).
     */
    public static UseCases of(
        io.tandemcc.db.Database db,
        java.time.Clock clock,
        java.util.function.UnaryOperator<String> keyHasher,
        java.util.function.LongConsumer callSettingsChanged,
        java.util.function.Consumer<String> provision) {
      io.tandemcc.admin.AdminAudit audit = new io.tandemcc.admin.AdminAudit(db, clock);
      return new UseCases(
          CodedList.reasons(db, audit),
          CodedList.dispositions(db, audit),
          new AttachedDataKeys(db, audit, callSettingsChanged),
          new PopupRules(db, audit, callSettingsChanged),
          new TenantSettingsAdmin(db, audit, callSettingsChanged),
          new ApiKeysAdmin(db, audit, keyHasher, clock),
          new TrunkAdmin(db, audit, provision));
    }
  }

  private final UseCases uc;
  private final Authenticated authenticated;

  AdminConfigRoutes(UseCases uc, Authenticated authenticated) {
    this.uc = uc;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    for (String path : PATHS) {
      router.route(path).handler(this::adminOnly);
      router.route(path + "/*").handler(this::adminOnly);
    }
    coded(router, "/api/admin/reasons", uc.reasons());
    coded(router, "/api/admin/dispositions", uc.dispositions());

    router
        .get("/api/admin/attached-data-keys")
        .handler(ctx -> reply(ctx, 200, uc.keys().get(p(ctx).tenantId())));
    router
        .put("/api/admin/attached-data-keys")
        .handler(
            ctx ->
                reply(
                    ctx,
                    200,
                    uc.keys().replace(p(ctx).tenantId(), p(ctx).userId(), JsonBodies.object(ctx))));

    router
        .post("/api/admin/popup-rules/preview")
        .handler(
            ctx -> {
              String url = PopupRules.preview(JsonBodies.object(ctx));
              noStore(ctx).json(new JsonObject().put("url", url));
            });
    router
        .get("/api/admin/popup-rules")
        .handler(
            ctx ->
                page(
                    ctx,
                    uc.popupRules().list(p(ctx).tenantId(), query(ctx)),
                    PopupRules.Rule::json));
    router
        .get("/api/admin/popup-rules/:id")
        .handler(
            ctx ->
                reply(
                    ctx,
                    200,
                    uc.popupRules().get(p(ctx).tenantId(), id(ctx)).map(PopupRules.Rule::json)));
    router
        .post("/api/admin/popup-rules")
        .handler(
            ctx ->
                created(
                    ctx,
                    "/api/admin/popup-rules/",
                    uc.popupRules()
                        .create(p(ctx).tenantId(), p(ctx).userId(), JsonBodies.object(ctx))
                        .map(PopupRules.Rule::json)));
    router
        .patch("/api/admin/popup-rules/:id")
        .handler(
            ctx ->
                reply(
                    ctx,
                    200,
                    uc.popupRules()
                        .update(p(ctx).tenantId(), p(ctx).userId(), id(ctx), JsonBodies.object(ctx))
                        .map(PopupRules.Rule::json)));
    router
        .delete("/api/admin/popup-rules/:id")
        .handler(
            ctx ->
                noContent(
                    ctx, uc.popupRules().delete(p(ctx).tenantId(), p(ctx).userId(), id(ctx))));

    router
        .get("/api/admin/settings")
        .handler(ctx -> reply(ctx, 200, uc.settings().get(p(ctx).tenantId())));
    router
        .patch("/api/admin/settings")
        .handler(
            ctx ->
                reply(
                    ctx,
                    200,
                    uc.settings()
                        .update(p(ctx).tenantId(), p(ctx).userId(), JsonBodies.object(ctx))));

    router
        .get("/api/admin/api-keys")
        .handler(
            ctx ->
                page(
                    ctx, uc.apiKeys().list(p(ctx).tenantId(), query(ctx)), ApiKeysAdmin.Key::json));
    router
        .get("/api/admin/api-keys/:id")
        .handler(
            ctx ->
                reply(
                    ctx,
                    200,
                    uc.apiKeys().get(p(ctx).tenantId(), id(ctx)).map(ApiKeysAdmin.Key::json)));
    router
        .post("/api/admin/api-keys")
        .handler(
            ctx ->
                created(
                    ctx,
                    "/api/admin/api-keys/",
                    uc.apiKeys()
                        .create(p(ctx).tenantId(), p(ctx).userId(), JsonBodies.object(ctx))
                        .map(c -> c.key().json().put("key", c.secret()))));
    router
        .delete("/api/admin/api-keys/:id")
        .handler(
            ctx ->
                noContent(ctx, uc.apiKeys().revoke(p(ctx).tenantId(), p(ctx).userId(), id(ctx))));

    router
        .get("/api/admin/trunk")
        .handler(ctx -> reply(ctx, 200, uc.trunk().get(p(ctx).tenantId())));
    router
        .patch("/api/admin/trunk")
        .handler(
            ctx ->
                reply(
                    ctx,
                    200,
                    uc.trunk()
                        .update(
                            p(ctx).tenantId(),
                            p(ctx).domain(),
                            p(ctx).userId(),
                            JsonBodies.object(ctx))));
  }

  private void coded(Router router, String base, CodedList list) {
    router
        .get(base)
        .handler(ctx -> page(ctx, list.list(p(ctx).tenantId(), query(ctx)), CodedList.Item::json));
    router
        .get(base + "/:id")
        .handler(
            ctx -> reply(ctx, 200, list.get(p(ctx).tenantId(), id(ctx)).map(CodedList.Item::json)));
    router
        .post(base)
        .handler(
            ctx ->
                created(
                    ctx,
                    base + "/",
                    list.create(p(ctx).tenantId(), p(ctx).userId(), JsonBodies.object(ctx))
                        .map(CodedList.Item::json)));
    router
        .patch(base + "/:id")
        .handler(
            ctx ->
                reply(
                    ctx,
                    200,
                    list.update(p(ctx).tenantId(), p(ctx).userId(), id(ctx), JsonBodies.object(ctx))
                        .map(CodedList.Item::json)));
    router
        .delete(base + "/:id")
        .handler(
            ctx ->
                noContent(
                    ctx, list.delete(p(ctx).tenantId(), p(ctx).userId(), id(ctx)).mapEmpty()));
  }

  private void adminOnly(RoutingContext ctx) {
    authenticated
        .verify(ctx)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else if (ar.result().role() != Role.ADMIN) {
                ctx.fail(
                    ApiException.forbidden(
                        "Only the tenant's administrators change its configuration."));
              } else {
                ctx.next();
              }
            });
  }

  private static Principal p(RoutingContext ctx) {
    return Authenticated.principal(ctx);
  }

  private static RoutingContext noStore(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "no-store");
    return ctx;
  }

  private static void reply(RoutingContext ctx, int status, Future<JsonObject> result) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            noStore(ctx).response().setStatusCode(status);
            ctx.json(ar.result());
          }
        });
  }

  private static void created(RoutingContext ctx, String base, Future<JsonObject> result) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            noStore(ctx)
                .response()
                .setStatusCode(201)
                .putHeader("Location", base + ar.result().getLong("id"));
            ctx.json(ar.result());
          }
        });
  }

  private static void noContent(RoutingContext ctx, Future<Void> result) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.response().setStatusCode(204).end();
          }
        });
  }

  private static <T> void page(
      RoutingContext ctx, Future<Page<T>> result, Function<T, JsonObject> json) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          JsonArray items = new JsonArray();
          ar.result().items().forEach(i -> items.add(json.apply(i)));
          noStore(ctx).json(new JsonObject().put("items", items).put("next", ar.result().next()));
        });
  }

  private static ListQuery query(RoutingContext ctx) {
    String rawLimit = single(ctx, "limit");
    int limit = ListQuery.DEFAULT_LIMIT;
    if (rawLimit != null) {
      limit = LIMIT.matcher(rawLimit).matches() ? Integer.parseInt(rawLimit) : -1;
      if (limit < 1 || limit > ListQuery.MAX_LIMIT) {
        throw ApiException.invalid(
            "The parameter 'limit' must be a whole number from 1 to " + ListQuery.MAX_LIMIT + ".");
      }
    }
    String after = single(ctx, "after");
    if (after != null && after.length() > 512) {
      throw ApiException.invalid("The parameter 'after' must be the 'next' of a previous page.");
    }
    String q = single(ctx, "q");
    if (q != null && q.length() > 100) {
      throw ApiException.invalid("The parameter 'q' is at most 100 characters.");
    }
    return new ListQuery(limit, after, q, single(ctx, "sort"));
  }

  private static String single(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiException.invalid("The parameter '" + name + "' is given more than once.");
    }
    return values.get(0);
  }

  /** A malformed id names nothing: 404, as an unknown one. */
  private static long id(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    if (raw == null || !ID.matcher(raw).matches()) {
      throw ApiException.notFound("There is no such item.");
    }
    return Long.parseLong(raw);
  }
}
