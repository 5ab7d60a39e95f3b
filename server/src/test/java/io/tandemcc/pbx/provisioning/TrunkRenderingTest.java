package io.tandemcc.pbx.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName(
    "A trunk set in the administration is rendered into pjsip_tenants.conf, and nothing can break out")
class TrunkRenderingTest {
  private static final String PASSWORD = "Pr0v1der!pass~x";

  private static TenantPbxModel tenant(TrunkConnection connection) {
    return new TenantPbxModel(
        "acme",
        List.of(new EndpointSpec("1001", "Alice")),
        List.of(),
        new OutboundRoute("acme-pstn", "+14155550100", List.of(), List.of(), connection));
  }

  private static ConfFile parsed(String pjsip, Path dir) throws Exception {
    Files.writeString(dir.resolve("pjsip.conf"), pjsip);
    return ConfFile.parse(dir, "pjsip.conf");
  }

  /**
   * The values of {@code key} in every section named {@code name} (a trunk has three: endpoint,
   * aor, identify).
   */
  private static List<String> all(ConfFile conf, String name, String key) {
    return conf.options.stream()
        .filter(o -> o.section() != null && o.section().name().equals(name) && o.key().equals(key))
        .map(ConfFile.Option::value)
        .toList();
  }

  @Test
  void withCredentialsTheTrunkGetsEndpointAorIdentifyAuthAndRegistration(@TempDir Path dir)
      throws Exception {
    String pjsip =
        PbxConfigRenderer.render(
                List.of(
                    tenant(new TrunkConnection("sip.provider.example", 5080, "acct-7", PASSWORD))))
            .pjsip();
    ConfFile conf = parsed(pjsip, dir);
    assertThat(conf.section("acme-pstn"))
        .hasValueSatisfying(
            s -> assertThat(s.templates()).containsExactly(PjsipRenderer.TRUNK_TEMPLATE));
    assertThat(conf.values("acme-pstn", "context")).containsExactly("acme-inbound");
    assertThat(conf.values("acme-pstn", "outbound_auth")).containsExactly("acme-pstn-auth");
    assertThat(all(conf, "acme-pstn", "contact")).containsExactly("sip:sip.provider.example:5080");
    assertThat(all(conf, "acme-pstn", "match")).containsExactly("sip.provider.example");
    assertThat(conf.values("acme-pstn-auth", "username")).containsExactly("acct-7");
    assertThat(conf.values("acme-pstn-auth", "password")).containsExactly(PASSWORD);
    assertThat(conf.values("acme-pstn-reg", "type")).containsExactly("registration");
    assertThat(all(conf, "acme-pstn", "type")).containsExactly("aor", "identify");
    assertThat(conf.values("acme-pstn-reg", "client_uri"))
        .containsExactly("sip:acct-7@sip.provider.example:5080");
    assertThat(conf.values("acme-pstn-reg", "server_uri"))
        .containsExactly("sip:sip.provider.example:5080");
    // the agent endpoint is still there, unchanged
    assertThat(conf.values("acme-1001", "aors")).containsExactly("acme-1001");
  }

  @Test
  void withoutUsernameTheTrunkIsIdentifiedByAddressOnlyAndWithoutHostItIsLeftToPjsipConf(
      @TempDir Path dir) throws Exception {
    ConfFile byAddress =
        parsed(
            PbxConfigRenderer.render(
                    List.of(tenant(new TrunkConnection("203.0.113.10", 5060, null, null))))
                .pjsip(),
            dir);
    assertThat(all(byAddress, "acme-pstn", "match")).containsExactly("203.0.113.10");
    assertThat(byAddress.section("acme-pstn-auth")).isEmpty();
    assertThat(byAddress.section("acme-pstn-reg")).isEmpty();
    String byHand = PbxConfigRenderer.render(List.of(tenant(null))).pjsip();
    assertThat(byHand).doesNotContain("[acme-pstn]");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pass\n[acme-1001]\ntype=endpoint",
        "pass;comment",
        "pass;--block",
        "a=b",
        "back\\slash",
        "with space",
        "quote\"d",
        "#include",
        "${ENV(X)}",
        "[section]",
        "tab\tbed",
        "cr\rlf",
        ""
      })
  void aPasswordThatCouldBreakTheLineIsRefusedAndNeverNamed(String password) {
    assertThatThrownBy(
            () ->
                PbxConfigRenderer.render(
                    List.of(
                        tenant(
                            new TrunkConnection("sip.provider.example", 5060, "acct", password)))))
        .isInstanceOf(PbxModelException.class)
        .hasMessageContaining("trunk password must be")
        .satisfies(
            e -> {
              if (password.length() > 3) {
                assertThat(e.getMessage()).doesNotContain(password);
              }
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "evil.example\nmatch=127.0.0.1",
        "127.0.0.1",
        "localhost",
        "0.0.0.0",
        "host;x",
        "a b",
        "[x]"
      })
  void aHostThatIsThisMachineOrBreaksTheLineIsRefused(String host) {
    assertThatThrownBy(
            () ->
                PbxConfigRenderer.render(
                    List.of(tenant(new TrunkConnection(host, 5060, null, null)))))
        .isInstanceOf(PbxModelException.class)
        .hasMessageContaining("trunk host");
  }

  @Test
  void aUsernameThatBreaksTheLineAPasswordWithoutUsernameAndABadPortAreRefused() {
    assertThatThrownBy(
            () ->
                PbxConfigRenderer.render(
                    List.of(
                        tenant(
                            new TrunkConnection("sip.example", 5060, "acct\nfoo=bar", PASSWORD)))))
        .hasMessageContaining("trunk username");
    assertThatThrownBy(
            () ->
                PbxConfigRenderer.render(
                    List.of(tenant(new TrunkConnection("sip.example", 5060, null, PASSWORD)))))
        .hasMessageContaining("needs a username")
        .hasMessageNotContaining(PASSWORD);
    assertThatThrownBy(
            () ->
                PbxConfigRenderer.render(
                    List.of(tenant(new TrunkConnection("sip.example", 70000, null, null)))))
        .hasMessageContaining("trunk port");
  }

  @Test
  void aTrunkNamedLikeAnAgentEndpointIsRefused() {
    TenantPbxModel clash =
        new TenantPbxModel(
            "acme",
            List.of(new EndpointSpec("1001", "Alice")),
            List.of(),
            new OutboundRoute(
                "acme-1001",
                null,
                List.of(),
                List.of(),
                new TrunkConnection("sip.example", 5060, null, null)));
    assertThatThrownBy(() -> PbxConfigRenderer.render(List.of(clash)))
        .hasMessageContaining("acme-1001");
  }

  @Test
  void theConnectionNeverPrintsItsPassword() {
    assertThat(new TrunkConnection("h.example", 5060, "u", PASSWORD).toString())
        .doesNotContain(PASSWORD);
  }
}
