package io.tandemcc.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalTopicTest {
  private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
  private final LocalTopic<String> topic = new LocalTopic<>();
  private final List<String> seen = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void aSubscriberOnThePublishersThreadGetsTheMessageInsidePublishUnlikeAnEventBusConsumer()
      throws Exception {
    Subscriber here = deploy(m -> seen.add("topic " + m));
    onContext(
        here.context,
        () -> vertx.eventBus().<String>localConsumer("bus", m -> seen.add("bus " + m.body())));

    onContext(
        here.context,
        () -> {
          vertx.eventBus().publish("bus", "1");
          topic.publish("1");
          seen.add("publish returned");
        });
    waitFor(3);

    // the topic's subscriber ran before publish returned; the event bus queued its delivery behind
    // the publisher
    assertThat(seen).containsExactly("topic 1", "publish returned", "bus 1");
  }

  @Test
  void aSubscriberOnAnotherEventLoopGetsTheMessagesOnItsOwnThreadInOrder() throws Exception {
    List<Thread> threads = new CopyOnWriteArrayList<>();
    Subscriber publisher = deploy(m -> {});
    Subscriber other =
        deploy(
            m -> {
              threads.add(Thread.currentThread());
              seen.add(m);
            });
    assumeThat(other.thread)
        .isNotSameAs(publisher.thread); // two verticles, two event loops (round robin)

    onContext(
        publisher.context,
        () -> {
          for (int i = 0; i < 100; i++) {
            topic.publish("m" + i);
          }
        });
    waitFor(100);

    assertThat(seen)
        .containsExactlyElementsOf(
            java.util.stream.IntStream.range(0, 100).mapToObj(i -> "m" + i).toList());
    assertThat(threads).containsOnly(other.thread);
  }

  @Test
  void aFailingSubscriberDoesNotStopTheOthersAndACancelledOneGetsNothing() throws Exception {
    Subscriber failing =
        deploy(
            m -> {
              throw new IllegalStateException("broken subscriber");
            });
    Subscriber cancelled = deploy(m -> seen.add("cancelled got " + m));
    onContext(cancelled.context, () -> cancelled.subscription.cancel());
    deployOn(failing.context, m -> seen.add("healthy got " + m));

    onContext(failing.context, () -> topic.publish("x"));
    waitFor(1);
    Thread.sleep(50); // time for a wrong delivery to the cancelled subscriber

    assertThat(seen).containsExactly("healthy got x");
  }

  @Test
  void subscribingOffAnEventLoopIsRefused() {
    assertThatThrownBy(() -> topic.subscribe(m -> {})).isInstanceOf(IllegalStateException.class);
  }

  // ---- helpers

  private record Subscriber(Context context, Thread thread, LocalTopic.Subscription subscription) {}

  /** A verticle of its own that subscribes when it starts. */
  private Subscriber deploy(Consumer<String> handler) throws Exception {
    CompletableFuture<Subscriber> started = new CompletableFuture<>();
    VerticleBase verticle =
        new VerticleBase() {
          @Override
          public Future<?> start() {
            started.complete(
                new Subscriber(context, Thread.currentThread(), topic.subscribe(handler)));
            return Future.succeededFuture();
          }
        };
    vertx
        .deployVerticle(verticle)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return started.get(10, TimeUnit.SECONDS);
  }

  /**
   * Another subscriber on an existing context (as the owners and the first HTTP verticle share
   * one).
   */
  private void deployOn(Context context, Consumer<String> handler) throws Exception {
    onContext(context, () -> topic.subscribe(handler));
  }

  private static void onContext(Context context, Runnable action) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(
        v -> {
          try {
            action.run();
            done.complete(null);
          } catch (RuntimeException e) {
            done.completeExceptionally(e);
          }
        });
    done.get(10, TimeUnit.SECONDS);
  }

  private void waitFor(int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (seen.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
  }
}
