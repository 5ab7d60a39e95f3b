package io.tandemcc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.config.SipSettings;
import io.vertx.core.json.JsonArray;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ICE servers handed to the webphone")
class IceServersTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.ofEpochSecond(1_763_956_800L), ZoneOffset.UTC);

  private static SipSettings settings(List<String> stun, List<String> turn, String secret) {
    return new SipSettings(
        URI.create("ws://127.0.0.1:8088/ws"),
        "127.0.0.1",
        stun,
        turn,
        Optional.ofNullable(secret),
        Duration.ofHours(12));
  }

  @Test
  @DisplayName("the TURN credential is coturn's: base64(HMAC-SHA1(secret, '<expiry>:<user>'))")
  void coturnVector() {
    // echo -n "1764000000:acme-1001" | openssl dgst -sha1 -hmac "coturn-static-auth-secret" -binary
    // | base64
    assertThat(IceServers.turnCredential("coturn-static-auth-secret", "1764000000:acme-1001"))
        .isEqualTo("znpwUhoID191+KhHJLw6kbWdI9A=");
  }

  @Test
  @DisplayName(
      "STUN and TURN servers in RTCIceServer shape, the TURN username expiring after the TTL")
  void shape() {
    JsonArray servers =
        new IceServers(
                settings(
                    List.of("stun:stun.example:3478"),
                    List.of("turn:turn.example:3478?transport=udp", "turns:turn.example:5349"),
                    "coturn-static-auth-secret"),
                CLOCK)
            .forEndpoint("acme-1001");
    assertThat(servers.getJsonObject(0).getJsonArray("urls"))
        .containsExactly("stun:stun.example:3478");
    assertThat(servers.getJsonObject(1).getJsonArray("urls")).hasSize(2);
    assertThat(servers.getJsonObject(1).getString("username")).isEqualTo("1764000000:acme-1001");
    assertThat(servers.getJsonObject(1).getString("credential"))
        .isEqualTo("znpwUhoID191+KhHJLw6kbWdI9A=");
    assertThat(servers.encode()).doesNotContain("coturn-static-auth-secret");
  }

  @Test
  @DisplayName("no configured servers, no ICE servers")
  void none() {
    assertThat(new IceServers(settings(List.of(), List.of(), null), CLOCK).forEndpoint("acme-1001"))
        .isEmpty();
  }
}
