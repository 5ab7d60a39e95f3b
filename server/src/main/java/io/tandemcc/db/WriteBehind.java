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
 * An owner's database writes, run in the order they were submitted, a moment after the event that caused them.
 *
 * <p>When a PBX event arrives, its owner pushes to browsers and records what happened. The pushes are what an agent or
 * supervisor waits for; the writes are not. Started at once, a write wakes a worker thread and a PostgreSQL backend
 * that compete with the pushes' event loops for the cores (on a two-core VM the screen-pop's hand-over to the push
 * channel waited for one, see bench/RESULTS.md). So writes wait {@code delay}; everything submitted meanwhile runs in
 * one worker task, in order, and the next batch starts when that one is done. The order of all writes of one owner is
 * kept whatever the timing, so a write may rely on an earlier one (a row before the rows that reference it).
 *
 * <p>Use it from the owner's context only. A failed write is logged and reported through its future; the writes
 * after it still run.
 */
public final class WriteBehind {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);
  /** Long enough for an event's pushes to be written before its database work starts; short for a crash. */
  public static final Duration DELAY = Duration.ofMillis(5);

  private final Vertx vertx;
  private final long delayMs;
  private List<Write> queued = new ArrayList<>();
  private long timer = -1;
  private boolean writing;
  private Future<Void> last = Future.succeededFuture();

  private record Write(Supplier<String> what, Runnable work, Promise<Void> done) {}

  public WriteBehind(Vertx vertx, Duration delay) {
    this.vertx = vertx;
    this.delayMs = Math.max(1, delay.toMillis());
  }

  /**
   * Queues a blocking write.
   *
   * @param what names the write in the log if it fails
   * @return completes on the owner's context once the write has run, failed if it threw
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

  /**
   * Starts what is queued without waiting for the delay (an owner stopping calls it, while Vert.x still runs
   * blocking work); completes once every write submitted so far has run, failed or not.
   */
  public Future<Void> drain() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      flush();
    }
    return last.transform(ar -> Future.<Void>succeededFuture());
  }

  private void flush() {
    timer = -1;
    if (writing || queued.isEmpty()) {
      return;
    }
    writing = true;
    List<Write> batch = queued;
    queued = new ArrayList<>();
    // one batch at a time, which keeps the order; not Vert.x's ordered blocking queue, which is the context's and so
    // shared with whatever else runs on the owner's loop (AMI commands, whose pool closes with the link)
    vertx.<List<RuntimeException>>executeBlocking(() -> {
      List<RuntimeException> failures = new ArrayList<>(batch.size());
      for (Write w : batch) {
        RuntimeException failure = null;
        try {
          w.work().run();
        } catch (RuntimeException e) {
          failure = e;
        }
        failures.add(failure);
      }
      return failures;
    }, false).onComplete(ar -> {
      writing = false;
      for (int i = 0; i < batch.size(); i++) {
        Write w = batch.get(i);
        Throwable failure = ar.failed() ? ar.cause() : ar.result().get(i);
        if (failure == null) {
          w.done().complete();
        } else {
          LOG.error("{} not written", w.what().get(), failure);
          w.done().fail(failure);
        }
      }
      flush(); // what was submitted meanwhile has waited long enough
    });
  }
}
