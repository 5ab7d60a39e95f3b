package io.tandemcc.web;

import io.tandemcc.auth.AccessTokens;
import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.tenant.Role;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * Requires a valid {@code Authorization: Bearer} access token and exposes its {@link Principal}.
 * {@link #handle} and {@link #verify} guard the tenant routes: a system user (role {@code system})
 * gets 403 there, whatever it asks; the system routes check the opposite ({@link SystemRoutes}).
 */
final class Authenticated {
  private static final String KEY = "principal";

  /** All a token that must change its password opens. */
  private static final java.util.Set<String> OPEN_BEFORE_PASSWORD_CHANGE =
      java.util.Set.of(AuthRoutes.PASSWORD_PATH, "/api/session/logout");

  private final AccessTokens tokens;

  Authenticated(AccessTokens tokens) {
    this.tokens = tokens;
  }

  void handle(RoutingContext ctx) {
    then(ctx, verify(ctx));
  }

  /** Any signed-in user, the system users too (logout). */
  void handleAnyRole(RoutingContext ctx) {
    then(ctx, verifyAnyRole(ctx));
  }

  private static void then(RoutingContext ctx, Future<Principal> verified) {
    verified.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.next();
          }
        });
  }

  /** Verifies the bearer token of a tenant's user and remembers its principal on the context. */
  Future<Principal> verify(RoutingContext ctx) {
    return verifyAnyRole(ctx)
        .compose(
            p ->
                p.role() == Role.SYSTEM
                    ? Future.failedFuture(
                        new ApiException(
                            403,
                            "tenant-route",
                            "Not allowed",
                            "System users manage tenants only; sign in as a user of the tenant."))
                    : Future.succeededFuture(p));
  }

  /** Verifies the bearer token and remembers its principal on the context, whatever its role. */
  Future<Principal> verifyAnyRole(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.failedFuture(ApiException.unauthorized("not-authenticated", "Sign in first."));
    }
    return tokens
        .verify(header.substring(7).trim())
        .compose(
            v -> {
              if (v.passwordChangeRequired()
                  && !OPEN_BEFORE_PASSWORD_CHANGE.contains(ctx.request().path())) {
                return Future.failedFuture(
                    new ApiException(
                        403,
                        "password-change-required",
                        "Password change required",
                        "Choose a new password first (POST "
                            + AuthRoutes.PASSWORD_PATH
                            + "), then renew your sign-in."));
              }
              ctx.put(KEY, v.principal());
              return Future.succeededFuture(v.principal());
            });
  }

  static Principal principal(RoutingContext ctx) {
    return ctx.get(KEY);
  }

  static Principal agent(RoutingContext ctx) {
    Principal p = principal(ctx);
    if (!p.isAgent()) {
      throw ApiException.forbidden("Only agents have an agent state.");
    }
    return p;
  }
}
