package io.tandemcc.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import java.net.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Browser hardening headers (issue 13, item 8) on every kind of response of the development server.
 */
@DisplayName("Browser hardening headers")
class SecurityHeadersTest {
  private Server server;
  private Api api;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
  }

  @Test
  @DisplayName(
      "every response (page, API, API error, unknown path) carries CSP, Permissions-Policy, nosniff, "
          + "Referrer-Policy and no framing; HSTS only in production")
  void everyResponseIsHardened() {
    List<Response> responses =
        List.of(
            api.get("/"),
            api.get("/some/client/route"),
            api.get("/api/health"),
            api.get("/api/agent/state"),
            api.get("/api/no-such-endpoint"),
            api.post("/api/login", "{\"username\":\"x\",\"password\":\"y\",\"domain\":\"z\"}"));
    for (Response r : responses) {
      HttpHeaders h = r.raw().headers();
      String what = r.raw().request().method() + " " + r.raw().uri() + " → " + r.status();
      String csp = h.firstValue("Content-Security-Policy").orElse("");
      assertThat(csp)
          .as(what)
          .contains(
              "default-src 'self'",
              "script-src 'self'",
              "style-src 'self'",
              "connect-src 'self'",
              "object-src 'none'",
              "base-uri 'none'",
              "frame-ancestors 'none'");
      assertThat(csp)
          .as(what + ": no inline script or eval")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(h.firstValue("Permissions-Policy"))
          .as(what)
          .hasValueSatisfying(
              p -> assertThat(p).contains("microphone=(self)", "camera=()", "geolocation=()"));
      assertThat(h.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(h.firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
      assertThat(h.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
      assertThat(h.firstValue("Strict-Transport-Security"))
          .as(what + ": development mode")
          .isEmpty();
    }
  }
}
