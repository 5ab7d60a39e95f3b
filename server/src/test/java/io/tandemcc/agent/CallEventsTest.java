package io.tandemcc.agent;

import static io.tandemcc.agent.Agent.BREAK;
import static io.tandemcc.agent.Agent.T0;
import static io.tandemcc.agent.Agent.WRAPUP_30S_AFTER_ANSWER;
import static io.tandemcc.agent.Agent.WRAPUP_30S_AFTER_RING;
import static io.tandemcc.agent.Agent.assertChanged;
import static io.tandemcc.agent.Agent.assertIgnored;
import static io.tandemcc.agent.Agent.seconds;
import static io.tandemcc.agent.AgentStatus.NOT_READY;
import static io.tandemcc.agent.AgentStatus.PENDING_NOT_READY;
import static io.tandemcc.agent.AgentStatus.READY;
import static io.tandemcc.agent.AgentStatus.WRAPUP;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class CallEventsTest {

  @Nested
  class Ringing_and_dialing {
    @Test
    void a_queue_call_ringing_a_ready_agent_shows_as_ringing_without_changing_the_status() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      AgentState before = agent.state();
      agent.after(seconds(12));
      assertThat(assertChanged(agent.rings("c1", CallKind.QUEUE)).effects()).isEmpty();
      assertThat(agent.state())
          .isEqualTo(
              before.withCall(
                  new ActiveCall(
                      "c1", CallKind.QUEUE, CallState.RINGING, T0.plusSeconds(12), false)));
      assertThat(agent.state().since()).as("a ring keeps time in state").isEqualTo(before.since());
    }

    @Test
    void a_direct_call_rings_a_not_ready_agent_too() {
      Agent agent = Agent.notReady(WRAPUP_30S_AFTER_ANSWER);
      assertChanged(agent.rings("c1", CallKind.DIRECT));
      assertThat(agent.status()).isEqualTo(NOT_READY);
      assertThat(agent.state().reason()).isEqualTo(Reason.LOGIN);
      assertThat(agent.state().call().kind()).isEqualTo(CallKind.DIRECT);
    }

    @Test
    void dialing_out_shows_an_outbound_call_in_dialing_state() {
      Agent agent = Agent.notReady(WRAPUP_30S_AFTER_ANSWER);
      assertChanged(agent.dials("c1"));
      assertThat(agent.state().call())
          .isEqualTo(
              new ActiveCall("c1", CallKind.OUTBOUND, CallState.DIALING, agent.now(), false));
      assertThat(agent.status()).isEqualTo(NOT_READY);
    }

    @Test
    void a_call_ringing_a_logged_out_agent_is_ignored() {
      Agent agent = Agent.loggedOut(WRAPUP_30S_AFTER_ANSWER);
      assertIgnored(agent.rings("c1", CallKind.DIRECT));
      assertIgnored(agent.dials("c2"));
      assertThat(agent.state()).isEqualTo(AgentState.loggedOut(T0));
    }

    @Test
    void a_second_call_ringing_during_a_call_is_ignored_and_the_first_call_stays() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      AgentState before = agent.state();
      assertIgnored(agent.rings("c2", CallKind.DIRECT));
      assertIgnored(agent.dials("c3"));
      assertThat(agent.state()).isEqualTo(before);
    }

    @Test
    void a_repeated_ringing_event_for_the_current_call_is_ignored() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      AgentState before = agent.state();
      assertIgnored(agent.after(seconds(1)).rings("c1", CallKind.QUEUE));
      assertThat(agent.state()).isEqualTo(before);
    }
  }

  @Nested
  class Answer_hold_and_resume {
    @Test
    void answering_a_ringing_call_makes_it_talking_and_answered() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.after(seconds(4));
      assertChanged(agent.answered("c1"));
      assertThat(agent.state().call())
          .isEqualTo(
              new ActiveCall("c1", CallKind.QUEUE, CallState.TALKING, T0.plusSeconds(4), true));
      assertThat(agent.status()).isEqualTo(READY);
    }

    @Test
    void the_far_end_answering_an_outbound_dial_makes_it_talking() {
      Agent agent = Agent.notReady(WRAPUP_30S_AFTER_ANSWER);
      agent.dials("c1");
      assertChanged(agent.answered("c1"));
      assertThat(agent.state().call().state()).isEqualTo(CallState.TALKING);
      assertThat(agent.state().call().answered()).isTrue();
    }

    @Test
    void hold_and_resume_move_a_talking_call_to_held_and_back() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      AgentState talking = agent.state();
      agent.after(seconds(10));
      assertChanged(agent.held("c1"));
      assertThat(agent.state().call())
          .isEqualTo(
              new ActiveCall("c1", CallKind.QUEUE, CallState.HELD, T0.plusSeconds(10), true));
      agent.after(seconds(20));
      assertChanged(agent.resumed("c1"));
      assertThat(agent.state().call())
          .isEqualTo(
              new ActiveCall("c1", CallKind.QUEUE, CallState.TALKING, T0.plusSeconds(30), true));
      assertThat(agent.state().since())
          .as("hold and resume keep time in state")
          .isEqualTo(talking.since());
    }

    @Test
    void a_held_call_that_ends_still_wraps_up() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      agent.held("c1");
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(WRAPUP);
    }

    @Test
    void answering_a_call_that_is_already_talking_is_ignored() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      AgentState before = agent.state();
      assertIgnored(agent.answered("c1"));
      agent.held("c1");
      assertIgnored(agent.answered("c1"));
      assertThat(agent.state().call().state()).isEqualTo(CallState.HELD);
      assertThat(before.call().state()).isEqualTo(CallState.TALKING);
    }

    @Test
    void holding_a_call_that_is_not_talking_is_ignored() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      assertIgnored(agent.held("c1"));
      agent.answered("c1");
      agent.held("c1");
      assertIgnored(agent.held("c1"));
      assertThat(agent.state().call().state()).isEqualTo(CallState.HELD);
    }

    @Test
    void resuming_a_call_that_is_not_held_is_ignored() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.dials("c1");
      assertIgnored(agent.resumed("c1"));
      agent.answered("c1");
      assertIgnored(agent.resumed("c1"));
      assertThat(agent.state().call().state()).isEqualTo(CallState.TALKING);
    }

    @Test
    void events_for_another_call_id_are_ignored() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      AgentState ringing = agent.state();
      assertIgnored(agent.answered("other"));
      assertIgnored(agent.held("other"));
      assertIgnored(agent.resumed("other"));
      assertIgnored(agent.ended("other"));
      assertIgnored(agent.ringsOut("other"));
      assertThat(agent.state()).isEqualTo(ringing);
    }

    @Test
    void call_events_without_any_call_are_ignored() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      AgentState before = agent.state();
      assertIgnored(agent.answered("c1"));
      assertIgnored(agent.ended("c1"));
      assertIgnored(agent.ringsOut("c1"));
      assertThat(agent.state()).isEqualTo(before);
    }
  }

  @Nested
  class Calls_ending_without_wrap_up {
    @Test
    void a_ready_agent_stays_ready_after_a_direct_call_and_keeps_time_in_state() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      AgentState before = agent.state();
      agent.rings("c1", CallKind.DIRECT);
      agent.answered("c1");
      agent.after(seconds(60));
      assertThat(assertChanged(agent.ended("c1")).effects()).isEmpty();
      assertThat(agent.state()).isEqualTo(before);
    }

    @Test
    void a_not_ready_agent_stays_not_ready_after_an_outbound_call() {
      Agent agent = Agent.notReady(WRAPUP_30S_AFTER_ANSWER);
      agent.notReady(BREAK);
      AgentState before = agent.state();
      agent.dials("c1");
      agent.answered("c1");
      agent.ended("c1");
      assertThat(agent.state()).isEqualTo(before);
    }

    @Test
    void a_pending_not_ready_applies_when_a_call_without_wrap_up_ends() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.dials("c1");
      agent.answered("c1");
      agent.notReady(BREAK);
      agent.after(seconds(40));
      assertThat(assertChanged(agent.ended("c1")).effects()).isEmpty();
      assertThat(agent.state())
          .isEqualTo(new AgentState(NOT_READY, BREAK, agent.now(), null, null));
    }
  }

  @Nested
  class Abandoned_calls {
    @Test
    void a_caller_abandoning_while_it_rings_returns_a_ready_agent_to_ready() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      AgentState before = agent.state();
      agent.rings("c1", CallKind.QUEUE);
      assertChanged(agent.after(seconds(3)).ended("c1"));
      assertThat(agent.state()).isEqualTo(before);
    }

    @Test
    void a_caller_abandoning_a_direct_call_returns_a_not_ready_agent_to_not_ready() {
      Agent agent = Agent.notReady(WRAPUP_30S_AFTER_RING);
      AgentState before = agent.state();
      agent.rings("c1", CallKind.DIRECT);
      agent.ended("c1");
      assertThat(agent.state()).isEqualTo(before);
    }

    @Test
    void a_not_ready_requested_while_it_rang_applies_when_the_caller_abandons() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.notReady(BREAK);
      agent.after(seconds(2));
      assertChanged(agent.ended("c1"));
      assertThat(agent.state())
          .isEqualTo(new AgentState(NOT_READY, BREAK, agent.now(), null, null));
    }

    @Test
    void with_after_ring_a_not_ready_requested_while_it_rang_waits_for_the_wrap_up() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_RING);
      agent.rings("c1", CallKind.QUEUE);
      agent.notReady(BREAK);
      agent.ended("c1");
      assertThat(agent.state().status()).isEqualTo(PENDING_NOT_READY);
      assertThat(agent.state().wrapupEndsAt()).isEqualTo(agent.now().plusSeconds(30));
      agent.wrapupTimerFires();
      assertThat(agent.state())
          .isEqualTo(new AgentState(NOT_READY, BREAK, agent.now(), null, null));
    }
  }

  @Nested
  class Missed_calls {
    @Test
    void a_queue_call_that_rings_out_makes_a_ready_agent_not_ready_for_missed_call() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.after(seconds(15));
      assertThat(assertChanged(agent.ringsOut("c1")).effects()).isEmpty();
      assertThat(agent.state())
          .isEqualTo(new AgentState(NOT_READY, Reason.MISSED_CALL, agent.now(), null, null));
    }

    @ParameterizedTest(name = "with {0}, a missed queue call starts no wrap-up")
    @EnumSource(AfterCallWork.class)
    void a_missed_queue_call_never_starts_wrap_up(AfterCallWork afterCallWork) {
      Agent agent = Agent.ready(new AgentPolicy(afterCallWork, seconds(30), true));
      agent.rings("c1", CallKind.QUEUE);
      agent.ringsOut("c1");
      assertThat(agent.status()).isEqualTo(NOT_READY);
      assertThat(agent.wrapupTimer()).isEmpty();
    }

    @Test
    void a_missed_queue_call_overrides_a_pending_not_ready_reason() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.notReady(BREAK);
      agent.ringsOut("c1");
      assertThat(agent.state().status()).isEqualTo(NOT_READY);
      assertThat(agent.state().reason()).isEqualTo(Reason.MISSED_CALL);
    }

    @Test
    void a_direct_call_that_rings_out_just_clears_the_call() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      AgentState before = agent.state();
      agent.rings("c1", CallKind.DIRECT);
      assertChanged(agent.after(seconds(20)).ringsOut("c1"));
      assertThat(agent.state()).isEqualTo(before);
    }

    @Test
    void a_direct_call_that_rings_out_applies_a_pending_not_ready() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.DIRECT);
      agent.notReady(BREAK);
      agent.ringsOut("c1");
      assertThat(agent.state())
          .isEqualTo(new AgentState(NOT_READY, BREAK, agent.now(), null, null));
    }

    @Test
    void ring_no_answer_for_a_call_that_is_no_longer_ringing_is_ignored() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      AgentState talking = agent.state();
      assertIgnored(agent.ringsOut("c1"));
      assertThat(agent.state()).isEqualTo(talking);
    }

    @Test
    void ring_no_answer_for_an_outbound_dial_is_ignored_so_only_a_hang_up_ends_it() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.dials("c1");
      AgentState dialing = agent.state();
      assertIgnored(agent.ringsOut("c1"));
      assertThat(agent.state()).isEqualTo(dialing);
    }
  }
}
