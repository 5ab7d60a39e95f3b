package io.tandemcc.agent;

import io.tandemcc.agent.AgentRepository.HistoryEntry;
import io.tandemcc.agent.AgentRepository.Row;
import io.tandemcc.db.DatabaseUnavailableException;
import io.tandemcc.db.DbFailures;
import io.tandemcc.db.DeadLetters;
import io.tandemcc.db.Journal;
import io.tandemcc.db.WriteBehind;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records state-history rows: each goes to the local {@link Journal} at once (on disk before the
 * change is acknowledged) and to the database a moment later, in order, batching whatever
 * accumulated while the previous batch was being written. See docs/durability.md.
 *
 * <p>A batch the database cannot take for now (it is down, restarting, timed out) is retried, first
 * row first, for as long as it takes; nothing after it overtakes it. A batch refused for another
 * reason is written again row by row, and a row refused {@value #ATTEMPTS} times is set aside
 * ({@link DeadLetters}) so the rows after it go on. What the journal holds when the server starts
 * (acknowledged, perhaps not yet in the database) is written first ({@link #recover}); the row ids
 * make that harmless for rows that were in already. Used only from its owner verticle's context.
 */
final class HistoryWriter {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
  static final String KIND = "agent-state-history";
  private static final int MAX_BATCH = 500;

  /** Refusals of one row, for a reason a retry does not cure, before it is set aside. */
  static final int ATTEMPTS = 3;

  private static final long FIRST_RETRY_MS = 100;

  /** Retries at least this often: a database that is back is written to within a second. */
  private static final long MAX_RETRY_MS = 1_000;

  /** How long an acknowledgement waits for the database when the journal cannot be written. */
  private static final long FALLBACK_WAIT_MS = 5_000;

  private final Vertx vertx;
  private final AgentRepository repository;
  private final Journal journal;
  private final DeadLetters deadLetters;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final List<Promise<Void>> drainWaiters = new ArrayList<>();
  private Future<Void> recovered = Future.succeededFuture();
  private boolean writing;
  private long timer = -1;
  private long retryDelayMs = FIRST_RETRY_MS;
  private long seq;

  /** Rows still to be written one at a time, to find the one a batch was refused for. */
  private int singles;

  /** Refusals of the first row in the queue (not counting the database being away). */
  private int attempts;

  private boolean outage;

  private record Pending(long seq, Row row, String line, Promise<Void> written) {}

  HistoryWriter(Vertx vertx, AgentRepository repository, Journal journal, DeadLetters deadLetters) {
    this.vertx = vertx;
    this.repository = repository;
    this.journal = journal;
    this.deadLetters = deadLetters;
  }

  /**
   * Writes what the journal held at start into the database, before anything else; completes once
   * it is all there (or set aside). Call once, before the first {@link #append}.
   */
  Future<Void> recover() {
    List<Future<Void>> replayed = new ArrayList<>();
    for (String line : journal.recovered()) {
      try {
        Pending p = new Pending(++seq, HistoryLines.row(line), line, Promise.promise());
        queue.add(p);
        replayed.add(p.written().future());
      } catch (RuntimeException e) {
        deadLetters.setAside(KIND, "an unreadable line of the state journal", line, e);
      }
    }
    if (replayed.isEmpty()) {
      return recovered;
    }
    long started = System.nanoTime();
    LOG.info("replaying {} journalled agent state changes into the database", replayed.size());
    recovered =
        Future.all(replayed)
            .<Void>mapEmpty()
            .onSuccess(
                v ->
                    LOG.info(
                        "{} journalled agent state changes replayed in {} ms",
                        replayed.size(),
                        (System.nanoTime() - started) / 1_000_000));
    flush();
    return recovered;
  }

  /** Complete once the journal's rows from the previous run are in the database. */
  Future<Void> recovered() {
    return recovered;
  }

  /**
   * Records a row: in the journal now, in the database a moment later (after the change's pushes
   * have gone out, see {@link WriteBehind}).
   *
   * @return completes once the row is durable: on disk in the journal, or (if the journal cannot be
   *     written) in the database; fails if neither could take it
   */
  Future<Void> append(HistoryEntry entry) {
    Row row = new Row(UUID.randomUUID(), entry);
    String line = HistoryLines.line(row);
    Pending p = new Pending(++seq, row, line, Promise.promise());
    queue.add(p);
    if (!writing && timer < 0) {
      timer =
          vertx.setTimer(
              WriteBehind.DELAY.toMillis(),
              id -> {
                timer = -1;
                flush();
              });
    }
    return journal
        .append(p.seq(), line)
        .recover(
            journalFailed -> {
              Promise<Void> inTime = Promise.promise();
              long t =
                  vertx.setTimer(
                      FALLBACK_WAIT_MS,
                      id ->
                          inTime.tryFail(
                              new DatabaseUnavailableException(
                                  "neither the journal nor the database took the state change")));
              p.written()
                  .future()
                  .onComplete(
                      ar -> {
                        vertx.cancelTimer(t);
                        inTime.tryComplete();
                      });
              return inTime.future();
            });
  }

  /** Rows not yet in the database. */
  int backlog() {
    return queue.size() + (writing ? 1 : 0);
  }

  /**
   * Completes once everything appended so far is stored; what waits for its moment is written now.
   */
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
    int limit = singles > 0 ? 1 : MAX_BATCH;
    List<Pending> batch = new ArrayList<>();
    while (!queue.isEmpty() && batch.size() < limit) {
      batch.add(queue.poll());
    }
    List<Row> rows = batch.stream().map(Pending::row).toList();
    vertx
        .<Void>executeBlocking(
            () -> {
              repository.appendBlocking(rows);
              return null;
            },
            false)
        .onComplete(
            ar -> {
              writing = false;
              if (ar.succeeded()) {
                stored(batch);
              } else if (DbFailures.isTransient(ar.cause())) {
                if (!outage) {
                  outage = true;
                  LOG.error(
                      "agent state history: the database cannot take {} rows now ({}); retrying until it can, in "
                          + "order (the rows are safe in the journal)",
                      batch.size() + queue.size(),
                      ar.cause().toString());
                }
                retry(batch);
              } else if (batch.size() > 1) {
                singles = batch.size(); // write them one by one to find the row it refused
                requeue(batch);
                flush();
              } else if (++attempts < ATTEMPTS) {
                retry(batch);
              } else {
                Pending p = batch.get(0);
                Row r = p.row();
                deadLetters.setAside(
                    KIND,
                    "tenant "
                        + r.entry().tenantId()
                        + ": agent "
                        + r.entry().agentId()
                        + " state row "
                        + r.entry().state().status()
                        + " ("
                        + r.entry().cause()
                        + ")",
                    p.line(),
                    ar.cause());
                stored(batch);
              }
            });
  }

  /** The batch is in the database (or set aside): on to the next. */
  private void stored(List<Pending> batch) {
    if (outage) {
      outage = false;
      LOG.info("agent state history: the database takes rows again");
    }
    attempts = 0;
    retryDelayMs = FIRST_RETRY_MS;
    if (singles > 0) {
      singles--;
    }
    batch.forEach(p -> p.written().tryComplete());
    journal.checkpoint(batch.get(batch.size() - 1).seq());
    flush();
  }

  private void retry(List<Pending> batch) {
    requeue(batch);
    long delay = retryDelayMs;
    retryDelayMs = Math.min(retryDelayMs * 2, MAX_RETRY_MS);
    if (timer < 0) {
      timer =
          vertx.setTimer(
              delay,
              id -> {
                timer = -1;
                flush();
              });
    }
  }

  private void requeue(List<Pending> batch) {
    for (int i = batch.size() - 1; i >= 0; i--) {
      queue.addFirst(batch.get(i));
    }
  }
}
