package io.tandemcc.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A server in production mode (CC_MODE=prod) on the shared embedded PostgreSQL, its PBX
 * unreachable, every log line from its start to its stop captured: HSTS is sent, and no secret of
 * its configuration is ever logged (issue 13, item 8: the JDBC URL was logged whole, a {@code
 * ?password=} in it too).
 */
@DisplayName("The server in production mode")
class ProductionModeTest {
  private static final String DB_PASSWORD = "db-password-in-the-url-7f3a";
  private static final String JWT_SECRET = "jwt-secret-of-production-0123456789abcdef";
  private static final String AMI_SECRET = "ami-secret-of-production-5e1d";
  private static final String TURN_SECRET = "turn-secret-of-production-c0ffee";
  private static final String SIP_UPSTREAM_SECRET = "prod-sip-upstream-secret-" + "z".repeat(20);
  private static final List<String> SECRETS =
      List.of(DB_PASSWORD, JWT_SECRET, AMI_SECRET, TURN_SECRET, SIP_UPSTREAM_SECRET);
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static Server server;
  private static Api api;

  @BeforeAll
  static void start() throws Exception {
    String sharedUrl = TestServer.get().embeddedJdbcUrl().orElseThrow();
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    LOGS.start();
    root().addAppender(LOGS);
    // our own code at every level; the libraries at the levels the shipped logback.xml gives them
    ours().setLevel(ch.qos.logback.classic.Level.DEBUG);
    server =
        Server.start(
            AppConfig.fromEnvironment(
                Map.ofEntries(
                    Map.entry("CC_MODE", "prod"),
                    Map.entry("HTTP_HOST", "127.0.0.1"),
                    Map.entry("HTTP_PORT", "0"),
                    Map.entry("DATA_DIR", Files.createTempDirectory("tandemcc-prod").toString()),
                    // the embedded database trusts local connections: the password is only there to
                    // be leaked
                    Map.entry(
                        "DATABASE_URL",
                        sharedUrl
                            + (sharedUrl.contains("?") ? "&" : "?")
                            + "user=postgres&password="
                            + DB_PASSWORD),
                    Map.entry("JWT_SECRET", JWT_SECRET),
                    Map.entry("SIP_UPSTREAM_SECRET", SIP_UPSTREAM_SECRET),
                    Map.entry("AMI_HOST", "127.0.0.1"),
                    Map.entry("AMI_PORT", Integer.toString(closedPort)),
                    Map.entry("AMI_SECRET", AMI_SECRET),
                    Map.entry("STUN_URLS", TestServer.STUN_URL),
                    Map.entry("TURN_URLS", TestServer.TURN_URL),
                    Map.entry("TURN_SECRET", TURN_SECRET),
                    // TLS terminated by a reverse proxy on this machine (the test's clients speak
                    // plain HTTP)
                    Map.entry("TLS_MODE", "off"),
                    Map.entry("TRUSTED_PROXIES", "127.0.0.1"))));
    api = new Api(server.port());
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    root().detachAppender(LOGS);
    ours().setLevel(null);
  }

  @Test
  @DisplayName(
      "every response carries Strict-Transport-Security besides the other hardening headers")
  void strictTransportSecurity() {
    for (Response r : List.of(api.get("/api/health"), api.get("/api/agent/state"), api.get("/"))) {
      assertThat(r.raw().headers().firstValue("Strict-Transport-Security"))
          .as(r.raw().uri().toString())
          .hasValue(SecurityHeaders.STRICT_TRANSPORT_SECURITY);
      assertThat(r.raw().headers().firstValue("Content-Security-Policy")).isPresent();
    }
  }

  @Test
  @DisplayName(
      "no log line (ours at any level) and no exception holds the database password, the JWT, AMI or TURN "
          + "secret; the database is named by host and name only")
  void secretsAreNeverLogged() {
    api.post(
        "/api/login", "{\"username\":\"x\",\"password\":\"" + DB_PASSWORD + "\",\"domain\":\"z\"}");
    List<ILoggingEvent> lines = List.copyOf(LOGS.list);
    assertThat(lines).isNotEmpty();
    for (ILoggingEvent line : lines) {
      String text = line.getFormattedMessage() + " " + throwableText(line.getThrowableProxy());
      for (String secret : SECRETS) {
        assertThat(text).as(line.getLoggerName()).doesNotContain(secret);
      }
    }
    // ours names the database without the query (Flyway's "Database: …" line masks the password
    // itself)
    assertThat(lines)
        .filteredOn(l -> l.getFormattedMessage().startsWith("starting with"))
        .singleElement()
        .satisfies(
            l ->
                assertThat(l.getFormattedMessage())
                    .containsPattern("database=jdbc:postgresql://[^?,]+,"));
  }

  private static String throwableText(IThrowableProxy t) {
    StringBuilder text = new StringBuilder();
    for (; t != null; t = t.getCause()) {
      text.append(t.getClassName()).append(": ").append(t.getMessage()).append(' ');
    }
    return text.toString();
  }

  private static Logger ours() {
    return (Logger) LoggerFactory.getLogger("io.tandemcc");
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
