package io.tandemcc.web;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.regex.Pattern;

/**
 * The plain-HTTP port of a TLS server ({@code HTTP_REDIRECT_PORT}, 80 in production): every request
 * is sent to the same path over HTTPS with a 301, nothing else is served there (no API, no
 * cookies), except the ACME HTTP-01 answers ({@code /.well-known/acme-challenge/<token>}) of {@code
 * TLS_MODE=acme}'s order under way.
 */
public final class HttpsRedirect {
  /**
   * A host name or address as a Host header may carry it, without the port; anything else is not
   * echoed.
   */
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}\\]");

  private HttpsRedirect() {}

  public static Future<HttpServer> listen(
      Vertx vertx, String host, int port, int httpsPort, String fallbackHost) {
    return listen(vertx, host, port, httpsPort, fallbackHost, new AcmeChallenges());
  }

  public static Future<HttpServer> listen(
      Vertx vertx,
      String host,
      int port,
      int httpsPort,
      String fallbackHost,
      AcmeChallenges challenges) {
    return vertx
        .createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(
            req -> {
              if (req.path() != null && req.path().startsWith(AcmeChallenges.PATH)) {
                answer(req, challenges);
              } else {
                redirect(req, httpsPort, fallbackHost);
              }
            })
        .listen();
  }

  /**
   * The key authorization for a token of the order under way; 404 for any other (the CA follows
   * redirects, but a wrong token must fail plainly, not land on the web client).
   */
  private static void answer(HttpServerRequest req, AcmeChallenges challenges) {
    String token = req.path().substring(AcmeChallenges.PATH.length());
    var answer = challenges.answer(token);
    req.response()
        .setStatusCode(answer.isPresent() ? 200 : 404)
        .putHeader("Content-Type", "text/plain")
        .putHeader("Cache-Control", "no-store")
        .end(answer.orElse("no such ACME challenge\n"));
  }

  static void redirect(HttpServerRequest req, int httpsPort, String fallbackHost) {
    // HTTP/1.1's Host, or HTTP/2's :authority (a client that upgrades a cleartext connection sends
    // that)
    String host = req.getHeader("Host");
    if (host == null && req.authority() != null) {
      host = req.authority().host();
    }
    String target =
        "https://"
            + hostOf(host, fallbackHost)
            + (httpsPort == 443 ? "" : ":" + httpsPort)
            + (req.uri().startsWith("/") ? req.uri() : "/");
    req.response()
        .setStatusCode(301)
        .putHeader("Location", target)
        .putHeader("Cache-Control", "no-store")
        .end();
  }

  static String hostOf(String header, String fallback) {
    if (header == null) {
      return fallback;
    }
    String host = header.trim();
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      host = end < 0 ? "" : host.substring(0, end + 1);
    } else if (host.indexOf(':') >= 0) {
      host = host.substring(0, host.indexOf(':'));
    }
    return HOST.matcher(host).matches() ? host : fallback;
  }
}
