package io.tandemcc.pbx.ami;

import java.time.Duration;

/** Reconnect delays: {@code min}, doubled after each failure, capped at {@code max}. */
final class Backoff {
  private final long minMillis;
  private final long maxMillis;
  private int failures;

  Backoff(Duration min, Duration max) {
    this.minMillis = min.toMillis();
    this.maxMillis = max.toMillis();
  }

  /** The delay before the next attempt; each call counts one more failure. */
  long nextDelayMillis() {
    long delay = minMillis << Math.min(failures, 20);
    failures++;
    return Math.max(1, Math.min(delay, maxMillis));
  }

  int failures() {
    return failures;
  }

  void reset() {
    failures = 0;
  }
}
