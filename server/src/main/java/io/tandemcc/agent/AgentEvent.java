package io.tandemcc.agent;

import java.time.Instant;
import java.util.Objects;

/**
 * Everything that can happen to an agent: the agent's own requests, call events (from the PBX
 * adapter) and the wrap-up timer. Events are validated on construction: a missing or blank field is
 * an {@link IllegalArgumentException} or {@link NullPointerException} there, never inside the state
 * machine.
 */
public sealed interface AgentEvent {

  // --- requests from the agent (toolbar, REST)
  // -------------------------------------------------------------

  record LoginRequested() implements AgentEvent {}

  record LogoutRequested() implements AgentEvent {}

  record ReadyRequested() implements AgentEvent {}

  record NotReadyRequested(Reason reason) implements AgentEvent {
    public NotReadyRequested {
      Objects.requireNonNull(reason, "Not Ready needs a reason");
    }
  }

  record EndWrapupRequested() implements AgentEvent {}

  // --- call events
  // ------------------------------------------------------------------------------------------

  /** A call started ringing the agent. */
  record CallRinging(String callId, CallKind kind) implements AgentEvent {
    public CallRinging {
      requireCallId(callId);
      Objects.requireNonNull(kind, "a ringing call needs a kind");
    }
  }

  /** The agent started dialling out (an OUTBOUND call in state DIALING). */
  record CallDialing(String callId) implements AgentEvent {
    public CallDialing {
      requireCallId(callId);
    }
  }

  record CallAnswered(String callId) implements AgentEvent {
    public CallAnswered {
      requireCallId(callId);
    }
  }

  record CallHeld(String callId) implements AgentEvent {
    public CallHeld {
      requireCallId(callId);
    }
  }

  record CallResumed(String callId) implements AgentEvent {
    public CallResumed {
      requireCallId(callId);
    }
  }

  /** Either side hung up, including a caller abandoning while the call rang. */
  record CallEnded(String callId) implements AgentEvent {
    public CallEnded {
      requireCallId(callId);
    }
  }

  /** The agent let the call ring out (ring-no-answer). */
  record CallNotAnswered(String callId) implements AgentEvent {
    public CallNotAnswered {
      requireCallId(callId);
    }
  }

  /**
   * The agent gave call {@code callId} its disposition (recorded already). A wrap-up that waited
   * for it may end; a call in progress remembers it, so its wrap-up will not wait.
   */
  record DispositionGiven(String callId) implements AgentEvent {
    public DispositionGiven {
      requireCallId(callId);
    }
  }

  // --- timer
  // ------------------------------------------------------------------------------------------------

  /** The wrap-up timer started by {@link Effect.StartWrapupTimer} for {@code endsAt} fired. */
  record WrapupExpired(Instant endsAt) implements AgentEvent {
    public WrapupExpired {
      Objects.requireNonNull(endsAt, "a wrap-up timer has an end");
    }
  }

  private static void requireCallId(String callId) {
    if (callId == null || callId.isBlank()) {
      throw new IllegalArgumentException("a call event needs a non-blank call id");
    }
  }
}
