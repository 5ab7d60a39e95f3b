package io.tandemcc.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * The per-agent (or per-team) settings the state machine obeys.
 *
 * @param afterCallWork which queue calls are followed by wrap-up
 * @param wrapup how long wrap-up lasts; zero means no wrap-up at all
 * @param endWrapupEarlyAllowed whether the agent may end wrap-up before its time is up
 * @param dispositionRequired whether wrap-up after an answered call lasts until the call has a
 *     disposition
 * @throws IllegalArgumentException if a field is missing or wrapup is negative
 */
public record AgentPolicy(
    AfterCallWork afterCallWork,
    Duration wrapup,
    boolean endWrapupEarlyAllowed,
    boolean dispositionRequired) {
  /** A policy that asks for no disposition. */
  public AgentPolicy(AfterCallWork afterCallWork, Duration wrapup, boolean endWrapupEarlyAllowed) {
    this(afterCallWork, wrapup, endWrapupEarlyAllowed, false);
  }

  public AgentPolicy {
    if (afterCallWork == null || wrapup == null) {
      throw new IllegalArgumentException("a policy needs afterCallWork and wrapup");
    }
    if (wrapup.isNegative()) {
      throw new IllegalArgumentException("wrapup cannot be negative: " + wrapup);
    }
  }

  /**
   * Whether wrap-up follows the end of this call: only inbound queue calls, per {@code
   * afterCallWork}.
   */
  public boolean wrapupFollows(ActiveCall endedCall) {
    Objects.requireNonNull(endedCall);
    if (endedCall.kind() != CallKind.QUEUE || wrapup.isZero()) {
      return false;
    }
    return switch (afterCallWork) {
      case AFTER_RING -> true;
      case AFTER_ANSWER -> endedCall.answered();
      case OFF -> false;
    };
  }

  /**
   * Whether the wrap-up that follows this call waits for its disposition: only answered calls owe
   * one.
   */
  public boolean dispositionOwedFor(ActiveCall endedCall) {
    return dispositionRequired && endedCall.answered() && !endedCall.dispositionGiven();
  }
}
