package io.tandemcc.common;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketBase;
import java.time.Duration;

/**
 * Pings a browser's WebSocket at a fixed interval and closes it when it leaves {@link
 * #ALLOWED_MISSES} pings in a row unanswered. A killed browser on a live machine closes its TCP
 * connection at once, but a laptop that sleeps, a lost Wi-Fi or a NAT that forgets the flow leaves
 * a socket that looks open for many minutes; without the ping such a socket keeps its agent
 * "present" (and Ready). Browsers answer ping frames by themselves (RFC 6455 5.5.2), so no web
 * client code is involved. The owner must call {@link #stop()} when the socket closes (its close
 * handler is the owner's); the pong handler of the socket is this heartbeat's.
 */
public final class SocketHeartbeat {
  public static final int ALLOWED_MISSES = 2;
  private static final byte[] PING = "tandem".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final Vertx vertx;
  private final PingMisses misses = new PingMisses(ALLOWED_MISSES);
  private long timer = -1;

  private SocketHeartbeat(Vertx vertx) {
    this.vertx = vertx;
  }

  /**
   * Starts pinging {@code socket} every {@code interval}; {@code onDead} runs once (on the caller's
   * context) when it missed too many pings, and should close the socket with a reason.
   */
  public static SocketHeartbeat start(
      Vertx vertx, WebSocketBase socket, Duration interval, Runnable onDead) {
    SocketHeartbeat heartbeat = new SocketHeartbeat(vertx);
    socket.pongHandler(pong -> heartbeat.misses.alive());
    heartbeat.timer =
        vertx.setPeriodic(
            Math.max(1, interval.toMillis()),
            id -> {
              if (socket.isClosed()) {
                heartbeat.stop();
              } else if (heartbeat.misses.tick()) {
                heartbeat.stop();
                onDead.run();
              } else {
                socket.writePing(
                    Buffer.buffer(
                        PING)); // a fresh buffer each time: the transport may release what it sent
              }
            });
    return heartbeat;
  }

  /** Any frame from the peer also proves it alive. */
  public void alive() {
    misses.alive();
  }

  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
      timer = -1;
    }
  }
}
