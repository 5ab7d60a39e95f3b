package io.tandemcc.web;

import io.tandemcc.admin.AdminUser;
import io.tandemcc.admin.Users;
import io.tandemcc.admin.Users.Actor;
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
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code /api/admin/users}, {@code /api/admin/extensions} and {@code /api/admin/groups}: a tenant's
 * users, agents, extensions and groups, for the tenant's admins only (others 403). See docs/api.md,
 * "Administration".
 */
final class AdminRoutes {
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
  private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");
  private static final Set<String> ROLES = Set.of("admin", "supervisor", "agent");

  private final Users users;
  private final AdminGroupRoutes groups;
  private final Authenticated authenticated;

  AdminRoutes(Users users, AdminGroupRoutes groups, Authenticated authenticated) {
    this.users = users;
    this.groups = groups;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router.route("/api/admin/users*").handler(this::adminOnly);
    router.route("/api/admin/extensions*").handler(this::adminOnly);
    router.route("/api/admin/groups*").handler(this::adminOnly);
    router.get("/api/admin/users").handler(this::list);
    router
        .post("/api/admin/users")
        .handler(ctx -> created(ctx, users.create(actor(ctx), JsonBodies.object(ctx))));
    router.get("/api/admin/users/:id").handler(ctx -> ok(ctx, users.get(actor(ctx), id(ctx))));
    router
        .patch("/api/admin/users/:id")
        .handler(ctx -> ok(ctx, users.update(actor(ctx), id(ctx), JsonBodies.object(ctx))));
    router
        .delete("/api/admin/users/:id")
        .handler(ctx -> noContent(ctx, users.delete(actor(ctx), id(ctx))));
    groups.mount(router);
  }

  /**
   * Admins of the tenant only: agents and supervisors get 403 (system users get it from
   * Authenticated).
   */
  private void adminOnly(RoutingContext ctx) {
    authenticated
        .verify(ctx)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else if (ar.result().role() != Role.ADMIN) {
                ctx.fail(ApiException.forbidden("Only the tenant's admins administer it."));
              } else {
                ctx.next();
              }
            });
  }

  static Actor actor(RoutingContext ctx) {
    Principal p = Authenticated.principal(ctx);
    return new Actor(p.tenantId(), p.userId());
  }

  private void list(RoutingContext ctx) {
    String role = single(ctx, "role");
    if (role != null && !ROLES.contains(role)) {
      throw ApiException.invalid("The parameter 'role' must be admin, supervisor or agent.");
    }
    String sort = sort(ctx, Set.of("username", "displayName"), "username");
    page(
        ctx,
        users.list(actor(ctx), query(ctx), role, sort, limit(ctx), single(ctx, "after")),
        AdminUser::json);
  }

  // ---- shared by the admin routes
  // -------------------------------------------------------------------------------

  static <T> void page(RoutingContext ctx, Future<Page<T>> result, Function<T, JsonObject> json) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
            return;
          }
          JsonArray items = new JsonArray();
          ar.result().items().forEach(i -> items.add(json.apply(i)));
          ctx.response().putHeader("Cache-Control", "no-store");
          ctx.json(new JsonObject().put("items", items).put("next", ar.result().next()));
        });
  }

  static void created(RoutingContext ctx, Future<AdminUser> result) {
    createdAt(ctx, result.map(AdminUser::json), "/api/admin/users/");
  }

  static void createdAt(RoutingContext ctx, Future<JsonObject> result, String base) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.response()
                .setStatusCode(201)
                .putHeader("Location", base + ar.result().getLong("id"))
                .putHeader("Cache-Control", "no-store");
            ctx.json(ar.result());
          }
        });
  }

  static void ok(RoutingContext ctx, Future<AdminUser> result) {
    okJson(ctx, result.map(AdminUser::json));
  }

  static void okJson(RoutingContext ctx, Future<JsonObject> result) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.json(ar.result());
          }
        });
  }

  static void noContent(RoutingContext ctx, Future<?> result) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.response().setStatusCode(204).end();
          }
        });
  }

  /** A malformed id names nothing: 404, as an unknown one or another tenant's. */
  static long id(RoutingContext ctx) {
    String raw = ctx.pathParam("id");
    if (raw == null || !ID.matcher(raw).matches()) {
      throw ApiException.notFound("There is no such item.");
    }
    return Long.parseLong(raw);
  }

  static int limit(RoutingContext ctx) {
    String raw = single(ctx, "limit");
    if (raw == null) {
      return Users.DEFAULT_PAGE;
    }
    int limit = LIMIT.matcher(raw).matches() ? Integer.parseInt(raw) : -1;
    if (limit < 1 || limit > Users.MAX_PAGE) {
      throw ApiException.invalid(
          "The parameter 'limit' must be a whole number from 1 to " + Users.MAX_PAGE + ".");
    }
    return limit;
  }

  static String query(RoutingContext ctx) {
    String q = single(ctx, "q");
    if (q == null || q.isBlank()) {
      return null;
    }
    if (q.length() > 100) {
      throw ApiException.invalid("The parameter 'q' must be at most 100 characters.");
    }
    if (q.chars().anyMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f))) {
      throw ApiException.badRequest(
          JsonBodies.INVALID_TEXT, "The parameter 'q' contains a control character.");
    }
    return q.strip();
  }

  static String sort(RoutingContext ctx, Set<String> allowed, String fallback) {
    String sort = single(ctx, "sort");
    if (sort == null) {
      return fallback;
    }
    if (!allowed.contains(sort)) {
      throw ApiException.invalid(
          "The parameter 'sort' must be one of " + String.join(", ", allowed) + ".");
    }
    return sort;
  }

  static String single(RoutingContext ctx, String name) {
    List<String> values = ctx.queryParam(name);
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiException.invalid("The parameter '" + name + "' is given more than once.");
    }
    return values.get(0);
  }
}
