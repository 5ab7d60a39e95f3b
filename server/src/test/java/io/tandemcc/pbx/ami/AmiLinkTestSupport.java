package io.tandemcc.pbx.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.PbxEvent.LinkUp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts Vert.x, a scripted peer and a real {@link AmiLink} against it; tears everything down
 * afterwards.
 */
abstract class AmiLinkTestSupport {
  static final Duration WAIT = Duration.ofSeconds(10);
  static final String SECRET = "not-the-real-secret-4711";

  Vertx vertx;
  ScriptedAmiPeer peer;
  AmiLink link;
  final EventRecorder events = new EventRecorder();

  @BeforeEach
  void startVertx() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stopEverything() throws Exception {
    if (link != null) {
      link.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    if (peer != null) {
      peer.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Test timings: keep-alive out of the way, quick reconnects. */
  AmiConfig config(int port) {
    return AmiConfig.of("pbx-test", "127.0.0.1", port, "cc", SECRET)
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(3))
        .withPingInterval(Duration.ofSeconds(60))
        .withReconnect(Duration.ofMillis(50), Duration.ofMillis(400))
        .withBootWait(Duration.ofSeconds(3));
  }

  AmiLink startLink(ScriptedAmiPeer scripted) {
    return startLink(scripted, UnaryOperator.identity());
  }

  AmiLink startLink(ScriptedAmiPeer scripted, UnaryOperator<AmiConfig> tweak) {
    peer = scripted;
    link = await(AmiLink.deploy(vertx, tweak.apply(config(scripted.port())), events));
    return link;
  }

  /** Starts the link on a trace and waits until it is up. */
  AmiLink linkUpOn(AmiScript script) throws Exception {
    startLink(ScriptedAmiPeer.start(script));
    events.await(LinkUp.class, WAIT);
    return link;
  }

  /**
   * Waits for the peer to play the script to its end, then does a Ping round trip: its answer
   * travels behind every event the peer sent, so once it is back every event has been queued on the
   * link's context; a last task on that context then runs behind their delivery to the sink.
   */
  void drain() throws Exception {
    peer.scriptDone().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    await(link.commands().ping());
    CompletableFuture<Void> delivered = new CompletableFuture<>();
    link.context().runOnContext(v -> delivered.complete(null));
    delivered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  static void waitUntil(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(10);
    }
  }

  static <T> T await(Future<T> future) {
    try {
      return future
          .toCompletionStage()
          .toCompletableFuture()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("future failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static Throwable failureOf(Future<?> future) {
    try {
      future.toCompletionStage().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected the future to fail");
  }

  void assertNoMalformedEvents() {
    assertThat(link.stats().malformed()).as("malformed events").isEmpty();
  }
}
