package io.tandemcc.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import io.tandemcc.support.Api;
import io.tandemcc.support.TestServer;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Who may read {@code /metrics}: the allowed addresses, or the bearer token; nobody when metrics
 * are off.
 */
@DisplayName("Metrics access")
class MetricsAccessTest {
  private static final String TOKEN = "m".repeat(40);

  @Test
  @DisplayName(
      "the loopback scraper of the default settings reads them; the page never falls back to the client")
  void loopbackByDefault() {
    Api api = new Api(TestServer.get().port());
    Api.Response r = api.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("# TYPE jvm_memory_used_bytes gauge");
  }

  @Test
  @DisplayName(
      "from an address outside METRICS_ALLOW: 403 without the token or with a wrong one, 200 with it")
  void tokenOpensThemElsewhere() throws Exception {
    try (Server server = start(Map.of("METRICS_ALLOW", "10.0.0.0/8", "METRICS_TOKEN", TOKEN))) {
      Api api = new Api(server.port());
      Api.Response refused = api.get("/metrics");
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.body()).doesNotContain("jvm_memory");
      assertThat(api.get("/metrics", "Authorization", "Bearer " + "x".repeat(40)).status())
          .isEqualTo(403);
      assertThat(api.get("/metrics", "Authorization", "Bearer " + TOKEN.substring(1)).status())
          .isEqualTo(403);
      assertThat(api.get("/metrics", "Authorization", "Basic " + TOKEN).status()).isEqualTo(403);
      Api.Response allowed = api.get("/metrics", "Authorization", "Bearer " + TOKEN);
      assertThat(allowed.status()).isEqualTo(200);
      assertThat(allowed.body()).contains("tandem_sip_sockets");
    }
  }

  @Test
  @DisplayName(
      "a proxy's X-Forwarded-For does not let an outsider in (only the socket's peer counts)")
  void forwardedForIsNotBelieved() throws Exception {
    try (Server server =
        start(Map.of("METRICS_ALLOW", "10.0.0.0/8", "TRUSTED_PROXIES", "127.0.0.1"))) {
      Api api = new Api(server.port());
      assertThat(api.get("/metrics", "X-Forwarded-For", "10.1.2.3").status()).isEqualTo(403);
    }
  }

  @Test
  @DisplayName("METRICS_ENABLED=false: 404, not the web client's page")
  void off() throws Exception {
    try (Server server = start(Map.of("METRICS_ENABLED", "false"))) {
      Api.Response r = new Api(server.port()).get("/metrics");
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.contentType()).startsWith("application/problem+json");
    }
  }

  private static Server start(Map<String, String> settings) throws Exception {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CC_MODE",
                "dev",
                "HTTP_PORT",
                "0",
                "DATA_DIR",
                Files.createTempDirectory("tandemcc-metrics").toString(),
                "DATABASE_URL",
                TestServer.get().embeddedJdbcUrl().orElseThrow(),
                "DATABASE_USER",
                "postgres",
                "DEMO_DATA",
                "false",
                "DEMO_CALLS",
                "off"));
    env.putAll(settings);
    return Server.start(AppConfig.fromEnvironment(env));
  }
}
