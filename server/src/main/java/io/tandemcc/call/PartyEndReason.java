package io.tandemcc.call;

import java.util.Locale;

/**
 * Why an agent leg left its call; the database keeps {@link #dbValue()} ({@code
 * call_party.end_reason}).
 */
enum PartyEndReason {
  HANGUP,
  /** A queue rang the agent in vain. */
  NOT_ANSWERED,
  /** The consulted agent hung up or refused. */
  CONSULT_ENDED,
  /** The leg handed the call on (set before its hang-up arrives). */
  TRANSFERRED,
  /** The agent's page went away; the customer waits for the reloaded page (docs/webphone.md). */
  PAGE_CLOSED;

  String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
