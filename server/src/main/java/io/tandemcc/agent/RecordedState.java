package io.tandemcc.agent;

import java.time.Instant;

/**
 * An agent state as one history row holds it. {@code callState} is a {@link CallState} name or
 * "IDLE".
 */
public record RecordedState(
    AgentStatus status,
    Reason reason,
    Instant wrapupEndsAt,
    String callState,
    String callId,
    String dispositionOwed) {
  public static final String IDLE = "IDLE";

  public static RecordedState of(AgentState s) {
    return new RecordedState(
        s.status(),
        s.reason(),
        s.wrapupEndsAt(),
        s.call() == null ? IDLE : s.call().state().name(),
        s.call() == null ? null : s.call().callId(),
        s.dispositionOwed());
  }
}
