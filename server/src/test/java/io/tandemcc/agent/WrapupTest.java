package io.tandemcc.agent;

import static io.tandemcc.agent.Agent.BREAK;
import static io.tandemcc.agent.Agent.LUNCH;
import static io.tandemcc.agent.Agent.NO_EARLY_END;
import static io.tandemcc.agent.Agent.WRAPUP_0S;
import static io.tandemcc.agent.Agent.WRAPUP_30S_AFTER_ANSWER;
import static io.tandemcc.agent.Agent.WRAPUP_30S_AFTER_RING;
import static io.tandemcc.agent.Agent.WRAPUP_OFF;
import static io.tandemcc.agent.Agent.assertChanged;
import static io.tandemcc.agent.Agent.assertIgnored;
import static io.tandemcc.agent.Agent.assertNoOp;
import static io.tandemcc.agent.Agent.assertRejected;
import static io.tandemcc.agent.Agent.seconds;
import static io.tandemcc.agent.AgentStatus.NOT_READY;
import static io.tandemcc.agent.AgentStatus.PENDING_NOT_READY;
import static io.tandemcc.agent.AgentStatus.READY;
import static io.tandemcc.agent.AgentStatus.WRAPUP;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.AgentEvent.WrapupExpired;
import io.tandemcc.agent.Decision.Rejected;
import io.tandemcc.agent.Effect.CancelWrapupTimer;
import io.tandemcc.agent.Effect.StartWrapupTimer;
import java.time.Instant;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class WrapupTest {

  @Nested
  class Which_calls_wrap_up {
    @Test
    void an_answered_queue_call_ending_starts_wrap_up_with_a_timer_for_now_plus_the_wrap_up_time() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      agent.after(seconds(100));
      Instant endsAt = agent.now().plusSeconds(30);
      assertThat(assertChanged(agent.ended("c1")).effects())
          .containsExactly(new StartWrapupTimer(endsAt));
      assertThat(agent.state()).isEqualTo(new AgentState(WRAPUP, null, agent.now(), endsAt, null));
    }

    @Test
    void with_after_answer_an_abandoned_queue_call_does_not_wrap_up() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      AgentState before = agent.state();
      agent.rings("c1", CallKind.QUEUE);
      agent.after(seconds(5));
      assertThat(assertChanged(agent.ended("c1")).effects()).isEmpty();
      assertThat(agent.state()).isEqualTo(before);
    }

    @Test
    void with_after_ring_an_abandoned_queue_call_wraps_up() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_RING);
      agent.rings("c1", CallKind.QUEUE);
      agent.after(seconds(5));
      assertThat(assertChanged(agent.ended("c1")).effects())
          .containsExactly(new StartWrapupTimer(agent.now().plusSeconds(30)));
      assertThat(agent.status()).isEqualTo(WRAPUP);
    }

    @Test
    void with_after_ring_an_answered_queue_call_wraps_up_too() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_RING).handlesQueueCall("c1");
      assertThat(agent.status()).isEqualTo(WRAPUP);
      assertThat(agent.wrapupTimer()).contains(agent.now().plusSeconds(30));
    }

    @Test
    void with_after_call_work_off_an_answered_queue_call_does_not_wrap_up() {
      Agent agent = Agent.ready(WRAPUP_OFF).handlesQueueCall("c1");
      assertThat(agent.status()).isEqualTo(READY);
      assertThat(agent.wrapupTimer()).isEmpty();
    }

    @Test
    void with_after_call_work_off_an_abandoned_queue_call_does_not_wrap_up() {
      Agent agent = Agent.ready(WRAPUP_OFF);
      agent.rings("c1", CallKind.QUEUE);
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(READY);
    }

    @Test
    void with_a_wrap_up_time_of_zero_seconds_no_call_wraps_up() {
      Agent agent = Agent.ready(WRAPUP_0S).handlesQueueCall("c1");
      assertThat(agent.status()).isEqualTo(READY);
      assertThat(agent.wrapupTimer()).isEmpty();
    }

    @ParameterizedTest(name = "with {0}, an answered direct call never wraps up")
    @EnumSource(AfterCallWork.class)
    void an_answered_direct_call_never_wraps_up(AfterCallWork afterCallWork) {
      Agent agent = Agent.ready(new AgentPolicy(afterCallWork, seconds(30), true));
      agent.rings("c1", CallKind.DIRECT);
      agent.answered("c1");
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(READY);
      assertThat(agent.wrapupTimer()).isEmpty();
    }

    @ParameterizedTest(name = "with {0}, an unanswered direct call never wraps up")
    @EnumSource(AfterCallWork.class)
    void an_unanswered_direct_call_never_wraps_up(AfterCallWork afterCallWork) {
      Agent agent = Agent.notReady(new AgentPolicy(afterCallWork, seconds(30), true));
      agent.rings("c1", CallKind.DIRECT);
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(NOT_READY);
      assertThat(agent.wrapupTimer()).isEmpty();
    }

    @ParameterizedTest(name = "with {0}, an outbound call never wraps up")
    @EnumSource(AfterCallWork.class)
    void an_outbound_call_never_wraps_up(AfterCallWork afterCallWork) {
      Agent agent = Agent.ready(new AgentPolicy(afterCallWork, seconds(30), true));
      agent.dials("c1");
      agent.answered("c1");
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(READY);
      assertThat(agent.wrapupTimer()).isEmpty();
    }

    @Test
    void an_unanswered_outbound_dial_never_wraps_up() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_RING);
      agent.dials("c1");
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(READY);
      assertThat(agent.state().call()).isNull();
    }

    @Test
    void a_queue_call_that_reached_a_not_ready_agent_wraps_up_and_returns_to_the_same_not_ready() {
      Agent agent = Agent.notReady(WRAPUP_30S_AFTER_ANSWER);
      agent.notReady(BREAK);
      agent.handlesQueueCall("c1");
      assertThat(agent.state().status()).isEqualTo(PENDING_NOT_READY);
      assertThat(agent.state().reason()).isEqualTo(BREAK);
      agent.wrapupTimerFires();
      assertThat(agent.state().status()).isEqualTo(NOT_READY);
      assertThat(agent.state().reason()).isEqualTo(BREAK);
    }
  }

  @Nested
  class Wrap_up_timer {
    @Test
    void when_the_wrap_up_timer_fires_the_agent_becomes_ready() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      Instant endsAt = agent.state().wrapupEndsAt();
      assertThat(assertChanged(agent.wrapupTimerFires()).effects()).isEmpty();
      assertThat(agent.state()).isEqualTo(new AgentState(READY, null, endsAt, null, null));
    }

    @Test
    void a_stale_wrap_up_timer_is_ignored() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      AgentState before = agent.state();
      assertIgnored(agent.send(new WrapupExpired(before.wrapupEndsAt().minusSeconds(1))));
      assertThat(agent.state()).isEqualTo(before);
    }

    @Test
    void the_timer_of_an_earlier_wrap_up_ended_early_is_ignored_during_the_next_wrap_up() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      Instant firstEnd = agent.state().wrapupEndsAt();
      agent.endWrapup();
      agent.after(seconds(5)).handlesQueueCall("c2");
      AgentState secondWrapup = agent.state();
      assertThat(secondWrapup.wrapupEndsAt()).isAfter(firstEnd);
      assertIgnored(agent.send(new WrapupExpired(firstEnd)));
      assertThat(agent.state()).isEqualTo(secondWrapup);
    }

    @Test
    void a_wrap_up_timer_firing_when_no_wrap_up_runs_is_ignored() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      assertIgnored(agent.send(new WrapupExpired(agent.now())));
      assertIgnored(Agent.loggedOut(WRAPUP_30S_AFTER_ANSWER).send(new WrapupExpired(agent.now())));
    }
  }

  @Nested
  class Not_ready_and_wrap_up {
    @Test
    void not_ready_during_a_queue_call_becomes_pending_and_applies_after_wrap_up() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      agent.notReady(BREAK);
      AgentState pending = agent.state();

      assertThat(assertChanged(agent.after(seconds(20)).ended("c1")).effects())
          .containsExactly(new StartWrapupTimer(agent.now().plusSeconds(30)));
      assertThat(agent.state().status()).isEqualTo(PENDING_NOT_READY);
      assertThat(agent.state().reason()).isEqualTo(BREAK);
      assertThat(agent.state().since())
          .as("status and reason unchanged")
          .isEqualTo(pending.since());
      assertThat(agent.state().wrapupEndsAt()).isEqualTo(agent.now().plusSeconds(30));
      assertThat(agent.state().call()).isNull();

      assertChanged(agent.wrapupTimerFires());
      assertThat(agent.state())
          .isEqualTo(new AgentState(NOT_READY, BREAK, agent.now(), null, null));
    }

    @Test
    void not_ready_during_wrap_up_becomes_pending_and_the_timer_keeps_running() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      Instant endsAt = agent.state().wrapupEndsAt();
      agent.after(seconds(10));
      assertThat(assertChanged(agent.notReady(LUNCH)).effects()).isEmpty();
      assertThat(agent.state())
          .isEqualTo(new AgentState(PENDING_NOT_READY, LUNCH, agent.now(), endsAt, null));
      assertThat(agent.wrapupTimer()).contains(endsAt);
      agent.wrapupTimerFires();
      assertThat(agent.state()).isEqualTo(new AgentState(NOT_READY, LUNCH, endsAt, null, null));
    }

    @Test
    void not_ready_during_wrap_up_is_allowed_even_when_ending_wrap_up_early_is_not() {
      Agent agent = Agent.ready(NO_EARLY_END).handlesQueueCall("c1");
      assertChanged(agent.notReady(BREAK));
      assertThat(agent.status()).isEqualTo(PENDING_NOT_READY);
    }

    @Test
    void ready_while_not_ready_is_pending_during_wrap_up_returns_to_wrap_up_with_the_same_end() {
      Agent agent = Agent.ready(NO_EARLY_END).handlesQueueCall("c1");
      Instant endsAt = agent.state().wrapupEndsAt();
      agent.notReady(BREAK);
      agent.after(seconds(5));
      assertThat(assertChanged(agent.ready()).effects()).as("the timer keeps running").isEmpty();
      assertThat(agent.state()).isEqualTo(new AgentState(WRAPUP, null, agent.now(), endsAt, null));
      agent.wrapupTimerFires();
      assertThat(agent.status()).isEqualTo(READY);
    }

    @Test
    void not_ready_with_the_pending_reason_during_wrap_up_is_a_no_op() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      agent.notReady(BREAK);
      AgentState before = agent.state();
      assertNoOp(agent.after(seconds(1)).notReady(BREAK), before);
    }
  }

  @Nested
  class Ending_wrap_up_early {
    @Test
    void end_wrap_up_makes_the_agent_ready_early_and_cancels_the_timer_when_allowed() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      agent.after(seconds(8));
      assertThat(assertChanged(agent.endWrapup()).effects())
          .containsExactly(new CancelWrapupTimer());
      assertThat(agent.state()).isEqualTo(new AgentState(READY, null, agent.now(), null, null));
      assertThat(agent.wrapupTimer()).isEmpty();
    }

    @Test
    void ready_during_wrap_up_ends_it_early_and_cancels_the_timer_when_allowed() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      assertThat(assertChanged(agent.ready()).effects()).containsExactly(new CancelWrapupTimer());
      assertThat(agent.status()).isEqualTo(READY);
    }

    @Test
    void end_wrap_up_while_not_ready_is_pending_makes_the_agent_not_ready_early_when_allowed() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      agent.notReady(BREAK);
      agent.after(seconds(3));
      assertThat(assertChanged(agent.endWrapup()).effects())
          .containsExactly(new CancelWrapupTimer());
      assertThat(agent.state())
          .isEqualTo(new AgentState(NOT_READY, BREAK, agent.now(), null, null));
    }

    @Test
    void end_wrap_up_is_rejected_as_wrapup_in_progress_when_not_allowed() {
      Agent agent = Agent.ready(NO_EARLY_END).handlesQueueCall("c1");
      AgentState before = agent.state();
      assertRejected(agent.endWrapup(), Rejected.WRAPUP_IN_PROGRESS);
      assertThat(((Rejected) agent.last()).message()).contains("Ready when it ends");
      assertThat(agent.state()).isEqualTo(before);
      assertThat(agent.wrapupTimer()).contains(before.wrapupEndsAt());
    }

    @Test
    void ready_during_wrap_up_is_rejected_as_wrapup_in_progress_when_not_allowed() {
      Agent agent = Agent.ready(NO_EARLY_END).handlesQueueCall("c1");
      assertRejected(agent.ready(), Rejected.WRAPUP_IN_PROGRESS);
      assertThat(agent.status()).isEqualTo(WRAPUP);
    }

    @Test
    void end_wrap_up_while_not_ready_is_pending_is_rejected_when_not_allowed() {
      Agent agent = Agent.ready(NO_EARLY_END).handlesQueueCall("c1");
      agent.notReady(BREAK);
      assertRejected(agent.endWrapup(), Rejected.WRAPUP_IN_PROGRESS);
      assertThat(((Rejected) agent.last()).message()).contains("Not Ready when it ends");
      assertThat(agent.status()).isEqualTo(PENDING_NOT_READY);
    }

    @Test
    void the_timer_of_a_wrap_up_ended_early_is_ignored_if_it_fires_anyway() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      Instant endsAt = agent.state().wrapupEndsAt();
      agent.endWrapup();
      AgentState ready = agent.state();
      assertIgnored(agent.send(new WrapupExpired(endsAt)));
      assertThat(agent.state()).isEqualTo(ready);
    }
  }

  @Nested
  class Calls_during_wrap_up {
    @Test
    void a_call_ringing_during_wrap_up_is_ignored() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      AgentState before = agent.state();
      assertIgnored(agent.rings("c2", CallKind.DIRECT));
      assertIgnored(agent.dials("c3"));
      assertThat(agent.state()).isEqualTo(before);
    }

    @Test
    void late_events_of_the_call_that_just_ended_are_ignored_during_wrap_up() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_ANSWER).handlesQueueCall("c1");
      AgentState before = agent.state();
      assertIgnored(agent.ended("c1"));
      assertIgnored(agent.held("c1"));
      assertThat(agent.state()).isEqualTo(before);
    }
  }
}
