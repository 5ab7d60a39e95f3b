package io.tandemcc.common;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs several verticles on this verticle's one context, so on one event loop. Each part stays what
 * it was: a single-threaded owner that talks to the others only over the event bus. What changes is
 * the cost of a message between them: Vert.x delivers an event-bus message to a consumer by
 * queueing a task on the consumer's event loop, so between two parts on the same loop it is a task
 * appended to the running thread's queue instead of waking another thread (20–500 µs on a two-core
 * machine, see bench/RESULTS.md).
 *
 * <p>Parts start in the given order, each after the previous one has started, and stop in reverse
 * order; a part's {@code start} and {@code stop} run on the shared context as they would on their
 * own. They share what Vert.x keeps per context: timers and consumers end with the whole
 * deployment, and {@code executeBlocking(…, ordered = true)} puts the blocking work of all parts in
 * one queue, one task after the other. So the parts keep their own order for their database writes
 * ({@link io.tandemcc.db.WriteBehind}: one batch at a time) instead of relying on that queue, where
 * a slow AMI action of another part would hold them up.
 */
public final class OneEventLoop extends VerticleBase {
  private static final Logger LOG = LoggerFactory.getLogger(OneEventLoop.class);

  private final List<VerticleBase> parts;
  private final Deque<VerticleBase> started = new ArrayDeque<>();

  public OneEventLoop(List<? extends VerticleBase> parts) {
    this.parts = List.copyOf(parts);
  }

  /**
   * Starts the parts one after the other; if one fails, those started are stopped and the
   * deployment fails.
   */
  @Override
  public Future<?> start() {
    Future<?> chain = Future.succeededFuture();
    for (VerticleBase part : parts) {
      chain = chain.compose(previous -> deploy(part));
    }
    return chain.recover(failure -> stop().transform(stopped -> Future.failedFuture(failure)));
  }

  private Future<?> deploy(VerticleBase part) {
    return attempt(() -> part.deploy(context)).onSuccess(v -> started.push(part));
  }

  /**
   * Stops the started parts, last first; a part that fails to stop is logged and the others still
   * stop.
   */
  @Override
  public Future<?> stop() {
    Future<?> chain = Future.succeededFuture();
    while (!started.isEmpty()) {
      VerticleBase part = started.pop();
      chain = chain.eventually(() -> undeploy(part));
    }
    return chain;
  }

  private Future<?> undeploy(VerticleBase part) {
    return attempt(() -> part.undeploy(context))
        .recover(
            failure -> {
              LOG.warn("{} did not stop cleanly", part.getClass().getSimpleName(), failure);
              return Future.succeededFuture();
            });
  }

  /** A step that throws instead of failing its future fails it all the same. */
  private static Future<?> attempt(Callable<Future<?>> step) {
    try {
      return step.call();
    } catch (Exception e) {
      return Future.failedFuture(e);
    }
  }
}
