package io.tandemcc.web;

import static io.tandemcc.web.AdminRoutes.actor;
import static io.tandemcc.web.AdminRoutes.id;

import io.tandemcc.admin.AdminGroup;
import io.tandemcc.admin.Extensions;
import io.tandemcc.admin.Groups;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;

/**
 * {@code /api/admin/groups} and {@code /api/admin/extensions}; mounted (behind the admin check) by
 * AdminRoutes.
 */
final class AdminGroupRoutes {
  private final Groups groups;
  private final Extensions extensions;

  AdminGroupRoutes(Groups groups, Extensions extensions) {
    this.groups = groups;
    this.extensions = extensions;
  }

  void mount(Router router) {
    router.get("/api/admin/groups").handler(this::list);
    router
        .post("/api/admin/groups")
        .handler(
            ctx ->
                AdminRoutes.createdAt(
                    ctx,
                    groups.create(actor(ctx), JsonBodies.object(ctx)).map(AdminGroup::json),
                    "/api/admin/groups/"));
    router
        .get("/api/admin/groups/:id")
        .handler(
            ctx -> AdminRoutes.okJson(ctx, groups.get(actor(ctx), id(ctx)).map(AdminGroup::json)));
    router
        .patch("/api/admin/groups/:id")
        .handler(
            ctx ->
                AdminRoutes.okJson(
                    ctx,
                    groups
                        .update(actor(ctx), id(ctx), JsonBodies.object(ctx))
                        .map(AdminGroup::json)));
    router
        .delete("/api/admin/groups/:id")
        .handler(ctx -> AdminRoutes.noContent(ctx, groups.delete(actor(ctx), id(ctx))));
    router
        .get("/api/admin/extensions")
        .handler(
            ctx -> {
              AdminRoutes.sort(ctx, Set.of("number"), "number");
              AdminRoutes.page(
                  ctx,
                  extensions.list(
                      actor(ctx),
                      AdminRoutes.query(ctx),
                      AdminRoutes.limit(ctx),
                      AdminRoutes.single(ctx, "after")),
                  Extensions.AdminExtension::json);
            });
    router
        .post("/api/admin/extensions")
        .handler(
            ctx ->
                AdminRoutes.createdAt(
                    ctx,
                    extensions
                        .create(actor(ctx), JsonBodies.object(ctx))
                        .map(Extensions.AdminExtension::json),
                    "/api/admin/extensions/"));
    router
        .delete("/api/admin/extensions/:id")
        .handler(ctx -> AdminRoutes.noContent(ctx, extensions.delete(actor(ctx), id(ctx))));
  }

  private void list(RoutingContext ctx) {
    AdminRoutes.sort(ctx, Set.of("name"), "name");
    AdminRoutes.page(
        ctx,
        groups.list(
            actor(ctx),
            AdminRoutes.query(ctx),
            AdminRoutes.limit(ctx),
            AdminRoutes.single(ctx, "after")),
        AdminGroup::json);
  }
}
