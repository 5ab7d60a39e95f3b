package io.tandemcc.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.support.RawWebSocket;
import io.tandemcc.support.RawWebSocket.Frame;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat on real sockets (a Vert.x server, a raw client that answers pings only when told
 * to), with a short interval: the push hub and the SIP proxy use this class on their browser
 * sockets with SOCKET_PING_SECONDS.
 */
@DisplayName("The server pings a WebSocket and closes it after two unanswered pings")
class SocketHeartbeatTest {
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final int PING = 0x9;
  private static final int PONG = 0xA;
  private final Vertx vertx = Vertx.vertx();
  private HttpServer server;

  @BeforeEach
  void start() throws Exception {
    server =
        vertx
            .createHttpServer()
            .webSocketHandler(
                ws -> {
                  SocketHeartbeat heartbeat =
                      SocketHeartbeat.start(
                          vertx, ws, INTERVAL, () -> ws.close((short) 4408, "ping"));
                  ws.closeHandler(v -> heartbeat.stop());
                })
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName(
      "a client that stops answering is closed after two misses (4408), about three intervals later")
  void silentClientIsClosed() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(server.actualPort(), "/", Map.of())) {
      assertThat(ws.status()).isEqualTo(101);
      long start = System.nanoTime();
      int pings = 0;
      int closeCode = 0;
      for (Frame f = ws.next(Duration.ofSeconds(5));
          f != null;
          f = ws.next(Duration.ofSeconds(5))) {
        if (f.opcode() == PING) {
          pings++;
        } else if (f.opcode() == RawWebSocket.CLOSE) {
          closeCode = f.closeCode();
          break;
        }
      }
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertThat(closeCode).isEqualTo(4408);
      assertThat(pings).as("the two unanswered pings").isEqualTo(2);
      assertThat(elapsedMs).isBetween(2 * INTERVAL.toMillis(), 10 * INTERVAL.toMillis());
    }
  }

  @Test
  @DisplayName("a client that answers every ping stays open")
  void answeringClientStaysOpen() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(server.actualPort(), "/", Map.of())) {
      int pings = 0;
      long deadline = System.nanoTime() + Duration.ofMillis(8 * INTERVAL.toMillis()).toNanos();
      while (System.nanoTime() < deadline) {
        Frame f = ws.next(Duration.ofMillis(INTERVAL.toMillis() * 2));
        assertThat(f).as("still open after %d pings", pings).isNotNull();
        assertThat(f.opcode()).as("no close").isEqualTo(PING);
        pings++;
        ws.send(PONG, f.payload(), true, false);
      }
      assertThat(pings).isGreaterThanOrEqualTo(5);
    }
  }
}
