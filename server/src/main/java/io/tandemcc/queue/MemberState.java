package io.tandemcc.queue;

import io.tandemcc.agent.AgentState;

/**
 * What an agent's membership of its queues must be, derived from its state alone: Ready takes queue
 * calls; Not Ready, Wrap-up and Pending Not Ready are paused with a reason; a logged-out agent
 * leaves its queues, except a fixed (static) member, which stays in them, paused.
 */
public record MemberState(boolean member, boolean paused, String reason) {
  static final MemberState ABSENT = new MemberState(false, false, "");

  public static MemberState of(AgentState s, boolean staticMember) {
    switch (s.status()) {
      case LOGGED_OUT:
        return staticMember ? new MemberState(true, true, "Logged out") : ABSENT;
      case READY:
        return new MemberState(true, false, "");
      case NOT_READY:
        return new MemberState(true, true, s.reason().label());
      case WRAPUP:
        return new MemberState(true, true, "Wrap-up");
      case PENDING_NOT_READY:
        return new MemberState(true, true, "Pending: " + s.reason().label());
      default:
        throw new IllegalStateException("unknown status " + s.status());
    }
  }
}
