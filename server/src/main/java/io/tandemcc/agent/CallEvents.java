package io.tandemcc.agent;

import io.tandemcc.agent.Decision.Accepted;
import io.tandemcc.agent.Decision.Ignored;
import java.time.Instant;

/**
 * Call events move the call overlay ({@link AgentState#call()}); the status only changes when a
 * call ends or rings out. Events that do not fit the current call are ignored, never rejected: they
 * report what the PBX did.
 */
final class CallEvents {
  private CallEvents() {}

  /** A call starts ringing the agent or the agent starts dialling. The status does not change. */
  static Decision offered(AgentState state, ActiveCall call) {
    if (!state.loggedIn()) {
      return new Ignored("agent is logged out; call " + call.callId() + " is not tracked");
    }
    if (state.onCall()) {
      return new Ignored(
          state.isOnCall(call.callId())
              ? "call " + call.callId() + " is already known"
              : "agent is already on call "
                  + state.call().callId()
                  + "; call "
                  + call.callId()
                  + " is not tracked");
    }
    if (state.inWrapup()) {
      return new Ignored("agent is in wrap-up; call " + call.callId() + " is not tracked");
    }
    return Accepted.of(state, state.withCall(call));
  }

  static Decision answered(AgentState state, String callId, Instant now) {
    if (!state.isOnCall(callId)) {
      return notTheCurrentCall(state, callId);
    }
    CallState callState = state.call().state();
    if (callState != CallState.RINGING && callState != CallState.DIALING) {
      return new Ignored("call " + callId + " is already answered");
    }
    return Accepted.of(state, state.withCall(state.call().movedTo(CallState.TALKING, now)));
  }

  static Decision held(AgentState state, String callId, Instant now) {
    return move(state, callId, CallState.TALKING, CallState.HELD, now);
  }

  static Decision resumed(AgentState state, String callId, Instant now) {
    return move(state, callId, CallState.HELD, CallState.TALKING, now);
  }

  /**
   * Hang-up by either side, answered or not: wrap-up if the policy says so, else back to the
   * status.
   */
  static Decision ended(AgentState state, String callId, AgentPolicy policy, Instant now) {
    if (!state.isOnCall(callId)) {
      return notTheCurrentCall(state, callId);
    }
    if (policy.wrapupFollows(state.call())) {
      return Wrapup.start(state, policy, now);
    }
    return Accepted.of(state, withoutCall(state, now));
  }

  /**
   * The agent let the call ring out. A queue call makes the agent NOT_READY (missed call),
   * overriding a pending reason, so queues stop offering calls to someone who is away; other calls
   * just go away.
   */
  static Decision notAnswered(AgentState state, String callId, Instant now) {
    if (!state.isOnCall(callId)) {
      return notTheCurrentCall(state, callId);
    }
    if (state.call().state() != CallState.RINGING) {
      return new Ignored("call " + callId + " is " + state.call().state() + ", not ringing");
    }
    if (state.call().kind() == CallKind.QUEUE) {
      return Accepted.of(
          state, state.next(AgentStatus.NOT_READY, Reason.MISSED_CALL, null, null, now));
    }
    return Accepted.of(state, withoutCall(state, now));
  }

  /**
   * The call is gone without wrap-up: READY and NOT_READY stay; a pending Not Ready applies now.
   */
  private static AgentState withoutCall(AgentState state, Instant now) {
    if (state.status() == AgentStatus.PENDING_NOT_READY) {
      return state.next(AgentStatus.NOT_READY, state.reason(), null, null, now);
    }
    return state.withCall(null);
  }

  private static Decision move(
      AgentState state, String callId, CallState from, CallState to, Instant now) {
    if (!state.isOnCall(callId)) {
      return notTheCurrentCall(state, callId);
    }
    if (state.call().state() != from) {
      return new Ignored(
          "call " + callId + " is " + state.call().state() + ", cannot become " + to);
    }
    return Accepted.of(state, state.withCall(state.call().movedTo(to, now)));
  }

  private static Ignored notTheCurrentCall(AgentState state, String callId) {
    String current =
        state.onCall() ? "agent is on call " + state.call().callId() : "agent is on no call";
    return new Ignored(current + "; event for call " + callId + " does not apply");
  }
}
