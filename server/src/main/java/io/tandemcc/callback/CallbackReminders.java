package io.tandemcc.callback;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The due-reminder job: every {@code interval}, the open callbacks that fell due and were not
 * reminded of are claimed (marked reminded, so each is pushed once even with several servers on one
 * database) and pushed to their agent's tabs as {@code callback.due}. A tab that connects later
 * finds them due in {@code GET /api/callbacks}.
 */
public final class CallbackReminders extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackReminders.class);
  private static final int BATCH = 500;
  private final CallbackRepository repository;
  private final Clock clock;
  private final Duration interval;
  private long timer = -1;
  private boolean running;

  public CallbackReminders(CallbackRepository repository, Clock clock, Duration interval) {
    this.repository = repository;
    this.clock = clock;
    this.interval = interval;
  }

  @Override
  public Future<?> start() {
    timer = vertx.setPeriodic(interval.toMillis(), id -> sweep());
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(timer);
    return Future.succeededFuture();
  }

  private void sweep() {
    if (running) {
      return;
    }
    running = true;
    repository
        .claimDue(clock.instant(), BATCH)
        .onSuccess(
            due ->
                due.forEach(
                    t ->
                        vertx
                            .eventBus()
                            .publish(
                                CallbackAddresses.DUE,
                                new CallbackDue(
                                    t.tenantId(),
                                    t.callback().agentId(),
                                    t.callback().dueMessage()))))
        .onFailure(e -> LOG.error("due callbacks not read", e))
        .onComplete(ar -> running = false);
  }
}
