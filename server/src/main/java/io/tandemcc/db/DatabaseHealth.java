package io.tandemcc.db;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database answers, as {@code /api/health} reports it. A query that fails because the
 * database is unreachable marks it down at once; a probe ({@code select 1}) runs every second while
 * it is down and every few seconds while it is up, so an outage is seen even without traffic and
 * its end within a second. While it is down {@link Database#query} fails at once ({@link
 * DatabaseUnavailableException}) instead of holding the request for the pool's connection timeout.
 * Also counts the writes set aside for good (dead letters), per kind. Thread-safe.
 */
public final class DatabaseHealth {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseHealth.class);

  /** Where write-behind owners report a write set aside for good; the body is its kind (String). */
  public static final String DEAD_LETTER = "db.dead-letter";

  static final Duration PROBE_WHEN_DOWN = Duration.ofSeconds(1);
  static final Duration PROBE_WHEN_UP = Duration.ofSeconds(5);

  /** What {@code /api/health} shows of the database. */
  /**
   * @param problems the parts watched besides the database ({@link #watch}) that report a problem
   *     now, by name
   */
  public record Status(
      boolean up,
      Instant since,
      String lastError,
      Map<String, Long> deadLetters,
      Map<String, String> problems) {}

  private final Vertx vertx;
  private final DSLContext dsl;
  private final Clock clock;
  private final AtomicBoolean probing = new AtomicBoolean();
  private final Map<String, AtomicLong> deadLetters = new ConcurrentHashMap<>();
  private final Map<String, java.util.function.Supplier<String>> watched =
      new ConcurrentHashMap<>();
  private volatile boolean up = true;
  private volatile Instant since;
  private volatile String lastError;
  private volatile long timer = -1;
  private volatile boolean closed;

  DatabaseHealth(Vertx vertx, DSLContext dsl, Clock clock) {
    this.vertx = vertx;
    this.dsl = dsl;
    this.clock = clock;
    this.since = clock.instant();
    vertx.eventBus().<String>localConsumer(DEAD_LETTER, m -> countDeadLetter(m.body()));
    schedule(PROBE_WHEN_UP);
  }

  public boolean isUp() {
    return up;
  }

  public Status status() {
    Map<String, Long> counts = new TreeMap<>();
    deadLetters.forEach((kind, n) -> counts.put(kind, n.get()));
    Map<String, String> problems = new TreeMap<>();
    watched.forEach(
        (part, problem) -> {
          String now = problem.get();
          if (now != null) {
            problems.put(part, now);
          }
        });
    return new Status(up, since, lastError, counts, problems);
  }

  /**
   * Another part of the durability path to report on: {@code problem} gives what is wrong now, or
   * null.
   */
  public void watch(String part, java.util.function.Supplier<String> problem) {
    watched.put(part, problem);
  }

  /**
   * A query failed: if for want of the database, it is down from now on (until a probe succeeds).
   */
  public void failed(Throwable failure) {
    if (DbFailures.isUnavailable(failure) && !(failure instanceof DatabaseUnavailableException)) {
      down(failure);
    }
  }

  /** Counts a write set aside for good (also reachable over {@link #DEAD_LETTER}). */
  public void countDeadLetter(String kind) {
    deadLetters.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
  }

  private void down(Throwable failure) {
    lastError = describe(failure);
    if (up) {
      up = false;
      since = clock.instant();
      LOG.error(
          "database unavailable ({}); API calls that need it answer 503 until it is back",
          lastError);
      reschedule(PROBE_WHEN_DOWN);
    }
  }

  private void back() {
    if (!up) {
      up = true;
      LOG.info(
          "database available again after {} s",
          Duration.between(since, clock.instant()).toSeconds());
      since = clock.instant();
      reschedule(PROBE_WHEN_UP);
    }
  }

  /**
   * The failure's class and SQL state: enough to tell what happened, never a connection string or a
   * value.
   */
  static String describe(Throwable failure) {
    Throwable root = failure;
    String state = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      root = t;
      if (state == null && t instanceof java.sql.SQLException sql) {
        state = sql.getSQLState();
      }
    }
    return root.getClass().getSimpleName() + (state == null ? "" : " (SQL state " + state + ")");
  }

  private synchronized void reschedule(Duration every) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    schedule(every);
  }

  private synchronized void schedule(Duration every) {
    if (closed) {
      return;
    }
    timer = vertx.setPeriodic(every.toMillis(), id -> probe());
  }

  private void probe() {
    if (!probing.compareAndSet(false, true)) {
      return;
    }
    vertx
        .executeBlocking(() -> dsl.selectOne().fetch(), false)
        .onComplete(
            ar -> {
              probing.set(false);
              if (ar.succeeded()) {
                back();
              } else if (DbFailures.isTransient(ar.cause())) {
                down(ar.cause());
              } else {
                LOG.warn("database probe failed: {}", describe(ar.cause()));
              }
            });
  }

  synchronized void close() {
    closed = true;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
