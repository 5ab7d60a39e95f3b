package io.tandemcc.agent;

/**
 * The state of the one call an agent is on. No call at all is {@code AgentState.call() == null}.
 */
public enum CallState {
  /** Offered to the agent, not answered yet. */
  RINGING,
  /** Connected and talking. */
  TALKING,
  /** Connected, the other party is on hold. */
  HELD,
  /** The agent dialled out and the far end has not answered yet. */
  DIALING
}
