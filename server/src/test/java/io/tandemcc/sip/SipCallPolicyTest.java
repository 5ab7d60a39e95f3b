package io.tandemcc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.agent.Reason;
import io.tandemcc.sip.SipCallPolicy.Refusal;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayName("The call policy")
class SipCallPolicyTest {
  private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");

  private static AgentState state(AgentStatus status) {
    Reason reason = new Reason("break", "Break");
    return switch (status) {
      case LOGGED_OUT -> AgentState.loggedOut(NOW);
      case READY -> new AgentState(status, null, NOW, null, null);
      case NOT_READY -> new AgentState(status, reason, NOW, null, null);
      case WRAPUP -> new AgentState(status, null, NOW, NOW.plusSeconds(30), null);
      case PENDING_NOT_READY -> new AgentState(status, reason, NOW, NOW.plusSeconds(30), null);
    };
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AgentStatus.class)
  @DisplayName("an outbound call is allowed only while the caller is Not Ready")
  void outbound(AgentStatus status) {
    assertThat(SipCallPolicy.outbound(state(status)))
        .isEqualTo(
            status == AgentStatus.NOT_READY
                ? java.util.Optional.empty()
                : java.util.Optional.of(new Refusal(403, "Outbound calls need Not Ready")));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(AgentStatus.class)
  @DisplayName("a call to a colleague is allowed only while the colleague is Ready")
  void colleague(AgentStatus status) {
    assertThat(SipCallPolicy.toColleague("1002", state(status)).isEmpty())
        .isEqualTo(status == AgentStatus.READY);
  }

  @Test
  @DisplayName(
      "a colleague who is Ready is still Ready while the proxy checks, call overlay or not")
  void readyIsReady() {
    assertThat(SipCallPolicy.toColleague("1002", state(AgentStatus.READY))).isEmpty();
    assertThat(SipCallPolicy.toColleague("1002", state(AgentStatus.LOGGED_OUT)))
        .contains(new Refusal(480, "Extension 1002 is not Ready"));
  }
}
