package io.tandemcc.web;

import io.tandemcc.common.ApiException;
import io.tandemcc.sip.SipAccess;
import io.tandemcc.sip.SipIdentity;
import io.tandemcc.sip.SipProxy;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code POST /api/sip/ticket} (an agent trades its access token for a single-use ticket and its
 * webphone settings) and the {@code /api/sip} WebSocket (subprotocol {@code sip}, {@code
 * ?ticket=}), handed to the {@link SipProxy}. See docs/sip-proxy.md.
 */
final class SipRoutes {
  private final SipAccess access;
  private final SipProxy proxy;
  private final Authenticated authenticated;

  SipRoutes(SipAccess access, SipProxy proxy, Authenticated authenticated) {
    this.access = access;
    this.proxy = proxy;
    this.authenticated = authenticated;
  }

  /** The WebSocket route; mount it before any body handler reads the request. */
  void mountWebSocket(Router router) {
    router.route(SipAccess.WS_PATH).handler(this::upgrade);
  }

  void mount(Router router) {
    router.post("/api/sip/ticket").handler(authenticated::handle).handler(this::ticket);
  }

  private void ticket(RoutingContext ctx) {
    access
        .grant(Authenticated.principal(ctx))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                ctx.response().putHeader("Cache-Control", "no-store");
                ctx.json(ar.result().toJson());
              } else {
                ctx.fail(ar.cause());
              }
            });
  }

  private void upgrade(RoutingContext ctx) {
    String upgrade = ctx.request().getHeader(HttpHeaders.UPGRADE);
    if (upgrade == null || !upgrade.equalsIgnoreCase("websocket")) {
      ctx.fail(
          ApiException.badRequest(
              "websocket-required", "This address only accepts WebSocket upgrades."));
      return;
    }
    if (!offersSip(ctx.request().getHeader("Sec-WebSocket-Protocol"))) {
      ctx.fail(
          ApiException.badRequest(
              "sip-subprotocol-required", "Open the WebSocket with subprotocol 'sip'."));
      return;
    }
    // the ticket is used up whatever happens next; the query string is never logged
    Optional<SipIdentity> identity = access.redeem(ctx.request().getParam("ticket"));
    if (identity.isEmpty()) {
      ctx.fail(
          ApiException.unauthorized(
              "sip-ticket-invalid",
              "The SIP ticket is missing, used or expired; ask for a new one."));
      return;
    }
    ctx.request()
        .toWebSocket()
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                proxy.accept(ar.result(), identity.get());
              } else if (!ctx.response().ended()) {
                ctx.fail(
                    ApiException.badRequest(
                        "websocket-required", "This address only accepts WebSocket upgrades."));
              }
            });
  }

  private static boolean offersSip(String header) {
    return header != null
        && Arrays.stream(header.split(",")).map(String::trim).anyMatch("sip"::equalsIgnoreCase);
  }
}
