package io.tandemcc.agent;

import static io.tandemcc.agent.Agent.BREAK;
import static io.tandemcc.agent.Agent.DISPOSITION_REQUIRED;
import static io.tandemcc.agent.Agent.WRAPUP_30S_AFTER_RING;
import static io.tandemcc.agent.Agent.assertChanged;
import static io.tandemcc.agent.Agent.assertIgnored;
import static io.tandemcc.agent.Agent.assertRejected;
import static io.tandemcc.agent.Agent.seconds;
import static io.tandemcc.agent.AgentStatus.LOGGED_OUT;
import static io.tandemcc.agent.AgentStatus.NOT_READY;
import static io.tandemcc.agent.AgentStatus.PENDING_NOT_READY;
import static io.tandemcc.agent.AgentStatus.READY;
import static io.tandemcc.agent.AgentStatus.WRAPUP;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.Decision.Rejected;
import java.time.Duration;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DispositionRequiredTest {

  @Nested
  class Which_wrap_ups_wait {
    @Test
    void the_wrap_up_after_an_answered_queue_call_owes_that_calls_disposition() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED).handlesQueueCall("c1");
      assertThat(agent.status()).isEqualTo(WRAPUP);
      assertThat(agent.state().dispositionOwed()).isEqualTo("c1");
    }

    @Test
    void a_call_abandoned_while_ringing_owes_none_even_when_it_wraps_up() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED);
      agent.rings("c1", CallKind.QUEUE);
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(WRAPUP);
      assertThat(agent.state().dispositionOwed()).isNull();
    }

    @Test
    void a_disposition_given_during_the_call_is_remembered_and_the_wrap_up_owes_nothing() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      assertChanged(agent.dispositionGiven("c1"));
      assertThat(agent.state().call().dispositionGiven()).isTrue();
      agent.held("c1");
      assertThat(agent.state().call().dispositionGiven()).as("kept across call states").isTrue();
      agent.resumed("c1");
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(WRAPUP);
      assertThat(agent.state().dispositionOwed()).isNull();
      assertChanged(agent.ready());
    }

    @Test
    void without_the_requirement_nothing_is_owed() {
      Agent agent = Agent.ready(WRAPUP_30S_AFTER_RING).handlesQueueCall("c1");
      assertThat(agent.state().dispositionOwed()).isNull();
      assertChanged(agent.endWrapup());
    }

    @Test
    void an_agent_not_ready_during_the_call_owes_it_too_in_pending_not_ready() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED);
      agent.rings("c1", CallKind.QUEUE);
      agent.answered("c1");
      agent.notReady(BREAK);
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(PENDING_NOT_READY);
      assertThat(agent.state().dispositionOwed()).isEqualTo("c1");
    }
  }

  @Nested
  class Leaving_wrap_up {
    @Test
    void ready_and_end_wrap_up_are_refused_with_a_clear_reason_until_the_disposition_is_given() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED).handlesQueueCall("c1");
      AgentState before = agent.state();
      assertRejected(agent.ready(), Rejected.DISPOSITION_REQUIRED);
      assertThat(((Rejected) agent.last()).message()).contains("disposition");
      assertRejected(agent.endWrapup(), Rejected.DISPOSITION_REQUIRED);
      assertThat(agent.state()).isEqualTo(before);

      assertChanged(agent.dispositionGiven("c1"));
      assertThat(agent.status()).as("time is not up: wrap-up runs on").isEqualTo(WRAPUP);
      assertThat(agent.state().dispositionOwed()).isNull();
      assertChanged(agent.ready());
      assertThat(agent.status()).isEqualTo(READY);
      assertThat(agent.wrapupTimer()).isEmpty();
    }

    @Test
    void the_timer_does_not_end_wrap_up_before_the_disposition_which_then_ends_it_at_once() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED).handlesQueueCall("c1");
      assertIgnored(agent.wrapupTimerFires());
      assertThat(agent.status()).isEqualTo(WRAPUP);
      agent.after(seconds(20));
      assertRejected(agent.ready(), Rejected.DISPOSITION_REQUIRED);

      Decision given = agent.dispositionGiven("c1");
      assertThat(assertChanged(given).effects()).as("the timer fired already").isEmpty();
      assertThat(agent.status()).isEqualTo(READY);
      assertThat(agent.state().since()).isEqualTo(agent.now());
    }

    @Test
    void when_the_timer_ends_it_after_the_disposition_the_agent_is_ready_as_usual() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED).handlesQueueCall("c1");
      agent.after(seconds(10));
      agent.dispositionGiven("c1");
      assertChanged(agent.wrapupTimerFires());
      assertThat(agent.status()).isEqualTo(READY);
    }

    @Test
    void a_pending_not_ready_waits_for_the_disposition_too_and_then_applies() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED).handlesQueueCall("c1");
      agent.notReady(BREAK);
      assertThat(agent.status()).isEqualTo(PENDING_NOT_READY);
      assertThat(agent.state().dispositionOwed()).isEqualTo("c1");
      assertRejected(agent.endWrapup(), Rejected.DISPOSITION_REQUIRED);
      assertIgnored(agent.wrapupTimerFires());
      assertChanged(agent.dispositionGiven("c1"));
      assertThat(agent.status()).isEqualTo(NOT_READY);
      assertThat(agent.state().reason()).isEqualTo(BREAK);
    }

    @Test
    void ready_while_not_ready_is_pending_goes_back_to_wrap_up_which_still_owes_the_disposition() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED).handlesQueueCall("c1");
      agent.notReady(BREAK);
      assertChanged(agent.ready());
      assertThat(agent.status()).isEqualTo(WRAPUP);
      assertThat(agent.state().dispositionOwed()).isEqualTo("c1");
    }

    @Test
    void logging_out_is_still_possible_and_forgets_the_wrap_up() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED).handlesQueueCall("c1");
      assertChanged(agent.logout());
      assertThat(agent.status()).isEqualTo(LOGGED_OUT);
      assertThat(agent.state().dispositionOwed()).isNull();
    }
  }

  @Nested
  class Dispositions_that_do_not_apply {
    @Test
    void the_disposition_of_another_call_is_ignored_and_the_wrap_up_still_waits() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED).handlesQueueCall("c1");
      assertIgnored(agent.dispositionGiven("c0"));
      assertThat(agent.state().dispositionOwed()).isEqualTo("c1");
    }

    @Test
    void a_second_disposition_of_the_same_call_changes_nothing() {
      Agent agent = Agent.ready(DISPOSITION_REQUIRED).handlesQueueCall("c1");
      agent.dispositionGiven("c1");
      assertIgnored(agent.dispositionGiven("c1"));
      Agent onCall = Agent.ready(DISPOSITION_REQUIRED);
      onCall.rings("c2", CallKind.QUEUE);
      onCall.dispositionGiven("c2");
      Agent.assertNoOp(onCall.dispositionGiven("c2"), onCall.state());
    }

    @Test
    void a_disposition_when_no_wrap_up_waits_is_ignored() {
      Agent agent =
          Agent.notReady(new AgentPolicy(AfterCallWork.OFF, Duration.ofSeconds(30), true, true));
      agent.dials("c1");
      agent.answered("c1");
      agent.ended("c1");
      assertThat(agent.status()).isEqualTo(NOT_READY);
      assertIgnored(agent.dispositionGiven("c1"));
    }
  }
}
