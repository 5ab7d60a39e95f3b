package io.tandemcc.agent;

/** The availability of an agent, as shown in the toolbar and used by queues to pick agents. */
public enum AgentStatus {
  LOGGED_OUT,
  /** Not offered queue calls; direct calls still ring. Always carries a {@link Reason}. */
  NOT_READY,
  /** Offered queue calls. */
  READY,
  /** After-call work following a queue call; not offered queue calls until it ends. */
  WRAPUP,
  /**
   * Not Ready requested during a call or wrap-up; becomes NOT_READY when that call (and its
   * wrap-up) ends.
   */
  PENDING_NOT_READY
}
