package io.tandemcc.web;

import io.tandemcc.admin.AuditTrail;
import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.tenant.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * {@code GET /api/admin/audit}: the tenant's audit log (administration changes, supervisor
 * interventions, refused outside calls), newest first, for the tenant's admins only. See
 * docs/api.md, "Administration: audit log".
 */
final class AdminAuditRoutes {
  private static final Pattern ENTITY_TYPE = Pattern.compile("[a-z][a-z-]{0,31}");
  private static final Pattern ENTITY_ID = Pattern.compile("[0-9A-Za-z._-]{0,64}");
  private static final Pattern ACTOR = Pattern.compile("[1-9][0-9]{0,17}");

  private final AuditTrail trail;
  private final Authenticated authenticated;

  AdminAuditRoutes(AuditTrail trail, Authenticated authenticated) {
    this.trail = trail;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router.route("/api/admin/audit").handler(this::adminOnly);
    router.route("/api/admin/audit/*").handler(this::adminOnly);
    router.get("/api/admin/audit").handler(this::list);
  }

  private void adminOnly(RoutingContext ctx) {
    authenticated
        .verify(ctx)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else if (ar.result().role() != Role.ADMIN) {
                ctx.fail(ApiException.forbidden("Only the tenant's admins read its audit log."));
              } else {
                ctx.next();
              }
            });
  }

  private void list(RoutingContext ctx) {
    Principal p = Authenticated.principal(ctx);
    Instant from = instant(ctx, "from");
    Instant to = instant(ctx, "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw ApiException.invalid("The parameter 'from' must be before 'to'.");
    }
    String actor = AdminRoutes.single(ctx, "actor");
    if (actor != null && !ACTOR.matcher(actor).matches()) {
      throw ApiException.invalid("The parameter 'actor' must be a user id.");
    }
    String kind = AdminRoutes.single(ctx, "kind");
    String entityType = AdminRoutes.single(ctx, "entityType");
    if (entityType != null && !ENTITY_TYPE.matcher(entityType).matches()) {
      throw ApiException.invalid(
          "The parameter 'entityType' must be a kind such as user, queue or agent.");
    }
    String entityId = AdminRoutes.single(ctx, "entityId");
    if (entityId != null && !ENTITY_ID.matcher(entityId).matches()) {
      throw ApiException.invalid(
          "The parameter 'entityId' must be an id of at most 64 letters or digits.");
    }
    if (entityId != null && entityType == null) {
      throw ApiException.invalid("The parameter 'entityId' needs 'entityType'.");
    }
    String after = AdminRoutes.single(ctx, "after");
    if (after != null && after.length() > 512) {
      throw ApiException.invalid("The parameter 'after' must be the 'next' of a previous page.");
    }
    AuditTrail.Filter filter =
        new AuditTrail.Filter(
            from,
            to,
            actor == null ? null : Long.parseLong(actor),
            kind == null ? null : AuditTrail.Kind.parse(kind),
            entityType,
            entityId,
            AdminRoutes.limit(ctx),
            after);
    AdminRoutes.page(ctx, trail.list(p.tenantId(), filter), AuditTrail.Entry::json);
  }

  private static Instant instant(RoutingContext ctx, String name) {
    String raw = AdminRoutes.single(ctx, name);
    if (raw == null) {
      return null;
    }
    try {
      return Instant.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(
          "The parameter '" + name + "' must be an instant such as 2026-01-31T23:00:00Z.");
    }
  }
}
