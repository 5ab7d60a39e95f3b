package io.tandemcc.pbx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Tenant-prefixed PBX names")
class PbxNamesTest {

  @Test
  void anEndpointNameCarriesTenantAndExtension() {
    assertThat(AgentEndpoint.parse("acme-1001")).contains(new AgentEndpoint("acme", "1001"));
    assertThat(new AgentEndpoint("acme", "1001").endpointName()).isEqualTo("acme-1001");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "pstn",
        "1001",
        "-1001",
        "acme-",
        "acme-support",
        "Acme-1001",
        "acme-10a1",
        "acme.x-1001"
      })
  void namesWithoutATenantPrefixAndNumericExtensionDoNotParseAsEndpoints(String name) {
    assertThat(AgentEndpoint.parse(name)).isEmpty();
  }

  @Test
  void aQueueNameCarriesTenantAndName() {
    assertThat(QueueRef.parse("acme-support")).contains(new QueueRef("acme", "support"));
    assertThat(QueueRef.parse("acme-tier-2")).contains(new QueueRef("acme", "tier-2"));
    assertThat(new QueueRef("acme", "support").pbxName()).isEqualTo("acme-support");
  }

  @ParameterizedTest
  @ValueSource(strings = {"support", "-support", "acme-", "ACME-support", "acme- space"})
  void queueNamesWithoutATenantPrefixDoNotParse(String name) {
    assertThat(QueueRef.parse(name)).isEmpty();
  }

  @Test
  void eventsRefuseToMixTenants() {
    QueueRef acmeSupport = new QueueRef("acme", "support");
    AgentEndpoint globexAgent = new AgentEndpoint("globex", "1001");
    assertThatThrownBy(() -> new PbxEvent.QueueMemberRemoved("acme", acmeSupport, globexAgent, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new QueueMemberState(
                    acmeSupport, globexAgent, "x", MemberStatus.FREE, false, "", false, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void attachedDataIsKeptInPositionOrderAndCannotBeChanged() {
    var offer =
        new PbxEvent.QueueCallOffered(
            "acme",
            new QueueRef("acme", "support"),
            "1.0",
            new AgentEndpoint("acme", "1001"),
            "1.1",
            null,
            null,
            Map.of(10, "j", 2, "b", 1, "a"));
    assertThat(offer.attachedData().keySet()).containsExactly(1, 2, 10);
    assertThat(offer.callerName()).isEmpty();
    assertThatThrownBy(() -> offer.attachedData().put(3, "c"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
