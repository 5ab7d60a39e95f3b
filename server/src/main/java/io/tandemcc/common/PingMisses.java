package io.tandemcc.common;

/**
 * Counts the pings a WebSocket peer left unanswered. At each tick the owner asks {@link #tick()}
 * whether the peer is dead (it missed {@code allowed} pings in a row) before it sends the next
 * ping; any pong (or other proof of life) since the previous tick clears the count. Pure and
 * single-threaded: the owner calls it on its socket's context.
 */
public final class PingMisses {
  private final int allowed;
  private int missed;
  private boolean answered = true;

  /**
   * @param allowed how many pings in a row may go unanswered before the peer counts as dead (at
   *     least 1)
   */
  public PingMisses(int allowed) {
    if (allowed < 1) {
      throw new IllegalArgumentException("allowed must be at least 1");
    }
    this.allowed = allowed;
  }

  /** A pong (or any frame) arrived: the peer is alive. */
  public void alive() {
    answered = true;
  }

  /**
   * Time for the next ping: true if the peer is dead (the last {@code allowed} pings went
   * unanswered), else the caller sends a ping now.
   */
  public boolean tick() {
    if (answered) {
      missed = 0;
    } else {
      missed++;
    }
    answered = false;
    return missed >= allowed;
  }

  public int missed() {
    return missed;
  }
}
