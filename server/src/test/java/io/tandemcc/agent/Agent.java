package io.tandemcc.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.AgentEvent.CallAnswered;
import io.tandemcc.agent.AgentEvent.CallDialing;
import io.tandemcc.agent.AgentEvent.CallEnded;
import io.tandemcc.agent.AgentEvent.CallHeld;
import io.tandemcc.agent.AgentEvent.CallNotAnswered;
import io.tandemcc.agent.AgentEvent.CallResumed;
import io.tandemcc.agent.AgentEvent.CallRinging;
import io.tandemcc.agent.AgentEvent.EndWrapupRequested;
import io.tandemcc.agent.AgentEvent.LoginRequested;
import io.tandemcc.agent.AgentEvent.LogoutRequested;
import io.tandemcc.agent.AgentEvent.NotReadyRequested;
import io.tandemcc.agent.AgentEvent.ReadyRequested;
import io.tandemcc.agent.AgentEvent.WrapupExpired;
import io.tandemcc.agent.Decision.Accepted;
import io.tandemcc.agent.Decision.Ignored;
import io.tandemcc.agent.Decision.Rejected;
import io.tandemcc.agent.Effect.CancelWrapupTimer;
import io.tandemcc.agent.Effect.StartWrapupTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Drives the state machine the way its owner will: applies accepted states, keeps a virtual clock
 * and runs the wrap-up timer as the effects say. Tests read as a script of what the agent and the
 * PBX do.
 */
final class Agent {
  static final Instant T0 = Instant.parse("2025-01-06T09:00:00Z");
  static final Reason BREAK = new Reason("break", "Break");
  static final Reason LUNCH = new Reason("lunch", "Lunch");

  static final AgentPolicy WRAPUP_30S_AFTER_ANSWER =
      new AgentPolicy(AfterCallWork.AFTER_ANSWER, seconds(30), true);
  static final AgentPolicy WRAPUP_30S_AFTER_RING =
      new AgentPolicy(AfterCallWork.AFTER_RING, seconds(30), true);
  static final AgentPolicy WRAPUP_OFF = new AgentPolicy(AfterCallWork.OFF, seconds(30), true);
  static final AgentPolicy WRAPUP_0S =
      new AgentPolicy(AfterCallWork.AFTER_ANSWER, Duration.ZERO, true);
  static final AgentPolicy NO_EARLY_END =
      new AgentPolicy(AfterCallWork.AFTER_ANSWER, seconds(30), false);
  static final AgentPolicy DISPOSITION_REQUIRED =
      new AgentPolicy(AfterCallWork.AFTER_RING, seconds(30), true, true);

  private final AgentStateMachine machine = new AgentStateMachine();
  private final AgentPolicy policy;
  private AgentState state;
  private Instant now = T0;
  private Instant timerEndsAt;
  private Decision last;

  private Agent(AgentPolicy policy) {
    this.policy = policy;
    this.state = AgentState.loggedOut(T0);
  }

  static Agent loggedOut(AgentPolicy policy) {
    return new Agent(policy);
  }

  static Agent notReady(AgentPolicy policy) {
    Agent agent = new Agent(policy);
    agent.login();
    return agent;
  }

  static Agent ready(AgentPolicy policy) {
    Agent agent = notReady(policy);
    agent.ready();
    return agent;
  }

  static Duration seconds(long s) {
    return Duration.ofSeconds(s);
  }

  // --- what happens
  // -------------------------------------------------------------------------------------------

  Decision send(AgentEvent event) {
    last = machine.decide(state, event, policy, now);
    if (last instanceof Accepted accepted) {
      state = accepted.state();
      for (Effect effect : accepted.effects()) {
        if (effect instanceof StartWrapupTimer start) {
          assertThat(timerEndsAt).as("a wrap-up timer is started while none runs").isNull();
          timerEndsAt = start.endsAt();
        } else if (effect instanceof CancelWrapupTimer) {
          assertThat(timerEndsAt).as("only a running wrap-up timer is cancelled").isNotNull();
          timerEndsAt = null;
        }
      }
    }
    return last;
  }

  Agent after(Duration duration) {
    now = now.plus(duration);
    return this;
  }

  /** Lets the running wrap-up timer fire at its end time. */
  Decision wrapupTimerFires() {
    assertThat(timerEndsAt).as("a wrap-up timer is running").isNotNull();
    Instant endsAt = timerEndsAt;
    timerEndsAt = null;
    now = endsAt;
    return send(new WrapupExpired(endsAt));
  }

  Decision login() {
    return send(new LoginRequested());
  }

  Decision logout() {
    return send(new LogoutRequested());
  }

  Decision ready() {
    return send(new ReadyRequested());
  }

  Decision notReady(Reason reason) {
    return send(new NotReadyRequested(reason));
  }

  Decision endWrapup() {
    return send(new EndWrapupRequested());
  }

  Decision rings(String callId, CallKind kind) {
    return send(new CallRinging(callId, kind));
  }

  Decision dials(String callId) {
    return send(new CallDialing(callId));
  }

  Decision answered(String callId) {
    return send(new CallAnswered(callId));
  }

  Decision held(String callId) {
    return send(new CallHeld(callId));
  }

  Decision resumed(String callId) {
    return send(new CallResumed(callId));
  }

  Decision ended(String callId) {
    return send(new CallEnded(callId));
  }

  Decision dispositionGiven(String callId) {
    return send(new AgentEvent.DispositionGiven(callId));
  }

  Decision ringsOut(String callId) {
    return send(new CallNotAnswered(callId));
  }

  /** A queue call rings, is answered and ends. */
  Agent handlesQueueCall(String callId) {
    rings(callId, CallKind.QUEUE);
    answered(callId);
    ended(callId);
    return this;
  }

  // --- what we look at
  // ----------------------------------------------------------------------------------------

  AgentState state() {
    return state;
  }

  AgentStatus status() {
    return state.status();
  }

  Instant now() {
    return now;
  }

  Optional<Instant> wrapupTimer() {
    return Optional.ofNullable(timerEndsAt);
  }

  Decision last() {
    return last;
  }

  // --- assertions on decisions
  // --------------------------------------------------------------------------------

  static Accepted assertChanged(Decision decision) {
    assertThat(decision).isInstanceOf(Accepted.class);
    Accepted accepted = (Accepted) decision;
    assertThat(accepted.changed()).as("state changed").isTrue();
    return accepted;
  }

  static void assertNoOp(Decision decision, AgentState before) {
    assertThat(decision).isEqualTo(new Accepted(before, java.util.List.of(), false));
  }

  static void assertRejected(Decision decision, String code) {
    assertThat(decision).isInstanceOf(Rejected.class);
    assertThat(((Rejected) decision).code()).isEqualTo(code);
    assertThat(((Rejected) decision).message()).endsWith(".");
  }

  static void assertIgnored(Decision decision) {
    assertThat(decision).isInstanceOf(Ignored.class);
  }
}
