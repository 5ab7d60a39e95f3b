package io.tandemcc.call;

/** The part a new agent leg plays in a call that may already be connected. */
final class CallRoles {
  static final String PRIMARY = "primary";
  static final String TRANSFER = "transfer";
  static final String CONSULT = "consult";
  static final String CONFERENCE = "conference";

  private CallRoles() {}

  /**
   * A blind transfer is pending → the leg takes the call over; another agent is connected to the
   * customer → it is being consulted; otherwise it is the call's first agent.
   */
  static String ofNewLeg(LiveCall c, long agentId) {
    if (c.transferPending) {
      return TRANSFER;
    }
    if (c.answeredBy != null && c.answeredBy != agentId && c.agents.contains(c.answeredBy)) {
      return CONSULT;
    }
    return PRIMARY;
  }
}
