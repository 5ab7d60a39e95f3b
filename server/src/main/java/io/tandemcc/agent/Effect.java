package io.tandemcc.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * What the owner of the agent state must do after a transition; the state machine itself does no
 * I/O.
 */
public sealed interface Effect {

  /**
   * Start a timer that sends {@link AgentEvent.WrapupExpired} with this {@code endsAt} when it
   * fires.
   */
  record StartWrapupTimer(Instant endsAt) implements Effect {
    public StartWrapupTimer {
      Objects.requireNonNull(endsAt);
    }
  }

  /** Cancel the running wrap-up timer; a timer that fires anyway is ignored as stale. */
  record CancelWrapupTimer() implements Effect {}
}
