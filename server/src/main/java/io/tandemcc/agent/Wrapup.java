package io.tandemcc.agent;

import io.tandemcc.agent.Decision.Accepted;
import io.tandemcc.agent.Decision.Ignored;
import io.tandemcc.agent.Decision.Rejected;
import io.tandemcc.agent.Effect.CancelWrapupTimer;
import io.tandemcc.agent.Effect.StartWrapupTimer;
import java.time.Instant;

/**
 * Wrap-up (after-call work): how it starts after a queue call, ends on its timer, or ends early on
 * request. A Not Ready requested before or during wrap-up waits in PENDING_NOT_READY and applies
 * when wrap-up ends. When the tenant requires dispositions, the wrap-up after an answered call
 * waits for the call's disposition: neither the agent nor the timer ends it before; given after the
 * time is up, the disposition ends it at once.
 */
final class Wrapup {
  private Wrapup() {}

  /**
   * The call has ended and the policy asks for wrap-up. A pending Not Ready keeps waiting, now for
   * the wrap-up. An agent who was NOT_READY during the call (a queue call that reached them in a
   * race) wraps up too and then returns to the same Not Ready: wrap-up never turns a Not Ready
   * agent Ready.
   */
  static Decision start(AgentState state, AgentPolicy policy, Instant now) {
    Instant endsAt = now.plus(policy.wrapup());
    AgentState next =
        state.status() == AgentStatus.READY
            ? state.next(AgentStatus.WRAPUP, null, endsAt, null, now)
            : state.next(AgentStatus.PENDING_NOT_READY, state.reason(), endsAt, null, now);
    if (policy.dispositionOwedFor(state.call())) {
      next = next.owingDisposition(state.call().callId());
    }
    return Accepted.of(state, next, new StartWrapupTimer(endsAt));
  }

  /** The timer fired. Only the timer of the running wrap-up counts; any other is stale. */
  static Decision expired(AgentState state, Instant endsAt, Instant now) {
    if (!endsAt.equals(state.wrapupEndsAt())) {
      return new Ignored(
          "stale wrap-up timer for "
              + endsAt
              + "; running wrap-up ends at "
              + state.wrapupEndsAt());
    }
    if (state.owesDisposition()) {
      return new Ignored(
          "wrap-up time is up; wrap-up ends when call "
              + state.dispositionOwed()
              + " has its disposition");
    }
    return Accepted.of(state, afterWrapup(state, now));
  }

  /**
   * The disposition of a call was given. During that call, the call remembers it. For the call a
   * wrap-up waits for, the wait is over: the wrap-up ends now if its time is up, else it runs on to
   * its end.
   */
  static Decision dispositionGiven(AgentState state, String callId, Instant now) {
    if (state.isOnCall(callId)) {
      return Accepted.of(state, state.withCall(state.call().withDisposition()));
    }
    if (!callId.equals(state.dispositionOwed())) {
      return new Ignored("no wrap-up waits for the disposition of call " + callId);
    }
    if (now.isBefore(state.wrapupEndsAt())) {
      return Accepted.of(state, state.owingDisposition(null));
    }
    // the timer fired already (and was ignored while the disposition was owed): nothing to cancel
    return Accepted.of(state, afterWrapup(state, now));
  }

  /**
   * Ready or End Wrap-up during wrap-up: allowed only if the policy lets agents end wrap-up early.
   */
  static Decision endEarly(AgentState state, AgentPolicy policy, Instant now) {
    if (state.owesDisposition()) {
      return new Rejected(
          Rejected.DISPOSITION_REQUIRED,
          "Choose a disposition for the last call first; wrap-up ends once it has one.");
    }
    if (!policy.endWrapupEarlyAllowed()) {
      String then = state.status() == AgentStatus.WRAPUP ? "Ready" : "Not Ready";
      return new Rejected(
          Rejected.WRAPUP_IN_PROGRESS,
          "Wrap-up cannot be ended early. You will be " + then + " when it ends.");
    }
    return Accepted.of(state, afterWrapup(state, now), new CancelWrapupTimer());
  }

  /** WRAPUP becomes READY; a Not Ready pending during wrap-up becomes NOT_READY. */
  private static AgentState afterWrapup(AgentState state, Instant now) {
    return state.status() == AgentStatus.PENDING_NOT_READY
        ? state.next(AgentStatus.NOT_READY, state.reason(), null, null, now)
        : state.next(AgentStatus.READY, null, null, null, now);
  }
}
