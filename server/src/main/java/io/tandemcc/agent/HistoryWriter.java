package io.tandemcc.agent;

import io.tandemcc.agent.AgentRepository.HistoryEntry;
import io.tandemcc.db.WriteBehind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes state-history rows in order, batching whatever accumulated while the previous batch was being
 * written, so a burst of transitions costs a few round trips instead of one each. A failed batch is retried
 * (nothing is dropped). A first row waits a moment, like {@link WriteBehind}'s writes, so the state
 * change's pushes are not competing with the database for the cores. Used only from its owner verticle's context.
 */
final class HistoryWriter {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
  private static final int MAX_BATCH = 500;

  private final Vertx vertx;
  private final AgentRepository repository;
  private final ArrayDeque<HistoryEntry> queue = new ArrayDeque<>();
  private final List<Promise<Void>> drainWaiters = new ArrayList<>();
  private boolean writing;
  private long timer = -1;
  private long retryDelayMs = 200;

  HistoryWriter(Vertx vertx, AgentRepository repository) {
    this.vertx = vertx;
    this.repository = repository;
  }

  /** Queues a row; it is written a moment later, after the change's pushes have gone out (see WriteBehind). */
  void append(HistoryEntry entry) {
    queue.add(entry);
    if (!writing && timer < 0) {
      timer = vertx.setTimer(WriteBehind.DELAY.toMillis(), id -> {
        timer = -1;
        flush();
      });
    }
  }

  /** Completes once everything appended so far is stored; what waits for its moment is written now. */
  Future<Void> drained() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
      flush();
    }
    if (queue.isEmpty() && !writing) {
      return Future.succeededFuture();
    }
    Promise<Void> p = Promise.promise();
    drainWaiters.add(p);
    return p.future();
  }

  private void flush() {
    if (writing || queue.isEmpty()) {
      if (!writing && queue.isEmpty()) {
        drainWaiters.forEach(Promise::tryComplete);
        drainWaiters.clear();
      }
      return;
    }
    writing = true;
    List<HistoryEntry> batch = new ArrayList<>();
    while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
      batch.add(queue.poll());
    }
    vertx.<Void>executeBlocking(() -> {
      repository.appendBlocking(batch);
      return null;
    }, false).onComplete(ar -> {
      writing = false;
      if (ar.succeeded()) {
        retryDelayMs = 200;
        flush();
      } else {
        LOG.error("could not write {} agent state history rows; retrying in {} ms", batch.size(), retryDelayMs,
            ar.cause());
        for (int i = batch.size() - 1; i >= 0; i--) {
          queue.addFirst(batch.get(i));
        }
        long delay = retryDelayMs;
        retryDelayMs = Math.min(retryDelayMs * 2, 10_000);
        vertx.setTimer(delay, id -> flush());
      }
    });
  }
}
