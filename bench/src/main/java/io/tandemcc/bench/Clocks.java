package io.tandemcc.bench;

import java.time.Clock;
import java.time.Instant;

/**
 * Wall-clock time in epoch microseconds: the server stamps states with the same clock (same
 * machine).
 */
final class Clocks {
  private static final Clock UTC = Clock.systemUTC();

  private Clocks() {}

  static long epochMicros() {
    Instant now = UTC.instant();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
  }

  static long micros(Instant i) {
    return i.getEpochSecond() * 1_000_000 + i.getNano() / 1_000;
  }
}
