package io.tandemcc.supervisor;

/** Event-bus addresses of the supervisor domain (catalogue: docs/events.md). */
public final class SupervisorAddresses {
  /** {@link TeamQuery} → reply {@link TeamSnapshot}. Handled by {@link TeamVerticle}. */
  public static final String TEAM_QUERY = "supervisor.team.query";

  /**
   * {@link BrowserPresence}, published by each push hub when an agent's number of connections on it
   * changes.
   */
  public static final String PRESENCE_CHANGED = "supervisor.presence.changed";

  /** {@link MonitorCommand} → reply {@link MonitorReply}. Handled by {@link MonitorVerticle}. */
  public static final String MONITOR = "supervisor.monitor";

  /** {@link MonitorChanged}: a supervisor's monitoring started, switched mode or ended. */
  public static final String MONITOR_CHANGED = "supervisor.monitor.changed";

  private SupervisorAddresses() {}
}
