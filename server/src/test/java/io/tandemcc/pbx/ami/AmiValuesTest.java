package io.tandemcc.pbx.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.AgentEndpoint;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reading Asterisk's spelling of names and values")
class AmiValuesTest {

  @Test
  void channelVariableValuesHaveTheirCEscapingUndone() {
    assertThat(ChannelVars.unescape("IVR said \\\"option 2\\\""))
        .isEqualTo("IVR said \"option 2\"");
    assertThat(ChannelVars.unescape("https://crm.example.com/tickets\\?id=4711&src=ivr"))
        .isEqualTo("https://crm.example.com/tickets?id=4711&src=ivr");
    assertThat(ChannelVars.unescape("a\\\\b\\tc\\nd")).isEqualTo("a\\b\tc\nd");
    assertThat(ChannelVars.unescape("Zoë Müller")).isEqualTo("Zoë Müller");
    assertThat(ChannelVars.unescape("trailing\\")).isEqualTo("trailing\\");
    assertThat(ChannelVars.unescape(null)).isEmpty();
  }

  @Test
  void inheritedVariableNamesLoseTheirUnderscores() {
    assertThat(ChannelVars.plainName("__CC_VAR1")).isEqualTo("CC_VAR1");
    assertThat(ChannelVars.plainName("_CC_TENANT")).isEqualTo("CC_TENANT");
    assertThat(ChannelVars.plainName("CC_CALLID")).isEqualTo("CC_CALLID");
  }

  @Test
  void newerVariablesOverrideOlderOnesAndOnlyOursAreKept() {
    ChannelVars fromVarSet =
        ChannelVars.fromEvent(Map.of("CC_VAR1", "old", "CC_VAR2", "kept", "OTHER", "x"));
    ChannelVars fromEvent = ChannelVars.fromEvent(Map.of("CC_VAR1", "new", "CC_TENANT", "acme"));

    ChannelVars merged = fromVarSet.overriddenBy(fromEvent);

    assertThat(merged.attachedData()).containsExactly(Map.entry(1, "new"), Map.entry(2, "kept"));
    assertThat(merged.tenant()).contains("acme");
    assertThat(merged.callId()).isEmpty();
  }

  @Test
  void agentChannelsAndInterfacesNameTheirEndpoint() {
    AgentEndpoint alice = new AgentEndpoint("acme", "1001");
    assertThat(AmiNames.endpointOfChannel("PJSIP/acme-1001-00000001")).contains(alice);
    assertThat(AmiNames.endpointOfChannel("PJSIP/acme-1001-0000002a")).contains(alice);
    assertThat(AmiNames.endpointOfInterface("PJSIP/acme-1001")).contains(alice);
    assertThat(AmiNames.interfaceOf(alice)).isEqualTo("PJSIP/acme-1001");
  }

  @Test
  void trunksLocalChannelsAndOtherTechnologiesAreNotEndpoints() {
    assertThat(AmiNames.endpointOfChannel("PJSIP/pstn-00000000")).isEmpty();
    assertThat(AmiNames.endpointOfChannel("Local/1002@acme-agents-00000000;2")).isEmpty();
    assertThat(AmiNames.endpointOfChannel("SIP/acme-1001-00000001")).isEmpty();
    assertThat(AmiNames.endpointOfChannel("PJSIP/acme-1001"))
        .as("an interface is not a channel")
        .isEmpty();
    assertThat(AmiNames.endpointOfInterface("Local/1001@acme-agents")).isEmpty();
    assertThat(AmiNames.endpointOfChannel(null)).isEmpty();
  }

  @Test
  void coreShowChannelDurationsAreHoursMinutesSeconds() {
    assertThat(EndpointEventMapper.duration("01:02:03")).isEqualTo(Duration.ofSeconds(3723));
    assertThat(EndpointEventMapper.duration("42")).isEqualTo(Duration.ofSeconds(42));
    assertThat(EndpointEventMapper.duration("soon")).isEqualTo(Duration.ZERO);
    assertThat(EndpointEventMapper.duration(null)).isEqualTo(Duration.ZERO);
  }

  @Test
  void reconnectDelaysDoubleUpToTheCap() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(3));
    assertThat(
            new long[] {
              backoff.nextDelayMillis(),
              backoff.nextDelayMillis(),
              backoff.nextDelayMillis(),
              backoff.nextDelayMillis(),
              backoff.nextDelayMillis()
            })
        .containsExactly(500, 1000, 2000, 3000, 3000);
    backoff.reset();
    assertThat(backoff.nextDelayMillis()).isEqualTo(500);
  }

  @Test
  void theConfigurationNeverShowsTheSecret() {
    AmiConfig config = AmiConfig.of("pbx1", "asterisk.local", 5038, "cc", "hunter2");
    assertThat(config.toString()).doesNotContain("hunter2").contains("****");
  }
}
