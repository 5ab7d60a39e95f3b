package io.tandemcc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Configuration from the environment")
class AppConfigTest {

  @Test
  @DisplayName("development mode needs nothing and gives friendly defaults")
  void devDefaults() {
    AppConfig c = AppConfig.fromEnvironment(Map.of());
    assertThat(c.mode()).isEqualTo(AppConfig.Mode.DEV);
    assertThat(c.httpHost()).isEqualTo("127.0.0.1");
    assertThat(c.httpPort()).isEqualTo(8080);
    assertThat(c.database()).isEmpty();
    assertThat(c.demoData()).isTrue();
    assertThat(c.secureCookies()).isFalse();
  }

  @Test
  @DisplayName(
      "a dead browser: pings every 15 s and Not Ready after 20 s without a page by default, both settable")
  void presenceSettings() {
    assertThat(AppConfig.fromEnvironment(Map.of()).presence())
        .isEqualTo(
            new PresenceSettings(
                java.time.Duration.ofSeconds(15), java.time.Duration.ofSeconds(20)));
    assertThat(
            AppConfig.fromEnvironment(
                    Map.of("SOCKET_PING_SECONDS", "5", "DISCONNECTED_AFTER_SECONDS", "60"))
                .presence())
        .isEqualTo(
            new PresenceSettings(
                java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(60)));
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of("SOCKET_PING_SECONDS", "0", "DISCONNECTED_AFTER_SECONDS", "x")))
        .hasMessageContaining("SOCKET_PING_SECONDS")
        .hasMessageContaining("DISCONNECTED_AFTER_SECONDS");
  }

  @Test
  @DisplayName(
      "production mode refuses to start without a database and a JWT secret, listing every problem")
  void prodNeedsRealSecrets() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("CC_MODE", "prod")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.contains("DATABASE_URL"))
                    .anyMatch(p -> p.contains("JWT_SECRET"))
                    .anyMatch(p -> p.contains("SIP_UPSTREAM_SECRET"))
                    .anyMatch(p -> p.contains("AMI_HOST")));
  }

  @Test
  @DisplayName("SIP_UPSTREAM_SECRET needs 32 characters, and no log line shows it")
  void sipUpstreamSecret() {
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("SIP_UPSTREAM_SECRET", "too-short")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.contains("SIP_UPSTREAM_SECRET must be at least 32")));
    String secret = "s".repeat(32);
    AppConfig c = AppConfig.fromEnvironment(Map.of("SIP_UPSTREAM_SECRET", secret));
    assertThat(c.sip().upstreamSecret()).hasValue(secret);
    assertThat(c.toString()).doesNotContain(secret);
    assertThat(AppConfig.fromEnvironment(Map.of()).sip().upstreamSecret())
        .as("dev: generated later")
        .isEmpty();
  }

  @Test
  @DisplayName(
      "the demo call simulator is on in development without a phone system, off with one, and can be switched")
  void demoCallsDefaults() {
    AppConfig none = AppConfig.fromEnvironment(Map.of());
    assertThat(none.demoCalls()).isTrue();
    assertThat(none.hasPhoneSystem()).isFalse();
    AppConfig ws = AppConfig.fromEnvironment(Map.of("ASTERISK_WS_URL", "ws://127.0.0.1:8088/ws"));
    assertThat(ws.demoCalls()).isFalse();
    assertThat(ws.hasPhoneSystem()).isTrue();
    AppConfig ami = AppConfig.fromEnvironment(Map.of("AMI_HOST", "127.0.0.1", "AMI_SECRET", "x"));
    assertThat(ami.demoCalls()).isFalse();
    assertThat(ami.hasPhoneSystem()).isTrue();
    assertThat(AppConfig.fromEnvironment(Map.of("DEMO_CALLS", "off")).demoCalls()).isFalse();
    assertThat(
            AppConfig.fromEnvironment(
                    Map.of("DEMO_CALLS", "on", "ASTERISK_WS_URL", "ws://127.0.0.1:1/ws"))
                .demoCalls())
        .isTrue();
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of("DEMO_CALLS", "on", "AMI_HOST", "127.0.0.1", "AMI_SECRET", "x")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).anyMatch(p -> p.contains("DEMO_CALLS")));
  }

  @Test
  @DisplayName("production mode refuses the demo call simulator")
  void prodRefusesDemoCalls() {
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of(
                        "CC_MODE",
                        "prod",
                        "DATABASE_URL",
                        "jdbc:postgresql://db/cc",
                        "JWT_SECRET",
                        "j".repeat(40),
                        "SIP_UPSTREAM_SECRET",
                        "s".repeat(40),
                        "DEMO_DATA",
                        "false",
                        "DEMO_CALLS",
                        "on")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.contains("DEMO_CALLS=on is refused in production mode")));
  }

  @Test
  @DisplayName("production mode refuses demo users, insecure cookies and a short secret")
  void prodRefusesDemoData() {
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of(
                        "CC_MODE",
                        "prod",
                        "DATABASE_URL",
                        "jdbc:postgresql://db/cc",
                        "JWT_SECRET",
                        "short",
                        "DEMO_DATA",
                        "true",
                        "SECURE_COOKIES",
                        "false")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.contains("DEMO_DATA"))
                    .anyMatch(p -> p.contains("SECURE_COOKIES"))
                    .anyMatch(p -> p.contains("at least 32")));
  }

  @Test
  @DisplayName(
      "production mode starts with real settings, defaulting to all interfaces and secure cookies")
  void prodWithSettings() {
    AppConfig c =
        AppConfig.fromEnvironment(
            Map.of(
                "CC_MODE",
                "prod",
                "DATABASE_URL",
                "postgres://cc:p%40ss@db.example:5433/tandem?sslmode=require",
                "JWT_SECRET",
                "x".repeat(40),
                "AMI_HOST",
                "127.0.0.1",
                "AMI_SECRET",
                "ami-secret",
                "SIP_UPSTREAM_SECRET",
                "u".repeat(40),
                "TLS_MODE",
                "off",
                "TRUSTED_PROXIES",
                "10.0.0.1"));
    assertThat(c.httpHost()).isEqualTo("0.0.0.0");
    assertThat(c.secureCookies()).isTrue();
    assertThat(c.demoData()).isFalse();
    AppConfig.DatabaseSettings db = c.database().orElseThrow();
    assertThat(db.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:5433/tandem?sslmode=require");
    assertThat(db.user()).isEqualTo("cc");
    assertThat(db.password()).isEqualTo("p@ss");
    assertThat(db.toString()).doesNotContain("p@ss");
    assertThat(c.toString())
        .doesNotContain("x".repeat(40))
        .doesNotContain("ami-secret")
        .doesNotContain("u".repeat(40));
    assertThat(c.ami().orElseThrow().port()).isEqualTo(5038);
  }

  @Test
  @DisplayName(
      "the configuration as logged names the database by host, port and name only: no credentials, no query")
  void databaseUrlIsLoggedWithoutCredentials() {
    for (String url :
        new String[] {
          "jdbc:postgresql://db.example:5433/tandem?user=cc&password=s3cr3t&sslmode=require",
          "jdbc:postgresql://cc:s3cr3t@db.example:5433/tandem",
          "postgres://cc:s3cr3t@db.example:5433/tandem?password=s3cr3t"
        }) {
      AppConfig c =
          AppConfig.fromEnvironment(
              Map.of(
                  "CC_MODE",
                  "prod",
                  "DATABASE_URL",
                  url,
                  "JWT_SECRET",
                  "x".repeat(40),
                  "AMI_HOST",
                  "127.0.0.1",
                  "AMI_SECRET",
                  "ami-secret",
                  "SIP_UPSTREAM_SECRET",
                  "s".repeat(40),
                  "TLS_MODE",
                  "off",
                  "TRUSTED_PROXIES",
                  "10.0.0.1"));
      assertThat(c.toString())
          .as(url)
          .contains("database=jdbc:postgresql://db.example:5433/tandem,")
          .doesNotContain("s3cr3t")
          .doesNotContain("password=");
      assertThat(c.database().orElseThrow().toString()).as(url).doesNotContain("s3cr3t");
    }
  }

  @Test
  @DisplayName("malformed values are reported by name")
  void badValues() {
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of(
                        "HTTP_PORT",
                        "eighty",
                        "CC_MODE",
                        "staging",
                        "DEMO_DATA",
                        "perhaps",
                        "DATABASE_URL",
                        "mysql://x")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("HTTP_PORT"))
                    .anyMatch(p -> p.startsWith("CC_MODE"))
                    .anyMatch(p -> p.startsWith("DEMO_DATA"))
                    .anyMatch(p -> p.startsWith("DATABASE_URL")));
  }

  @Test
  @DisplayName("PBX_CONFIG_DIR switches provisioning on; without it there is none")
  void pbxConfigDir() {
    assertThat(AppConfig.fromEnvironment(Map.of()).pbxConfigDir()).isEmpty();
    assertThat(
            AppConfig.fromEnvironment(Map.of("PBX_CONFIG_DIR", "/etc/asterisk/tandem"))
                .pbxConfigDir())
        .contains(java.nio.file.Path.of("/etc/asterisk/tandem"));
  }

  @Test
  @DisplayName(
      "metrics: on for the loopback by default; a bad address range and a short token are refused; the token is never shown")
  void metricsSettings() {
    AppConfig c = AppConfig.fromEnvironment(Map.of());
    assertThat(c.metrics().enabled()).isTrue();
    assertThat(c.metrics().allowedSources().contains("127.0.0.1")).isTrue();
    assertThat(c.metrics().allowedSources().contains("::1")).isTrue();
    assertThat(c.metrics().allowedSources().contains("192.168.1.5")).isFalse();
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of("METRICS_ALLOW", "10.0.0.0/8, nonsense", "METRICS_TOKEN", "short")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.contains("METRICS_ALLOW: 'nonsense'"))
                    .anyMatch(p -> p.contains("METRICS_TOKEN must be at least 32")));
    String token = "t".repeat(32);
    AppConfig withToken =
        AppConfig.fromEnvironment(Map.of("METRICS_TOKEN", token, "METRICS_ALLOW", "10.0.0.0/8"));
    assertThat(withToken.metrics().allowedSources().contains("::ffff:10.1.2.3"))
        .as("IPv4 through dual stack")
        .isTrue();
    assertThat(withToken.toString()).doesNotContain(token);
  }
}
