package io.tandemcc.common;

import java.util.function.LongSupplier;

/**
 * A token bucket: {@code ratePerSecond} sustained, bursts up to {@code capacity}. Not thread-safe.
 */
public final class TokenBucket {
  private final double ratePerNano;
  private final double capacity;
  private final LongSupplier nanoTime;
  private double tokens;
  private long last;

  public TokenBucket(double ratePerSecond, double capacity, LongSupplier nanoTime) {
    this.ratePerNano = ratePerSecond / 1e9;
    this.capacity = capacity;
    this.nanoTime = nanoTime;
    this.tokens = capacity;
    this.last = nanoTime.getAsLong();
  }

  /** Takes one token if there is one. */
  public boolean tryTake() {
    refill();
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }

  /** Whole seconds until a token is available again (at least 1), for Retry-After. */
  public int secondsUntilNextToken() {
    refill();
    double missing = Math.max(0, 1 - tokens);
    return Math.max(1, (int) Math.ceil(missing / ratePerNano / 1e9));
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * ratePerNano);
    last = now;
  }
}
