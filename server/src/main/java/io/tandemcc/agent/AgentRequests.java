package io.tandemcc.agent;

import io.tandemcc.agent.Decision.Accepted;
import io.tandemcc.agent.Decision.Rejected;
import io.tandemcc.agent.Effect.CancelWrapupTimer;
import java.time.Instant;

/**
 * The agent's own requests. Asking for what the agent already has is an accepted no-op, so several
 * tabs of the same agent never get errors for racing each other.
 */
final class AgentRequests {
  private AgentRequests() {}

  static Decision login(AgentState state, Instant now) {
    if (state.loggedIn()) {
      return Accepted.unchanged(state);
    }
    return Accepted.of(state, state.next(AgentStatus.NOT_READY, Reason.LOGIN, null, null, now));
  }

  static Decision logout(AgentState state, Instant now) {
    if (!state.loggedIn()) {
      return Accepted.unchanged(state);
    }
    if (state.onCall()) {
      return new Rejected(
          Rejected.AGENT_ON_CALL,
          "You cannot log out during a call. Log out when the call has ended.");
    }
    AgentState out = AgentState.loggedOut(now);
    return state.inWrapup()
        ? Accepted.of(state, out, new CancelWrapupTimer())
        : Accepted.of(state, out);
  }

  static Decision ready(AgentState state, AgentPolicy policy, Instant now) {
    return switch (state.status()) {
      case LOGGED_OUT -> loggedOut();
      case READY -> Accepted.unchanged(state);
      case NOT_READY -> Accepted.of(state, state.toReady(now));
      case WRAPUP -> Wrapup.endEarly(state, policy, now);
      case PENDING_NOT_READY -> Accepted.of(state, cancelPending(state, now));
    };
  }

  static Decision notReady(AgentState state, Reason reason, Instant now) {
    return switch (state.status()) {
      case LOGGED_OUT -> loggedOut();
      case READY ->
          Accepted.of(
              state,
              state.onCall()
                  ? state.toPendingNotReady(reason, now)
                  : state.toNotReady(reason, now));
      case NOT_READY -> Accepted.of(state, state.toNotReady(reason, now));
      case WRAPUP, PENDING_NOT_READY -> Accepted.of(state, state.toPendingNotReady(reason, now));
    };
  }

  static Decision endWrapup(AgentState state, AgentPolicy policy, Instant now) {
    if (!state.loggedIn()) {
      return loggedOut();
    }
    if (!state.inWrapup()) {
      return new Rejected(Rejected.NOT_IN_WRAPUP, "You are not in wrap-up.");
    }
    return Wrapup.endEarly(state, policy, now);
  }

  /**
   * Ready while a Not Ready is pending: forget the pending request and go back to what it was
   * waiting in.
   */
  private static AgentState cancelPending(AgentState state, Instant now) {
    if (state.inWrapup()) {
      return state.next(AgentStatus.WRAPUP, null, state.wrapupEndsAt(), null, now);
    }
    return state.toReady(now);
  }

  private static Rejected loggedOut() {
    return new Rejected(Rejected.AGENT_LOGGED_OUT, "You are logged out. Log in first.");
  }
}
