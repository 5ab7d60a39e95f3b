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
 * one worker task, in order, and the next batch waits until that one is done. The order of all writes of one owner is
 * kept whatever the timing, so a write may rely on an earlier one (a row before the rows that reference it).
 *
 * <p>Use it from the owner's context only. A failed write is logged and reported through its future; the writes
 * after it still run.
 */
public final class WriteBehind {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);

  private final Vertx vertx;
  private final long delayMs;
  private List<Write> queued = new ArrayList<>();
  private boolean scheduled;

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
    if (!scheduled) {
      scheduled = true;
      vertx.setTimer(delayMs, id -> flush());
    }
    return done.future();
  }

  private void flush() {
    scheduled = false;
    List<Write> batch = queued;
    queued = new ArrayList<>();
    // ordered: a batch starts only after the previous one (Vert.x keeps one queue of ordered tasks per context)
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
    }, true).onComplete(ar -> {
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
    });
  }
}
