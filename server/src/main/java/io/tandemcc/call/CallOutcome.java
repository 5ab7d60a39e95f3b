package io.tandemcc.call;

import java.util.Locale;

/**
 * How a customer call ended for the reports; the database keeps {@link #dbValue()} ({@code
 * call_record.outcome}).
 */
enum CallOutcome {
  ANSWERED,
  /** The customer hung up while waiting in the queue. */
  ABANDONED,
  /** A direct call nobody answered. */
  NOT_ANSWERED,
  /** An outbound call that never connected. */
  FAILED;

  String dbValue() {
    return name().toLowerCase(Locale.ROOT);
  }
}
