package io.tandemcc.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.support.Await;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Write-behind: an owner's writes run in order, a moment after the event")
class WriteBehindTest {
  private final Vertx vertx = Vertx.vertx();
  private final Context owner = vertx.getOrCreateContext();
  private final List<String> log = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeVertx() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("writes wait for the delay, then run on a worker thread in the order submitted")
  void delayedAndOrdered() throws Exception {
    WriteBehind writes = new WriteBehind(vertx, Duration.ofMillis(50));
    long submittedAt = System.nanoTime();
    List<Future<Void>> done =
        onOwner(
            () ->
                List.of(
                    writes.submit(() -> "first", () -> log.add("first on " + worker())),
                    writes.submit(() -> "second", () -> log.add("second on " + worker())),
                    writes.submit(() -> "third", () -> log.add("third on " + worker()))));

    await(Future.all(done));

    assertThat(System.nanoTime() - submittedAt)
        .as("not before the delay")
        .isGreaterThanOrEqualTo(50_000_000L);
    assertThat(log).hasSize(3);
    String thread = log.get(0).substring("first on ".length());
    assertThat(thread).startsWith("vert.x-worker-thread-");
    assertThat(log)
        .containsExactly("first on " + thread, "second on " + thread, "third on " + thread);
  }

  @Test
  @DisplayName("a write submitted while a batch runs goes after that whole batch")
  void laterBatchWaitsForTheRunningOne() throws Exception {
    WriteBehind writes = new WriteBehind(vertx, Duration.ofMillis(1));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch slowStarted = new CountDownLatch(1);
    Future<Void> slow =
        onOwner(
            () ->
                writes.submit(
                    () -> "slow",
                    () -> {
                      slowStarted.countDown();
                      awaitQuietly(release);
                      log.add("slow");
                    }));
    assertThat(slowStarted.await(10, TimeUnit.SECONDS)).isTrue();
    Future<Void> quick = onOwner(() -> writes.submit(() -> "quick", () -> log.add("quick")));
    Thread.sleep(100); // the quick write's batch is due now, but must wait for the slow one
    assertThat(log).isEmpty();

    release.countDown();
    await(Future.all(slow, quick));

    assertThat(log).containsExactly("slow", "quick");
  }

  @Test
  @DisplayName(
      "a write refused for good is tried three times, then set aside (future failed, counted); the rest runs")
  void refusedWriteIsSetAsideAndTheRestRuns() throws Exception {
    WriteBehind writes = new WriteBehind(vertx, Duration.ofMillis(1));
    List<String> setAside = new CopyOnWriteArrayList<>();
    vertx.eventBus().<String>localConsumer(DatabaseHealth.DEAD_LETTER, m -> setAside.add(m.body()));
    java.util.concurrent.atomic.AtomicInteger tries =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Future<Void>> done =
        onOwner(
            () ->
                List.of(
                    writes.submit(
                        () -> "broken",
                        () -> {
                          tries.incrementAndGet();
                          throw new IllegalStateException("constraint violated");
                        }),
                    writes.submit(() -> "fine", () -> log.add("fine"))));

    await(
        Future.join(done).otherwiseEmpty()); // join waits for every write, and fails since one did

    assertThat(done.get(0).failed()).isTrue();
    assertThat(done.get(0).cause()).hasMessage("constraint violated");
    assertThat(tries.get()).isEqualTo(WriteBehind.ATTEMPTS);
    assertThat(done.get(1).succeeded()).isTrue();
    assertThat(log).containsExactly("fine");
    Await.until(
        () -> setAside.equals(List.of(WriteBehind.KIND)),
        "counted as a dead letter",
        Duration.ofSeconds(5));
  }

  @Test
  @DisplayName(
      "a write the database cannot take now is retried until it can; the writes after it wait, in order")
  void unavailableDatabaseIsWaitedFor() throws Exception {
    WriteBehind writes = new WriteBehind(vertx, Duration.ofMillis(1));
    java.util.concurrent.atomic.AtomicInteger outage =
        new java.util.concurrent.atomic.AtomicInteger(5);
    List<Future<Void>> done =
        onOwner(
            () ->
                List.of(
                    writes.submit(
                        () -> "call record",
                        () -> {
                          if (outage.getAndDecrement() > 0) {
                            throw new org.jooq.exception.DataAccessException(
                                "no connection",
                                new java.sql.SQLTransientConnectionException(
                                    "tandemcc-db - Connection is not available"));
                          }
                          log.add("call record");
                        }),
                    writes.submit(() -> "party", () -> log.add("party"))));
    Thread.sleep(200);
    Future<Void> later =
        onOwner(() -> writes.submit(() -> "end of call", () -> log.add("end of call")));

    await(Future.all(done.get(0), done.get(1), later));

    assertThat(log).containsExactly("call record", "party", "end of call");
    assertThat(outage.get()).isNegative(); // it failed five times first
  }

  @Test
  @DisplayName("the futures complete on the owner's context")
  void completesOnTheOwnersContext() throws Exception {
    WriteBehind writes = new WriteBehind(vertx, Duration.ofMillis(1));
    Promise<Context> completedOn = Promise.promise();
    onOwner(
        () ->
            writes
                .submit(() -> "w", () -> log.add("w"))
                .onComplete(ar -> completedOn.complete(Vertx.currentContext())));

    assertThat(await(completedOn.future())).isSameAs(owner);
  }

  private <T> T onOwner(Supplier<T> action) throws Exception {
    Promise<T> result = Promise.promise();
    owner.runOnContext(v -> result.complete(action.get()));
    return await(result.future());
  }

  private static String worker() {
    return Thread.currentThread().getName();
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
