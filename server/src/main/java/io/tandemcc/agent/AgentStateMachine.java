package io.tandemcc.agent;

import io.tandemcc.agent.AgentEvent.CallAnswered;
import io.tandemcc.agent.AgentEvent.CallDialing;
import io.tandemcc.agent.AgentEvent.CallEnded;
import io.tandemcc.agent.AgentEvent.CallHeld;
import io.tandemcc.agent.AgentEvent.CallNotAnswered;
import io.tandemcc.agent.AgentEvent.CallResumed;
import io.tandemcc.agent.AgentEvent.CallRinging;
import io.tandemcc.agent.AgentEvent.DispositionGiven;
import io.tandemcc.agent.AgentEvent.EndWrapupRequested;
import io.tandemcc.agent.AgentEvent.LoginRequested;
import io.tandemcc.agent.AgentEvent.LogoutRequested;
import io.tandemcc.agent.AgentEvent.NotReadyRequested;
import io.tandemcc.agent.AgentEvent.ReadyRequested;
import io.tandemcc.agent.AgentEvent.WrapupExpired;
import java.time.Instant;
import java.util.Objects;

/**
 * The agent state machine: {@code (state, event) -> decision (new state + effects)}. Stateless and
 * free of I/O; the owner of the state (one verticle) applies accepted states and carries out their
 * effects.
 *
 * <p>Requests are {@link Decision.Rejected rejected} when they cannot be honoured; call and timer
 * events are never rejected, only {@link Decision.Ignored ignored} when they do not apply. The
 * rules live in {@link AgentRequests}, {@link CallEvents} and {@link Wrapup}; this class only
 * dispatches.
 */
public final class AgentStateMachine {

  public Decision decide(AgentState state, AgentEvent event, AgentPolicy policy, Instant now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(now, "now");
    // One line per event type (Java 17 has no pattern matching for switch). The exhaustive test
    // checks that
    // every permitted AgentEvent subtype reaches a rule, so the final throw is unreachable.
    if (event instanceof LoginRequested) return AgentRequests.login(state, now);
    if (event instanceof LogoutRequested) return AgentRequests.logout(state, now);
    if (event instanceof ReadyRequested) return AgentRequests.ready(state, policy, now);
    if (event instanceof NotReadyRequested e) return AgentRequests.notReady(state, e.reason(), now);
    if (event instanceof EndWrapupRequested) return AgentRequests.endWrapup(state, policy, now);
    if (event instanceof CallRinging e)
      return CallEvents.offered(state, ActiveCall.ringing(e.callId(), e.kind(), now));
    if (event instanceof CallDialing e)
      return CallEvents.offered(state, ActiveCall.dialing(e.callId(), now));
    if (event instanceof CallAnswered e) return CallEvents.answered(state, e.callId(), now);
    if (event instanceof CallHeld e) return CallEvents.held(state, e.callId(), now);
    if (event instanceof CallResumed e) return CallEvents.resumed(state, e.callId(), now);
    if (event instanceof CallEnded e) return CallEvents.ended(state, e.callId(), policy, now);
    if (event instanceof CallNotAnswered e) return CallEvents.notAnswered(state, e.callId(), now);
    if (event instanceof DispositionGiven e) return Wrapup.dispositionGiven(state, e.callId(), now);
    if (event instanceof WrapupExpired e) return Wrapup.expired(state, e.endsAt(), now);
    throw new IllegalStateException("no rule for " + event.getClass().getName());
  }
}
