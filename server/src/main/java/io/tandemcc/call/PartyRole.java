package io.tandemcc.call;

import java.util.Locale;

/**
 * The part an agent leg plays in a call; the database keeps {@link #dbValue()} ({@code
 * call_party.role}).
 */
enum PartyRole {
  /** The call's first agent: connected to the customer. */
  PRIMARY,
  /** Took the call over after a blind transfer. */
  TRANSFER,
  /** Consulted by the agent connected to the customer. */
  CONSULT,
  /** Rung into the call's conference room. */
  CONFERENCE;

  String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A blind transfer is pending → the leg takes the call over; another agent is connected to the
   * customer → it is being consulted; otherwise it is the call's first agent.
   */
  static PartyRole ofNewLeg(LiveCall c, long agentId) {
    if (c.transferPending) {
      return TRANSFER;
    }
    if (c.answeredBy != null && c.answeredBy != agentId && c.agents.contains(c.answeredBy)) {
      return CONSULT;
    }
    return PRIMARY;
  }
}
