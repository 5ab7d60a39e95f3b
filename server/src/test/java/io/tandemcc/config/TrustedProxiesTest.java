package io.tandemcc.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The client address behind trusted reverse proxies")
class TrustedProxiesTest {
  private static TrustedProxies trusting(String list) {
    return AppConfig.fromEnvironment(Map.of("TRUSTED_PROXIES", list)).trustedProxies();
  }

  @Test
  @DisplayName(
      "with no trusted proxy, X-Forwarded-For is ignored: a client cannot choose its own source")
  void nothingTrustedByDefault() {
    TrustedProxies none = AppConfig.fromEnvironment(Map.of()).trustedProxies();
    assertThat(none.clientOf("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
  }

  @Test
  @DisplayName("a request from an untrusted peer keeps the peer's address whatever it claims")
  void untrustedPeer() {
    TrustedProxies p = trusting("10.0.0.0/8");
    assertThat(p.clientOf("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
  }

  @Test
  @DisplayName(
      "through a trusted proxy the client is the right-most address that is not a trusted proxy")
  void rightMostUntrusted() {
    TrustedProxies p = trusting("127.0.0.1, 10.0.0.0/8");
    // the client forged the first entry; the proxies appended the real hops
    assertThat(p.clientOf("127.0.0.1", List.of("1.2.3.4, 198.51.100.7, 10.1.2.3")))
        .isEqualTo("198.51.100.7");
    // several header lines count as one list, in order
    assertThat(p.clientOf("127.0.0.1", List.of("1.2.3.4", "198.51.100.8")))
        .isEqualTo("198.51.100.8");
  }

  @Test
  @DisplayName(
      "a trusted proxy without X-Forwarded-For, or only proxies in it, leaves the left-most address known")
  void onlyProxies() {
    TrustedProxies p = trusting("127.0.0.1,10.0.0.0/8");
    assertThat(p.clientOf("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
    assertThat(p.clientOf("127.0.0.1", List.of("10.0.0.5, 10.0.0.6"))).isEqualTo("10.0.0.5");
  }

  @Test
  @DisplayName("a malformed hop stops the walk at the last address known to be right")
  void malformedHop() {
    TrustedProxies p = trusting("127.0.0.1,10.0.0.0/8");
    assertThat(p.clientOf("127.0.0.1", List.of("198.51.100.7, unknown, 10.0.0.5")))
        .isEqualTo("10.0.0.5");
    assertThat(p.clientOf("127.0.0.1", List.of("198.51.100.7:4711"))).isEqualTo("127.0.0.1");
    assertThat(p.clientOf("127.0.0.1", List.of("198.51.100.0/24"))).isEqualTo("127.0.0.1");
    assertThat(p.clientOf("127.0.0.1", List.of(""))).isEqualTo("127.0.0.1");
  }

  @Test
  @DisplayName("IPv6 proxies and IPv4 peers seen as IPv4-mapped IPv6 addresses are recognised")
  void ipv6() {
    TrustedProxies p = trusting("::1, 192.168.0.0/16");
    assertThat(p.clientOf("0:0:0:0:0:0:0:1", List.of("2001:db8::7"))).isEqualTo("2001:db8::7");
    assertThat(p.clientOf("::ffff:192.168.1.1", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
  }

  @Test
  @DisplayName("a list entry that is no address or range stops the start, naming it")
  void badEntries() {
    assertThatThrownBy(
            () ->
                AppConfig.fromEnvironment(
                    Map.of("TRUSTED_PROXIES", "127.0.0.1, proxy.local, 10.0.0.0/33")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(m -> m.contains("'proxy.local'"))
                    .anyMatch(m -> m.contains("'10.0.0.0/33'")));
  }
}
