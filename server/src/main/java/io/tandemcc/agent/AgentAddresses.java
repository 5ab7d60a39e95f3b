package io.tandemcc.agent;

/**
 * Event-bus addresses of the agent domain (catalogue: docs/events.md). Commands are requests with a
 * reply; events are published to every listener.
 */
public final class AgentAddresses {
  /**
   * {@link AgentCommand} → reply {@link AgentCommandReply}. Handled by {@link AgentStateVerticle}.
   */
  public static final String COMMANDS = "agent.commands";

  /** {@link AgentStateQuery} → reply {@link AgentState}. */
  public static final String QUERIES = "agent.queries";

  /** {@link AgentStateChanged}, published after every change of an agent's state. */
  public static final String STATE_CHANGED = "agent.state.changed";

  private AgentAddresses() {}
}
