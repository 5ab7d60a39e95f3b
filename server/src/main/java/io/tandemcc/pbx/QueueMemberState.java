package io.tandemcc.pbx;

import java.util.Objects;

/**
 * A snapshot of one queue membership.
 *
 * @param memberName the display name given at check-in ({@code ""} if none)
 * @param pausedReason the reason given with the last pause ({@code ""} if none)
 * @param inCall whether the member is currently on a call of this queue
 */
public record QueueMemberState(
    QueueRef queue,
    AgentEndpoint agent,
    String memberName,
    MemberStatus status,
    boolean paused,
    String pausedReason,
    boolean inCall,
    int callsTaken) {

  public QueueMemberState {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(status, "status");
    memberName = Objects.requireNonNullElse(memberName, "");
    pausedReason = Objects.requireNonNullElse(pausedReason, "");
    if (!queue.tenant().equals(agent.tenant())) {
      throw new IllegalArgumentException(
          "member " + agent + " is not of the tenant of queue " + queue);
    }
  }
}
