package io.tandemcc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SIP proxy configuration")
class SipSettingsTest {

  @Test
  @DisplayName("defaults to Asterisk's WebSocket on the loopback and no ICE servers")
  void defaults() {
    SipSettings sip = AppConfig.fromEnvironment(Map.of()).sip();
    assertThat(sip.asteriskWsUrl()).hasToString("ws://127.0.0.1:8088/ws");
    assertThat(sip.upstreamPort()).isEqualTo(8088);
    assertThat(sip.upstreamPath()).isEqualTo("/ws");
    assertThat(sip.upstreamTls()).isFalse();
    assertThat(sip.sipDomain()).isEqualTo("127.0.0.1");
    assertThat(sip.stunUrls()).isEmpty();
    assertThat(sip.turnUrls()).isEmpty();
    assertThat(sip.turnTtl().toHours()).isEqualTo(12);
  }

  @Test
  @DisplayName("reads lists of STUN and TURN URLs and keeps the TURN secret out of toString")
  void ice() {
    AppConfig c =
        AppConfig.fromEnvironment(
            Map.of(
                "ASTERISK_WS_URL",
                "wss://pbx.internal/ws",
                "SIP_DOMAIN",
                "sip.example.com",
                "STUN_URLS",
                "stun:a.example:3478, stun:b.example:3478",
                "TURN_URLS",
                "turns:turn.example:5349",
                "TURN_SECRET",
                "s3cr3t-s3cr3t-s3cr3t",
                "TURN_TTL_SECONDS",
                "3600"));
    SipSettings sip = c.sip();
    assertThat(sip.upstreamTls()).isTrue();
    assertThat(sip.upstreamPort()).isEqualTo(443);
    assertThat(sip.sipDomain()).isEqualTo("sip.example.com");
    assertThat(sip.stunUrls()).containsExactly("stun:a.example:3478", "stun:b.example:3478");
    assertThat(sip.turnSecret()).hasValue("s3cr3t-s3cr3t-s3cr3t");
    assertThat(c.toString()).doesNotContain("s3cr3t");
  }

  @Test
  @DisplayName("refuses a non-WebSocket upstream, bad ICE URLs, and TURN without its secret")
  void invalid() {
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of(
                        "ASTERISK_WS_URL",
                        "http://127.0.0.1:8088/ws",
                        "STUN_URLS",
                        "stun.example:3478",
                        "TURN_URLS",
                        "turn:turn.example",
                        "TURN_TTL_SECONDS",
                        "5")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("ASTERISK_WS_URL"))
                    .anyMatch(p -> p.startsWith("STUN_URLS"))
                    .anyMatch(p -> p.startsWith("TURN_SECRET is required"))
                    .anyMatch(p -> p.startsWith("TURN_TTL_SECONDS")));
  }
}
