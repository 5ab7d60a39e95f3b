package io.tandemcc.agent;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** The outcome of one event: accepted (maybe as a no-op), rejected with a reason, or ignored. */
public sealed interface Decision {

  /**
   * The event applies. {@code changed} tells whether {@code state} differs from the state the event
   * was applied to: {@code false} is an idempotent no-op (the same state, no effects), e.g. a
   * second tab asking for the status the agent already has. Callers publish a state change only
   * when {@code changed} is true.
   *
   * @throws IllegalArgumentException if an unchanged decision carries effects
   */
  record Accepted(AgentState state, List<Effect> effects, boolean changed) implements Decision {
    public Accepted {
      Objects.requireNonNull(state);
      effects = List.copyOf(effects);
      if (!changed && !effects.isEmpty()) {
        throw new IllegalArgumentException("a no-op has no effects");
      }
    }

    /** Moving from {@code before} to {@code after}; a no-op if they are equal. */
    public static Accepted of(AgentState before, AgentState after, Effect... effects) {
      return new Accepted(after, List.of(effects), !after.equals(before));
    }

    /** An idempotent no-op. */
    public static Accepted unchanged(AgentState state) {
      return new Accepted(state, List.of(), false);
    }
  }

  /**
   * A request that cannot be honoured in the current state; the state stays as it was.
   *
   * @param code stable kebab-case id for clients (one of the constants below)
   * @param message a sentence to show the agent
   */
  record Rejected(String code, String message) implements Decision {
    public static final String AGENT_LOGGED_OUT = "agent-logged-out";
    public static final String AGENT_ON_CALL = "agent-on-call";
    public static final String WRAPUP_IN_PROGRESS = "wrapup-in-progress";
    public static final String NOT_IN_WRAPUP = "not-in-wrapup";
    public static final String DISPOSITION_REQUIRED = "disposition-required";

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Rejected {
      if (code == null || !KEBAB_CASE.matcher(code).matches()) {
        throw new IllegalArgumentException("a rejection code must be kebab-case: " + code);
      }
      if (message == null || message.isBlank()) {
        throw new IllegalArgumentException("a rejection needs a message");
      }
    }
  }

  /**
   * A call or timer event that does not apply to the current state (another call, a stale timer, a
   * duplicate). Not an error: the state stays as it was and {@code why} is for the log.
   */
  record Ignored(String why) implements Decision {
    public Ignored {
      if (why == null || why.isBlank()) {
        throw new IllegalArgumentException("say why an event is ignored");
      }
    }
  }
}
