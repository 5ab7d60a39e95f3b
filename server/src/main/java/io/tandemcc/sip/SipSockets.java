package io.tandemcc.sip;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The SIP sockets of every user across all HTTP verticle instances (each has its own {@link
 * SipProxy}, so the count must be shared): at most {@link #perUser} at a time, each with its own
 * WebSocket to Asterisk. When a user opens one more, the <em>oldest</em> is closed rather than the
 * new one refused: the newest is the page the agent is looking at, and a socket of a killed browser
 * or a reloaded page, not yet noticed as gone, must never lock the agent's phone out. Thread-safe;
 * the eviction runs on the evicted connection's own event loop.
 */
public final class SipSockets {
  /**
   * One active phone per agent across devices: the newest socket takes over (docs/webphone.md,
   * "Take over").
   */
  public static final int DEFAULT_PER_USER = 1;

  private record User(long tenantId, long userId) {}

  private final int perUser;
  private final SipStats stats;
  private final Map<User, Deque<Entry>> open = new HashMap<>();

  /** One open socket and how to close it from any thread. */
  private record Entry(Object connection, Runnable evict) {}

  public SipSockets(int perUser, SipStats stats) {
    if (perUser < 1) {
      throw new IllegalArgumentException("perUser must be at least 1");
    }
    this.perUser = perUser;
    this.stats = stats;
  }

  /**
   * Counts a new socket of {@code identity}'s user; closes (through {@code evict}) the oldest over
   * the cap.
   */
  void claim(SipIdentity identity, Object connection, Runnable evict) {
    Entry oldest = null;
    synchronized (open) {
      Deque<Entry> sockets =
          open.computeIfAbsent(
              new User(identity.tenantId(), identity.userId()), u -> new ArrayDeque<>());
      sockets.addLast(new Entry(connection, evict));
      if (sockets.size() > perUser) {
        oldest = sockets.pollFirst();
      }
    }
    if (oldest != null) {
      stats.count("socket-cap");
      oldest.evict().run();
    }
  }

  /** Every user's open sockets together (for the metrics). */
  public int total() {
    synchronized (open) {
      return open.values().stream().mapToInt(Deque::size).sum();
    }
  }

  /** Forgets a closed socket (twice is harmless). */
  void release(SipIdentity identity, Object connection) {
    synchronized (open) {
      User user = new User(identity.tenantId(), identity.userId());
      Deque<Entry> sockets = open.get(user);
      if (sockets != null) {
        sockets.removeIf(e -> e.connection() == connection);
        if (sockets.isEmpty()) {
          open.remove(user);
        }
      }
    }
  }

  /** How many sockets {@code identity}'s user has open now. */
  public int count(SipIdentity identity) {
    synchronized (open) {
      Deque<Entry> sockets = open.get(new User(identity.tenantId(), identity.userId()));
      return sockets == null ? 0 : sockets.size();
    }
  }
}
