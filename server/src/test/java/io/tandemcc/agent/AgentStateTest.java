package io.tandemcc.agent;

import static io.tandemcc.agent.Agent.BREAK;
import static io.tandemcc.agent.Agent.T0;
import static io.tandemcc.agent.AgentStatus.LOGGED_OUT;
import static io.tandemcc.agent.AgentStatus.NOT_READY;
import static io.tandemcc.agent.AgentStatus.PENDING_NOT_READY;
import static io.tandemcc.agent.AgentStatus.READY;
import static io.tandemcc.agent.AgentStatus.WRAPUP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandemcc.agent.Decision.Accepted;
import io.tandemcc.agent.Decision.Ignored;
import io.tandemcc.agent.Decision.Rejected;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AgentStateTest {
  static final Instant ENDS = T0.plusSeconds(30);
  static final ActiveCall TALKING =
      new ActiveCall("c1", CallKind.QUEUE, CallState.TALKING, T0, true);

  @Nested
  class Agent_state_invariants {
    @Test
    void a_logged_out_agent_has_no_reason_no_wrap_up_and_no_call() {
      AgentState state = AgentState.loggedOut(T0);
      assertThat(state).isEqualTo(new AgentState(LOGGED_OUT, null, T0, null, null));
      assertThat(state.loggedIn()).isFalse();
      assertThatThrownBy(() -> new AgentState(LOGGED_OUT, BREAK, T0, null, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new AgentState(LOGGED_OUT, null, T0, ENDS, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new AgentState(LOGGED_OUT, null, T0, null, TALKING))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void not_ready_and_pending_not_ready_need_a_reason() {
      assertThatThrownBy(() -> new AgentState(NOT_READY, null, T0, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("needs a reason");
      assertThatThrownBy(() -> new AgentState(PENDING_NOT_READY, null, T0, null, TALKING))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("needs a reason");
      assertThatCode(() -> new AgentState(NOT_READY, BREAK, T0, null, null))
          .doesNotThrowAnyException();
    }

    @Test
    void ready_and_wrap_up_cannot_have_a_reason() {
      assertThatThrownBy(() -> new AgentState(READY, BREAK, T0, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot have a reason");
      assertThatThrownBy(() -> new AgentState(WRAPUP, BREAK, T0, ENDS, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot have a reason");
    }

    @Test
    void wrap_up_needs_an_end_time_and_no_call() {
      assertThatCode(() -> new AgentState(WRAPUP, null, T0, ENDS, null)).doesNotThrowAnyException();
      assertThatThrownBy(() -> new AgentState(WRAPUP, null, T0, null, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new AgentState(WRAPUP, null, T0, ENDS, TALKING))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ready_and_not_ready_cannot_have_a_wrap_up_end_time() {
      assertThatThrownBy(() -> new AgentState(READY, null, T0, ENDS, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new AgentState(NOT_READY, BREAK, T0, ENDS, null))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void pending_not_ready_waits_for_either_a_call_or_a_wrap_up_but_not_both_and_not_neither() {
      assertThatCode(() -> new AgentState(PENDING_NOT_READY, BREAK, T0, null, TALKING))
          .doesNotThrowAnyException();
      assertThatCode(() -> new AgentState(PENDING_NOT_READY, BREAK, T0, ENDS, null))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> new AgentState(PENDING_NOT_READY, BREAK, T0, null, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new AgentState(PENDING_NOT_READY, BREAK, T0, ENDS, TALKING))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ready_and_not_ready_may_carry_a_call() {
      assertThat(new AgentState(READY, null, T0, null, TALKING).onCall()).isTrue();
      assertThat(new AgentState(NOT_READY, BREAK, T0, null, TALKING).isOnCall("c1")).isTrue();
      assertThat(new AgentState(NOT_READY, BREAK, T0, null, TALKING).isOnCall("c2")).isFalse();
    }

    @Test
    void status_and_since_are_required() {
      assertThatThrownBy(() -> new AgentState(null, null, T0, null, null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new AgentState(READY, null, null, null, null))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void in_wrap_up_covers_a_not_ready_pending_during_wrap_up() {
      assertThat(new AgentState(WRAPUP, null, T0, ENDS, null).inWrapup()).isTrue();
      assertThat(new AgentState(PENDING_NOT_READY, BREAK, T0, ENDS, null).inWrapup()).isTrue();
      assertThat(new AgentState(PENDING_NOT_READY, BREAK, T0, null, TALKING).inWrapup()).isFalse();
    }
  }

  @Nested
  class Calls_reasons_and_policies {
    @Test
    void a_call_is_answered_exactly_when_it_is_talking_or_held() {
      assertThatCode(() -> new ActiveCall("c1", CallKind.QUEUE, CallState.HELD, T0, true))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> new ActiveCall("c1", CallKind.QUEUE, CallState.TALKING, T0, false))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new ActiveCall("c1", CallKind.QUEUE, CallState.RINGING, T0, true))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void only_an_outbound_call_can_be_dialing() {
      assertThat(ActiveCall.dialing("c1", T0).kind()).isEqualTo(CallKind.OUTBOUND);
      assertThatThrownBy(() -> new ActiveCall("c1", CallKind.QUEUE, CallState.DIALING, T0, false))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_call_needs_a_non_blank_id() {
      assertThatThrownBy(() -> ActiveCall.ringing(" ", CallKind.DIRECT, T0))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new AgentEvent.CallEnded(""))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_reason_needs_a_non_blank_code_and_label() {
      assertThat(Reason.LOGIN).isEqualTo(new Reason("login", "Login"));
      assertThat(Reason.MISSED_CALL).isEqualTo(new Reason("missed-call", "Missed call"));
      assertThatThrownBy(() -> new Reason(" ", "Break"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Reason("break", ""))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Reason(null, "Break"))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void not_ready_cannot_be_requested_without_a_reason() {
      assertThatThrownBy(() -> new AgentEvent.NotReadyRequested(null))
          .isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_policy_cannot_have_a_negative_wrap_up() {
      assertThatThrownBy(
              () -> new AgentPolicy(AfterCallWork.AFTER_ANSWER, Duration.ofSeconds(-1), true))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Nested
  class Decisions {
    @Test
    void an_accepted_decision_is_a_no_op_exactly_when_the_state_is_unchanged() {
      AgentState before = AgentState.loggedOut(T0);
      AgentState after = new AgentState(NOT_READY, Reason.LOGIN, T0, null, null);
      assertThat(Accepted.of(before, before).changed()).isFalse();
      assertThat(Accepted.of(before, after).changed()).isTrue();
      assertThat(Accepted.unchanged(before)).isEqualTo(new Accepted(before, List.of(), false));
    }

    @Test
    void a_no_op_cannot_carry_effects() {
      assertThatThrownBy(
              () ->
                  new Accepted(
                      AgentState.loggedOut(T0), List.of(new Effect.CancelWrapupTimer()), false))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_rejection_code_must_be_kebab_case_and_come_with_a_message() {
      assertThatCode(() -> new Rejected("agent-on-call", "You are on a call."))
          .doesNotThrowAnyException();
      assertThatThrownBy(() -> new Rejected("AgentOnCall", "You are on a call."))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Rejected("agent_on_call", "You are on a call."))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new Rejected("agent-on-call", " "))
          .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_ignored_event_says_why() {
      assertThatThrownBy(() -> new Ignored("")).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
