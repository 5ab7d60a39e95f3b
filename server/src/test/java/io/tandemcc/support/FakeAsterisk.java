package io.tandemcc.support;

import io.tandemcc.support.SipTraces.Frame;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A stand-in for Asterisk's WebSocket transport: a real WebSocket server (subprotocol {@code sip})
 * on {@link TestServer#asteriskPort()}. Each accepted connection is a {@link Peer} that records
 * every frame it receives and, when scripted with {@link Peer#replay}, plays a trace's Asterisk
 * side: it sends the {@code <<<} frames in order and expects exactly the {@code >>>} frames in
 * between.
 */
public final class FakeAsterisk implements AutoCloseable {
  private final Vertx vertx = Vertx.vertx();
  private final LinkedBlockingQueue<Peer> peers = new LinkedBlockingQueue<>();
  private volatile Consumer<Peer> onConnect = peer -> {};
  private final HttpServer server;

  private FakeAsterisk(int port) throws Exception {
    server =
        vertx
            .createHttpServer(
                new HttpServerOptions()
                    .setHost("127.0.0.1")
                    .setPort(port)
                    .addWebSocketSubProtocol("sip"))
            .webSocketHandler(this::accept)
            .listen()
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
  }

  /** Listens on the port the test server's proxy connects to. */
  public static FakeAsterisk start() throws Exception {
    return new FakeAsterisk(TestServer.asteriskPort());
  }

  /** What every following connection does first (e.g. {@code peer -> peer.replay(frames)}). */
  public FakeAsterisk onConnect(Consumer<Peer> behaviour) {
    this.onConnect = behaviour;
    return this;
  }

  /** The next connection the proxy opened, or null if none comes in time. */
  public Peer nextPeer(Duration timeout) throws InterruptedException {
    return peers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void accept(ServerWebSocket ws) {
    Peer peer = new Peer(ws);
    ws.textMessageHandler(peer::received);
    ws.binaryMessageHandler(b -> peer.received(b.toString()));
    ws.closeHandler(v -> peer.closed.complete(null));
    onConnect.accept(peer);
    peers.add(peer);
  }

  @Override
  public void close() throws Exception {
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** One upstream WebSocket opened by the proxy. Callbacks run on the fake's event loop. */
  public static final class Peer {
    private final ServerWebSocket ws;
    private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final CompletableFuture<Void> replayed = new CompletableFuture<>();
    private List<Frame> script;
    private int next;

    private Peer(ServerWebSocket ws) {
      this.ws = ws;
    }

    /** The subprotocol the proxy asked for and got. */
    public String subProtocol() {
      return ws.subProtocol();
    }

    /**
     * Plays the Asterisk side of {@code frames}; {@link #replayed()} completes at the end or fails
     * on a mismatch.
     */
    public void replay(List<Frame> frames) {
      ws.exceptionHandler(replayed::completeExceptionally);
      script = frames;
      next = 0;
      sendDue();
    }

    public CompletableFuture<Void> replayed() {
      return replayed;
    }

    public CompletableFuture<Void> closed() {
      return closed;
    }

    /** The next frame received, or null if none arrives in time. */
    public String nextReceived(Duration timeout) throws InterruptedException {
      return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int receivedCount() {
      return received.size();
    }

    public void send(String text) {
      ws.writeTextMessage(text);
    }

    /** Drops the connection, as a restarting Asterisk would. */
    public void close() {
      ws.close();
    }

    private void received(String text) {
      received.add(text);
      if (script == null || replayed.isDone()) {
        return;
      }
      if (next >= script.size() || !script.get(next).toAsterisk()) {
        replayed.completeExceptionally(
            new AssertionError("unexpected frame from the proxy:\n" + text));
        return;
      }
      String expected = script.get(next).text();
      if (!expected.equals(text)) {
        replayed.completeExceptionally(
            new AssertionError(
                "frame " + next + " differs.\nexpected:\n" + expected + "\nreceived:\n" + text));
        return;
      }
      next++;
      sendDue();
    }

    private void sendDue() {
      while (next < script.size() && !script.get(next).toAsterisk()) {
        ws.writeTextMessage(script.get(next).text());
        next++;
      }
      if (next == script.size()) {
        replayed.complete(null);
      }
    }
  }
}
