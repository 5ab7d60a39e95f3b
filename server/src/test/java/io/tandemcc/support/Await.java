package io.tandemcc.support;

import java.time.Duration;

/**
 * Waiting in tests for something the server does behind its answers (a record written, a state
 * pushed).
 */
public final class Await {
  private Await() {}

  /** A condition, checked again and again; it may read the database or the API. */
  public interface Check {
    boolean ok() throws Exception;
  }

  /**
   * Returns once {@code check} holds; fails naming {@code what} when it did not within {@code
   * timeout}.
   */
  public static void until(Check check, String what, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for: " + what);
  }
}
