package io.tandemcc.db;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An owner's database writes, run in the order they were submitted, a moment after the event that
 * caused them.
 *
 * <p>When a PBX event arrives, its owner pushes to browsers and records what happened. The pushes
 * are what an agent or supervisor waits for; the writes are not. Started at once, a write wakes a
 * worker thread and a PostgreSQL backend that compete with the pushes' event loops for the cores
 * (on a two-core VM the screen-pop's hand-over to the push channel waited for one, see
 * bench/RESULTS.md). So writes wait {@code delay}; everything submitted meanwhile runs in one
 * worker task, in order, and the next batch starts when that one is done. The order of all writes
 * of one owner is kept whatever the timing, so a write may rely on an earlier one (a row before the
 * rows that reference it).
 *
 * <p>Use it from the owner's context only. A write that fails because the database cannot take it
 * now (down, restarting, a timeout: {@link DbFailures#isTransient}) is retried, and the writes
 * after it wait: none overtakes it, none is dropped (issue 15; they are held in memory, so a crash
 * during an outage loses them, see docs/durability.md). A write that fails for another reason is
 * tried {@value #ATTEMPTS} times, then set aside for good: logged by its name, counted ({@link
 * DatabaseHealth#DEAD_LETTER}, shown by {@code /api/health}) and reported through its future; the
 * writes after it go on.
 */
public final class WriteBehind {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);

  /**
   * Long enough for an event's pushes to be written before its database work starts; short for a
   * crash.
   */
  public static final Duration DELAY = Duration.ofMillis(5);

  /** Failures of one write, for a reason a retry does not cure, before it is set aside. */
  static final int ATTEMPTS = 3;

  private static final long FIRST_RETRY_MS = 100;

  /** A database that is back is written to within a second. */
  private static final long MAX_RETRY_MS = 1_000;

  /**
   * How long {@link #drain} waits for a database that does not answer before the owner stops
   * anyway.
   */
  static final Duration DRAIN_WAIT = Duration.ofSeconds(10);

  static final String KIND = "write-behind";

  private final Vertx vertx;
  private final long delayMs;
  private List<Write> queued = new ArrayList<>();
  private long timer = -1;
  private boolean writing;
  private long retryDelayMs = FIRST_RETRY_MS;
  private boolean outage;
  private Future<Void> last = Future.succeededFuture();

  private static final class Write {
    final Supplier<String> what;
    final Runnable work;
    final Promise<Void> done;

    /** Failures that a retry may not cure; touched by one worker task at a time. */
    volatile int refusals;

    Write(Supplier<String> what, Runnable work, Promise<Void> done) {
      this.what = what;
      this.work = work;
      this.done = done;
    }
  }

  /**
   * What a batch came to: each write's failure (null: written), and where it stopped to retry (-1:
   * it did not).
   */
  private record Outcome(
      List<RuntimeException> failures, int stoppedAt, RuntimeException stopCause) {}

  public WriteBehind(Vertx vertx, Duration delay) {
    this.vertx = vertx;
    this.delayMs = Math.max(1, delay.toMillis());
  }

  /**
   * Queues a blocking write.
   *
   * @param what names the write in the log if it fails
   * @return completes on the owner's context once the write has run; failed if it was set aside
   */
  public Future<Void> submit(Supplier<String> what, Runnable work) {
    Promise<Void> done = Promise.promise();
    queued.add(new Write(what, work, done));
    if (timer < 0 && !writing) {
      timer = vertx.setTimer(delayMs, id -> flush());
    }
    last = done.future();
    return last;
  }

  /** Writes submitted and not yet run (or set aside). */
  public int backlog() {
    return queued.size() + (writing ? 1 : 0);
  }

  /**
   * Starts what is queued without waiting for the delay (an owner stopping calls it, while Vert.x
   * still runs blocking work); completes once every write submitted so far has run, failed or not,
   * or after {@link #DRAIN_WAIT} if the database does not take them (what is left is then lost, and
   * logged as such).
   */
  public Future<Void> drain() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      flush();
    }
    Promise<Void> drained = Promise.promise();
    last.onComplete(ar -> drained.tryComplete());
    long t =
        vertx.setTimer(
            DRAIN_WAIT.toMillis(),
            id -> {
              if (drained.tryComplete()) {
                LOG.error(
                    "stopping with {} database writes the database did not take; they are lost",
                    backlog());
              }
            });
    return drained.future().onComplete(ar -> vertx.cancelTimer(t));
  }

  private void flush() {
    timer = -1;
    if (writing || queued.isEmpty()) {
      return;
    }
    writing = true;
    List<Write> batch = queued;
    queued = new ArrayList<>();
    // one batch at a time, which keeps the order; not Vert.x's ordered blocking queue, which is the
    // context's and so
    // shared with whatever else runs on the owner's loop (AMI commands, whose pool closes with the
    // link)
    vertx
        .<Outcome>executeBlocking(() -> run(batch), false)
        .onComplete(
            ar -> {
              writing = false;
              Outcome outcome =
                  ar.succeeded()
                      ? ar.result()
                      : new Outcome(List.of(), 0, new IllegalStateException(ar.cause()));
              for (int i = 0; i < outcome.failures().size(); i++) {
                Write w = batch.get(i);
                RuntimeException failure = outcome.failures().get(i);
                if (failure == null) {
                  w.done.complete();
                } else {
                  LOG.error(
                      "{} not written, set aside after {} attempts: {}",
                      w.what.get(),
                      w.refusals,
                      DatabaseHealth.describe(failure));
                  vertx.eventBus().publish(DatabaseHealth.DEAD_LETTER, KIND);
                  w.done.fail(failure);
                }
              }
              if (outcome.stoppedAt() >= 0) {
                List<Write> again =
                    new ArrayList<>(batch.subList(outcome.stoppedAt(), batch.size()));
                again.addAll(queued);
                queued = again;
                retryLater(batch.get(outcome.stoppedAt()), outcome.stopCause());
                return;
              }
              if (outage) {
                outage = false;
                LOG.info("the database takes writes again");
              }
              retryDelayMs = FIRST_RETRY_MS;
              flush(); // what was submitted meanwhile has waited long enough
            });
  }

  /** Runs the batch in order on a worker thread, up to a write that should be tried again later. */
  private static Outcome run(List<Write> batch) {
    List<RuntimeException> failures = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Write w = batch.get(i);
      try {
        w.work.run();
        failures.add(null);
      } catch (RuntimeException e) {
        if (DbFailures.isTransient(e)) {
          return new Outcome(failures, i, e);
        }
        if (++w.refusals < ATTEMPTS) {
          return new Outcome(failures, i, e);
        }
        failures.add(e);
      }
    }
    return new Outcome(failures, -1, null);
  }

  private void retryLater(Write head, RuntimeException cause) {
    if (DbFailures.isTransient(cause) && !outage) {
      outage = true;
      LOG.error(
          "the database cannot take writes now ({}); {} writes wait, in order, from {}",
          DatabaseHealth.describe(cause),
          queued.size(),
          head.what.get());
    }
    long delay = retryDelayMs;
    retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_MS);
    timer = vertx.setTimer(delay, id -> flush());
  }
}
