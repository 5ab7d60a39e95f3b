package io.tandemcc.web;

import io.tandemcc.auth.LoginService;
import io.tandemcc.auth.LoginService.RetryLater;
import io.tandemcc.auth.LoginService.SignedIn;
import io.tandemcc.common.ApiException;
import io.tandemcc.config.TrustedProxies;
import io.tandemcc.tenant.TenantSettings;
import io.tandemcc.tenant.UserAccount;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/login} and {@code /api/session/*}: sign in, renew, sign out. */
final class AuthRoutes {
  static final String SESSION_COOKIE = "tcc_session";
  private static final String COOKIE_PATH = "/api/session";

  /**
   * The user's own password change: open to a token that must change its password (Authenticated).
   */
  static final String PASSWORD_PATH = "/api/session/password";

  private final LoginService logins;
  private final Authenticated authenticated;
  private final boolean secureCookies;
  private final long cookieMaxAgeSeconds;
  private final TrustedProxies trustedProxies;

  AuthRoutes(
      LoginService logins,
      Authenticated authenticated,
      boolean secureCookies,
      long cookieMaxAgeSeconds,
      TrustedProxies trustedProxies) {
    this.logins = logins;
    this.trustedProxies = trustedProxies;
    this.authenticated = authenticated;
    this.secureCookies = secureCookies;
    this.cookieMaxAgeSeconds = cookieMaxAgeSeconds;
  }

  void mount(Router router) {
    router.post("/api/login").handler(this::login);
    router.post("/api/session/refresh").handler(this::refresh);
    router.post("/api/session/logout").handler(authenticated::handleAnyRole).handler(this::logout);
    router.post(PASSWORD_PATH).handler(authenticated::handleAnyRole).handler(this::changePassword);
  }

  private void login(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String username = JsonBodies.requiredString(body, "username", 64);
    String password = JsonBodies.requiredString(body, "password", 256);
    String domain = JsonBodies.requiredString(body, "domain", 63);
    String peer =
        ctx.request().remoteAddress() == null
            ? "unknown"
            : ctx.request().remoteAddress().hostAddress();
    String source =
        trustedProxies.clientOf(peer, ctx.request().headers().getAll("X-Forwarded-For"));
    logins
        .login(domain, username, password, source)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                respond(ctx, ar.result());
              } else {
                if (ar.cause() instanceof RetryLater later) {
                  ctx.response()
                      .putHeader(
                          "Retry-After", Long.toString(RetryLater.seconds(later.retryAfter())));
                }
                ctx.fail(ar.cause());
              }
            });
  }

  private void refresh(RoutingContext ctx) {
    Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
    if (cookie == null || cookie.getValue().isBlank() || cookie.getValue().length() > 128) {
      ctx.fail(
          ApiException.unauthorized("session-expired", "Your session has ended; sign in again."));
      return;
    }
    logins
        .refresh(cookie.getValue())
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                respond(ctx, ar.result());
              } else {
                clearCookie(ctx);
                ctx.fail(ar.cause());
              }
            });
  }

  private void logout(RoutingContext ctx) {
    logins
        .logout(Authenticated.principal(ctx))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                clearCookie(ctx);
                ctx.response().setStatusCode(204).end();
              } else {
                ctx.fail(ar.cause());
              }
            });
  }

  private void changePassword(RoutingContext ctx) {
    JsonObject body = JsonBodies.object(ctx);
    String current = JsonBodies.requiredString(body, "currentPassword", 256);
    String next = JsonBodies.requiredString(body, "newPassword", 1024);
    logins
        .changePassword(Authenticated.principal(ctx), current, next)
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                ctx.response().setStatusCode(204).end();
              } else {
                ctx.fail(ar.cause());
              }
            });
  }

  private void respond(RoutingContext ctx, SignedIn s) {
    Cookie cookie =
        Cookie.cookie(SESSION_COOKIE, s.sessionToken())
            .setHttpOnly(true)
            .setSecure(secureCookies)
            .setSameSite(CookieSameSite.STRICT)
            .setPath(COOKIE_PATH)
            .setMaxAge(cookieMaxAgeSeconds);
    ctx.response().addCookie(cookie);
    ctx.response().putHeader("Cache-Control", "no-store");
    ctx.json(sessionInfo(s));
  }

  private void clearCookie(RoutingContext ctx) {
    ctx.response()
        .addCookie(
            Cookie.cookie(SESSION_COOKIE, "")
                .setHttpOnly(true)
                .setSecure(secureCookies)
                .setSameSite(CookieSameSite.STRICT)
                .setPath(COOKIE_PATH)
                .setMaxAge(0));
  }

  static JsonObject sessionInfo(SignedIn s) {
    UserAccount u = s.account();
    TenantSettings settings = s.settings();
    JsonArray reasons = new JsonArray();
    settings
        .notReadyReasons()
        .forEach(r -> reasons.add(new JsonObject().put("code", r.code()).put("label", r.label())));
    JsonArray dispositions = new JsonArray();
    settings
        .dispositions()
        .forEach(
            d -> dispositions.add(new JsonObject().put("code", d.code()).put("label", d.label())));
    JsonArray keys = new JsonArray();
    settings
        .attachedDataKeys()
        .forEach(
            k ->
                keys.add(
                    new JsonObject()
                        .put("position", k.position())
                        .put("name", k.name())
                        .put("label", k.label())));
    return new JsonObject()
        .put("accessToken", s.access().token())
        .put("expiresAt", s.access().expiresAt().toString())
        .put("serverTime", java.time.Instant.now().toString())
        .put("passwordChangeRequired", u.passwordChangeRequired())
        .put(
            "user",
            new JsonObject()
                .put("id", u.id())
                .put("username", u.username())
                .put("displayName", u.displayName())
                .put("role", u.role().wireName()))
        .put(
            "tenant",
            new JsonObject().put("domain", u.tenant().domain()).put("name", u.tenant().name()))
        .put(
            "agent",
            u.agent() == null
                ? null
                : new JsonObject()
                    .put("id", u.agent().agentId())
                    .put("number", u.agent().number())
                    .put("extension", u.agent().extension()))
        .put(
            "config",
            new JsonObject()
                .put("notReadyReasons", reasons)
                .put("allowEndWrapupEarly", settings.allowEndWrapupEarly())
                .put("attachedDataKeys", keys)
                .put("ringBeep", settings.ringBeep())
                .put("ringNotification", settings.ringNotification())
                .put("dispositions", dispositions)
                .put("dispositionRequired", settings.dispositionRequired())
                .put("autoAnswer", settings.clickToDialAutoAnswer()));
  }
}
