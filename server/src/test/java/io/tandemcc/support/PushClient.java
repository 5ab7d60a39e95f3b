package io.tandemcc.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A push-channel client as a browser uses it (java.net.http WebSocket), collecting what it
 * receives.
 */
public final class PushClient implements AutoCloseable {
  private final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private PushClient(int port) throws Exception {
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(
                URI.create("ws://127.0.0.1:" + port + "/api/push"),
                new WebSocket.Listener() {
                  private final StringBuilder partial = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    partial.append(data);
                    if (last) {
                      messages.add(new JsonObject(partial.toString()));
                      partial.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }

                  @Override
                  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                    closed.complete(statusCode);
                    return null;
                  }

                  @Override
                  public void onError(WebSocket ws, Throwable error) {
                    closed.complete(-1);
                  }
                })
            .get(5, TimeUnit.SECONDS);
  }

  public static PushClient connect(int port) throws Exception {
    return new PushClient(port);
  }

  /** Connects and authenticates; returns once the welcome arrived. */
  public static PushClient authenticated(int port, String token) throws Exception {
    PushClient c = connect(port);
    c.send(new JsonObject().put("type", "auth").put("token", token));
    // a push the server sends the user's sockets meanwhile (e.g. a PBX error about the login's
    // queue check-in) may
    // come before the welcome: it is kept, in order, for the test to read after the welcome
    java.util.List<JsonObject> before = new java.util.ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    JsonObject welcome;
    do {
      welcome = c.next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (welcome != null && !"welcome".equals(welcome.getString("type"))) {
        before.add(welcome);
        welcome = null;
        continue;
      }
      break;
    } while (System.nanoTime() < deadline);
    if (welcome == null) {
      throw new IllegalStateException("no welcome, got " + before);
    }
    c.welcome = welcome;
    if (!before.isEmpty()) {
      java.util.List<JsonObject> rest = new java.util.ArrayList<>(before);
      c.messages.drainTo(rest);
      c.messages.addAll(rest);
    }
    return c;
  }

  private JsonObject welcome;

  public JsonObject welcome() {
    return welcome;
  }

  public void send(JsonObject message) {
    sendText(message.encode());
  }

  public void sendText(String text) {
    socket.sendText(text, true).join();
  }

  private final java.util.List<JsonObject> seen = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** The next message, or null if none arrives in time. */
  public JsonObject next(Duration timeout) throws InterruptedException {
    JsonObject m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (m != null) {
      seen.add(m);
    }
    return m;
  }

  /** Every message taken so far (also those skipped by {@link #nextOfType}), in order. */
  public java.util.List<JsonObject> seen() {
    return java.util.List.copyOf(seen);
  }

  /** The next message of this type, skipping others, or null. */
  public JsonObject nextOfType(String type, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (m != null && type.equals(m.getString("type"))) {
        return m;
      }
    }
    return null;
  }

  /**
   * The next message of this type that matches, skipping others; fails listing what was seen when
   * none came.
   */
  public JsonObject nextMatching(
      String type, java.util.function.Predicate<JsonObject> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m = nextOfType(type, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (m != null && match.test(m)) {
        return m;
      }
    }
    throw new AssertionError("no matching " + type + "; seen " + seen());
  }

  /** The close code, once closed by the server, or null if still open after the timeout. */
  public Integer closeCode(Duration timeout) {
    try {
      return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      return null;
    }
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }
}
