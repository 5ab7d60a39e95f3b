package io.tandemcc.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Several verticles on one event loop")
class OneEventLoopTest {
  private final Vertx vertx = Vertx.vertx();
  private final List<String> log = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName(
      "parts start in order on one context, and a message between two parts stays on its thread")
  void partsShareOneContext() throws Exception {
    Part sender = new Part("sender");
    Part receiver =
        new Part("receiver") {
          @Override
          public Future<?> start() {
            super.start();
            return vertx
                .eventBus()
                .<String>consumer("test.ping", m -> m.reply(Thread.currentThread().getName()))
                .completion();
          }
        };
    Part third = new Part("third");

    await(vertx.deployVerticle(new OneEventLoop(List.of(sender, receiver, third))));

    assertThat(log).containsExactly("start sender", "start receiver", "start third");
    assertThat(receiver.startedOn).isSameAs(sender.startedOn).isSameAs(third.startedOn);
    assertThat(sender.startedThread).startsWith("vert.x-eventloop-thread-");
    String answeredOn =
        await(
            runOn(
                sender.startedOn,
                () -> vertx.eventBus().<String>request("test.ping", "ping").map(m -> m.body())));
    assertThat(answeredOn).isEqualTo(sender.startedThread);
  }

  @Test
  @DisplayName(
      "parts stop last first; one that fails to stop does not keep the others from stopping")
  void stopsInReverseOrder() throws Exception {
    Part failing =
        new Part("failing") {
          @Override
          public Future<?> stop() {
            super.stop();
            return Future.failedFuture(new IllegalStateException("cannot stop"));
          }
        };
    String id =
        await(
            vertx.deployVerticle(new OneEventLoop(List.of(new Part("a"), failing, new Part("c")))));
    log.clear();

    await(vertx.undeploy(id));

    assertThat(log).containsExactly("stop c", "stop failing", "stop a");
  }

  @Test
  @DisplayName(
      "a part that fails to start fails the deployment; the parts started before it are stopped")
  void failedStartStopsTheStartedParts() {
    Part refusing =
        new Part("refusing") {
          @Override
          public Future<?> start() {
            super.start();
            return Future.failedFuture(new IllegalStateException("no database"));
          }
        };

    Throwable failure =
        failureOf(
            vertx.deployVerticle(
                new OneEventLoop(
                    List.of(new Part("a"), new Part("b"), refusing, new Part("never")))));

    assertThat(failure).hasMessage("no database");
    assertThat(log).containsExactly("start a", "start b", "start refusing", "stop b", "stop a");
    assertThat(vertx.deploymentIDs()).isEmpty();
  }

  /** Records its start and stop, and where it started. */
  private class Part extends VerticleBase {
    private final String name;
    volatile Context startedOn;
    volatile String startedThread;

    Part(String name) {
      this.name = name;
    }

    @Override
    public Future<?> start() {
      startedOn = Vertx.currentContext();
      startedThread = Thread.currentThread().getName();
      log.add("start " + name);
      return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
      log.add("stop " + name);
      return Future.succeededFuture();
    }
  }

  private static <T> Future<T> runOn(Context context, java.util.function.Supplier<Future<T>> work) {
    io.vertx.core.Promise<T> done = io.vertx.core.Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the deployment to fail");
  }
}
