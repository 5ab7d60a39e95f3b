package io.tandemcc.web;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The browser hardening headers of every response (API, web client, errors). The web client is a
 * Vite build of external scripts and style sheets only, so the Content-Security-Policy admits no
 * inline script or style, no eval, no plugin and no framing; its WebSockets ({@code /api/push},
 * {@code /api/sip}) are same-origin, which {@code connect-src 'self'} covers for ws: and wss: (CSP
 * level 3). The microphone is for this origin only.
 */
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          "media-src 'self'",
          "font-src 'self'",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'");
  static final String PERMISSIONS_POLICY =
      String.join(
          ", ",
          "microphone=(self)",
          "camera=()",
          "geolocation=()",
          "display-capture=()",
          "payment=()",
          "usb=()",
          "serial=()",
          "midi=()",
          "accelerometer=()",
          "gyroscope=()",
          "magnetometer=()");

  /** One year; only sent in production mode, where a TLS-terminating proxy serves the server. */
  static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

  private final boolean strictTransportSecurity;

  SecurityHeaders(boolean strictTransportSecurity) {
    this.strictTransportSecurity = strictTransportSecurity;
  }

  void handle(RoutingContext ctx) {
    HttpServerResponse response =
        ctx.response()
            .putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
            .putHeader("Permissions-Policy", PERMISSIONS_POLICY)
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Referrer-Policy", "no-referrer")
            .putHeader("X-Frame-Options", "DENY");
    if (strictTransportSecurity) {
      response.putHeader("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }
    ctx.next();
  }
}
