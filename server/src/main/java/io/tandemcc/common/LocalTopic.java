package io.tandemcc.common;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish and subscribe of one message type inside this process, for a message whose every
 * microsecond counts: a subscriber on the publisher's own event loop thread gets it at once, inside
 * {@link #publish}; any other gets it through its context, as the event bus would deliver it.
 *
 * <p>The event bus queues every delivery as a task on the consumer's event loop, even on the
 * sender's own thread, so a message waits behind whatever that loop has queued before it: for the
 * screen-pop, behind the other owners' work on the same AMI event and the rest of the AMI read
 * (bench/RESULTS.md, fix 7). Use it where that wait matters and the subscriber's handler is short
 * and touches only state confined to its own event loop; everything else stays on the event bus.
 *
 * <p>Order: messages published from one thread reach a subscriber in publish order. Against the
 * subscriber's event bus messages, a subscriber on the publisher's thread may get a message before
 * an event bus message published earlier; one on another thread gets both through the same task
 * queue, in publish order.
 */
public final class LocalTopic<T> {
  private static final Logger LOG = LoggerFactory.getLogger(LocalTopic.class);
  private final CopyOnWriteArrayList<Subscriber<T>> subscribers = new CopyOnWriteArrayList<>();

  private record Subscriber<T>(Context context, Thread thread, Consumer<T> handler) {}

  /** A subscription; cancel it when the subscriber stops. */
  public interface Subscription {
    void cancel();
  }

  /**
   * Subscribes the caller's event loop context: call it on that context (a verticle's start). The
   * handler always runs on that context's thread.
   */
  public Subscription subscribe(Consumer<T> handler) {
    Objects.requireNonNull(handler, "handler");
    Context context = Vertx.currentContext();
    if (context == null || !Context.isOnEventLoopThread()) {
      throw new IllegalStateException("subscribe on an event loop context");
    }
    Subscriber<T> subscriber = new Subscriber<>(context, Thread.currentThread(), handler);
    subscribers.add(subscriber);
    return () -> subscribers.remove(subscriber);
  }

  /**
   * Hands the message to every subscriber: at once on this thread, through its context on any
   * other.
   */
  public void publish(T message) {
    Thread here = Thread.currentThread();
    for (Subscriber<T> s : subscribers) {
      if (s.thread() == here) {
        try {
          s.handler().accept(message);
        } catch (RuntimeException e) {
          LOG.error(
              "a subscriber failed on {}",
              message.getClass().getSimpleName(),
              e); // the others still get it
        }
      } else {
        s.context().runOnContext(v -> s.handler().accept(message));
      }
    }
  }
}
