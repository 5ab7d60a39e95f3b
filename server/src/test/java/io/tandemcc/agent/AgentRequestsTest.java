package io.tandemcc.agent;

import static io.tandemcc.agent.Agent.BREAK;
import static io.tandemcc.agent.Agent.LUNCH;
import static io.tandemcc.agent.Agent.T0;
import static io.tandemcc.agent.Agent.WRAPUP_30S_AFTER_ANSWER;
import static io.tandemcc.agent.Agent.assertChanged;
import static io.tandemcc.agent.Agent.assertNoOp;
import static io.tandemcc.agent.Agent.assertRejected;
import static io.tandemcc.agent.Agent.seconds;
import static io.tandemcc.agent.AgentStatus.LOGGED_OUT;
import static io.tandemcc.agent.AgentStatus.NOT_READY;
import static io.tandemcc.agent.AgentStatus.PENDING_NOT_READY;
import static io.tandemcc.agent.AgentStatus.READY;
import static io.tandemcc.agent.AgentStatus.WRAPUP;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.Decision.Rejected;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AgentRequestsTest {

  @Nested
  class Login {
    @Test
    void login_makes_a_logged_out_agent_not_ready_with_the_login_reason() {
      Agent agent = Agent.loggedOut(WRAPUP_30S_AFTER_ANSWER);
      agent.after(seconds(5));
      assertChanged(agent.login());
      assertThat(agent.state())
          .isEqualTo(new AgentState(NOT_READY, Reason.LOGIN, T0.plusSeconds(5), null, null));
    }

    @Test
    void login_from_another_tab_while_logged_in_is_a_no_op() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      AgentState before = agent.state();
      assertNoOp(agent.after(seconds(3)).login(), before);
    }

    @Test
    void login_during_a_call_is_a_no_op_that_keeps_the_call() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      AgentState before = agent.state();
      assertNoOp(agent.login(), before);
    }
  }

  @Nested
  class Logout {
    @Test
    void logout_without_a_call_logs_the_agent_out() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.after(seconds(7));
      assertThat(assertChanged(agent.logout()).effects()).isEmpty();
      assertThat(agent.state()).isEqualTo(AgentState.loggedOut(T0.plusSeconds(7)));
    }

    @Test
    void logout_while_not_ready_logs_the_agent_out() {
      Agent agent = Agent.notReady(WRAPUP_30S_AFTER_ANSWER);
      assertChanged(agent.logout());
      assertThat(agent.status()).isEqualTo(LOGGED_OUT);
    }

    @Test
    void logout_while_logged_out_is_a_no_op() {
      Agent agent = Agent.loggedOut(WRAPUP_30S_AFTER_ANSWER);
      assertNoOp(agent.logout(), AgentState.loggedOut(T0));
    }

    @Test
    void logout_during_a_talking_call_is_rejected_as_agent_on_call() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      AgentState before = agent.state();
      assertRejected(agent.logout(), Rejected.AGENT_ON_CALL);
      assertThat(agent.state()).isEqualTo(before);
    }

    @Test
    void logout_while_a_call_rings_is_rejected_as_agent_on_call() {
      Agent agent = Agent.notReady(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.DIRECT);
      assertRejected(agent.logout(), Rejected.AGENT_ON_CALL);
    }

    @Test
    void logout_while_a_not_ready_is_pending_on_a_call_is_rejected_as_agent_on_call() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.dials("c1");
      agent.notReady(BREAK);
      assertRejected(agent.logout(), Rejected.AGENT_ON_CALL);
      assertThat(agent.status()).isEqualTo(PENDING_NOT_READY);
    }

    @Test
    void logout_during_wrap_up_is_allowed_and_cancels_the_wrap_up_timer() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      assertThat(agent.status()).isEqualTo(WRAPUP);
      assertThat(assertChanged(agent.logout()).effects())
          .containsExactly(new Effect.CancelWrapupTimer());
      assertThat(agent.status()).isEqualTo(LOGGED_OUT);
      assertThat(agent.wrapupTimer()).isEmpty();
    }

    @Test
    void logout_while_not_ready_is_pending_during_wrap_up_is_allowed_and_cancels_the_timer() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      agent.notReady(BREAK);
      assertThat(assertChanged(agent.logout()).effects())
          .containsExactly(new Effect.CancelWrapupTimer());
      assertThat(agent.state()).isEqualTo(AgentState.loggedOut(agent.now()));
    }
  }

  @Nested
  class When_logged_out {
    @Test
    void ready_is_rejected_as_agent_logged_out() {
      assertRejected(Agent.loggedOut(WRAPUP_30S_AFTER_ANSWER).ready(), Rejected.AGENT_LOGGED_OUT);
    }

    @Test
    void not_ready_is_rejected_as_agent_logged_out() {
      assertRejected(
          Agent.loggedOut(WRAPUP_30S_AFTER_ANSWER).notReady(BREAK), Rejected.AGENT_LOGGED_OUT);
    }

    @Test
    void end_wrap_up_is_rejected_as_agent_logged_out() {
      assertRejected(
          Agent.loggedOut(WRAPUP_30S_AFTER_ANSWER).endWrapup(), Rejected.AGENT_LOGGED_OUT);
    }

    @Test
    void a_rejected_request_leaves_the_agent_logged_out() {
      Agent agent = Agent.loggedOut(WRAPUP_30S_AFTER_ANSWER);
      agent.ready();
      assertThat(agent.state()).isEqualTo(AgentState.loggedOut(T0));
    }
  }

  @Nested
  class Ready_and_not_ready_without_a_call {
    @Test
    void ready_makes_a_not_ready_agent_ready_and_resets_time_in_state() {
      Agent agent = Agent.notReady(WRAPUP_30S_AFTER_ANSWER);
      agent.after(seconds(10));
      assertThat(assertChanged(agent.ready()).effects()).isEmpty();
      assertThat(agent.state())
          .isEqualTo(new AgentState(READY, null, T0.plusSeconds(10), null, null));
    }

    @Test
    void not_ready_makes_a_ready_agent_not_ready_with_the_reason() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.after(seconds(10));
      assertChanged(agent.notReady(BREAK));
      assertThat(agent.state())
          .isEqualTo(new AgentState(NOT_READY, BREAK, T0.plusSeconds(10), null, null));
    }

    @Test
    void not_ready_with_another_reason_changes_the_reason_and_resets_time_in_state() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.notReady(BREAK);
      agent.after(seconds(60));
      assertChanged(agent.notReady(LUNCH));
      assertThat(agent.state())
          .isEqualTo(new AgentState(NOT_READY, LUNCH, T0.plusSeconds(60), null, null));
    }

    @Test
    void ready_while_ready_is_a_no_op_so_two_tabs_clicking_at_once_never_error() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      AgentState before = agent.state();
      assertNoOp(agent.after(seconds(1)).ready(), before);
    }

    @Test
    void not_ready_with_the_current_reason_is_a_no_op_that_keeps_time_in_state() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.notReady(BREAK);
      AgentState before = agent.state();
      assertNoOp(agent.after(seconds(1)).notReady(BREAK), before);
    }

    @Test
    void end_wrap_up_outside_wrap_up_is_rejected_as_not_in_wrapup() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      assertRejected(agent.endWrapup(), Rejected.NOT_IN_WRAPUP);
      agent.notReady(BREAK);
      assertRejected(agent.endWrapup(), Rejected.NOT_IN_WRAPUP);
    }
  }

  @Nested
  class Ready_and_not_ready_during_a_call {
    @Test
    void not_ready_while_ready_on_a_call_becomes_pending_and_keeps_the_call() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.DIRECT);
      agent.answered("c1");
      ActiveCall call = agent.state().call();
      agent.after(seconds(4));
      assertThat(assertChanged(agent.notReady(BREAK)).effects()).isEmpty();
      assertThat(agent.state())
          .isEqualTo(new AgentState(PENDING_NOT_READY, BREAK, T0.plusSeconds(4), null, call));
    }

    @Test
    void not_ready_while_a_call_is_still_ringing_also_becomes_pending() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.notReady(BREAK);
      assertThat(agent.status()).isEqualTo(PENDING_NOT_READY);
      assertThat(agent.state().call().state()).isEqualTo(CallState.RINGING);
    }

    @Test
    void not_ready_while_not_ready_on_an_outbound_call_just_changes_the_reason() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.notReady(BREAK);
      agent.dials("c1");
      agent.answered("c1");
      agent.after(seconds(9));
      assertChanged(agent.notReady(LUNCH));
      assertThat(agent.state().status()).isEqualTo(NOT_READY);
      assertThat(agent.state().reason()).isEqualTo(LUNCH);
      assertThat(agent.state().since()).isEqualTo(T0.plusSeconds(9));
      assertThat(agent.state().call().callId()).isEqualTo("c1");
    }

    @Test
    void ready_while_not_ready_on_a_call_makes_the_agent_ready_and_keeps_the_call() {
      Agent agent = Agent.notReady(WRAPUP_30S_AFTER_ANSWER);
      agent.dials("c1");
      ActiveCall call = agent.state().call();
      agent.after(seconds(2));
      assertChanged(agent.ready());
      assertThat(agent.state())
          .isEqualTo(new AgentState(READY, null, T0.plusSeconds(2), null, call));
    }

    @Test
    void ready_while_ready_on_a_call_is_a_no_op() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      AgentState before = agent.state();
      assertNoOp(agent.ready(), before);
    }

    @Test
    void ready_while_not_ready_is_pending_on_a_call_cancels_the_pending_request() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      agent.notReady(BREAK);
      ActiveCall call = agent.state().call();
      agent.after(seconds(3));
      assertChanged(agent.ready());
      assertThat(agent.state()).isEqualTo(new AgentState(READY, null, agent.now(), null, call));
    }

    @Test
    void a_cancelled_pending_not_ready_is_not_applied_when_the_call_ends() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.DIRECT);
      agent.answered("c1");
      agent.notReady(BREAK);
      agent.ready();
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(READY);
      assertThat(agent.state().call()).isNull();
    }

    @Test
    void not_ready_with_another_reason_while_pending_changes_the_pending_reason() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      agent.notReady(BREAK);
      AgentState pending = agent.state();
      assertNoOp(agent.notReady(BREAK), pending);
      assertChanged(agent.notReady(LUNCH));
      assertThat(agent.state().status()).isEqualTo(PENDING_NOT_READY);
      assertThat(agent.state().reason()).isEqualTo(LUNCH);
    }

    @Test
    void end_wrap_up_during_a_call_is_rejected_as_not_in_wrapup() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      assertRejected(agent.endWrapup(), Rejected.NOT_IN_WRAPUP);
      agent.notReady(BREAK);
      assertRejected(agent.endWrapup(), Rejected.NOT_IN_WRAPUP);
    }
  }
}
