package io.tandemcc.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * The call an agent is on.
 *
 * @param since when the call entered its current {@code state}
 * @param answered whether the call was connected; true exactly when the state is TALKING or HELD
 * @param dispositionGiven whether the agent gave the call its disposition already (during the call)
 * @throws IllegalArgumentException if a field is missing, DIALING is used for a non-OUTBOUND call,
 *     or {@code answered} contradicts the state
 */
public record ActiveCall(
    String callId,
    CallKind kind,
    CallState state,
    Instant since,
    boolean answered,
    boolean dispositionGiven) {
  /** A call without a disposition yet. */
  public ActiveCall(
      String callId, CallKind kind, CallState state, Instant since, boolean answered) {
    this(callId, kind, state, since, answered, false);
  }

  public ActiveCall {
    if (callId == null || callId.isBlank()) {
      throw new IllegalArgumentException("a call needs a non-blank id");
    }
    if (kind == null || state == null || since == null) {
      throw new IllegalArgumentException("a call needs a kind, a state and a since");
    }
    if (state == CallState.DIALING && kind != CallKind.OUTBOUND) {
      throw new IllegalArgumentException(
          "only an OUTBOUND call can be DIALING, not a " + kind + " call");
    }
    if (answered != connected(state)) {
      throw new IllegalArgumentException("a " + state + " call cannot have answered=" + answered);
    }
  }

  /** A call that has just started ringing the agent. */
  public static ActiveCall ringing(String callId, CallKind kind, Instant now) {
    return new ActiveCall(callId, kind, CallState.RINGING, now, false);
  }

  /** An outbound call the agent has just started dialling. */
  public static ActiveCall dialing(String callId, Instant now) {
    return new ActiveCall(callId, CallKind.OUTBOUND, CallState.DIALING, now, false);
  }

  /** This call in another state from {@code now} on. */
  public ActiveCall movedTo(CallState newState, Instant now) {
    return new ActiveCall(
        callId, kind, Objects.requireNonNull(newState), now, connected(newState), dispositionGiven);
  }

  /** This call, now with a disposition. */
  public ActiveCall withDisposition() {
    return new ActiveCall(callId, kind, state, since, answered, true);
  }

  private static boolean connected(CallState state) {
    return state == CallState.TALKING || state == CallState.HELD;
  }
}
