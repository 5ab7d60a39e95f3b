package io.tandemcc.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A browser's SIP WebSocket as JsSIP opens it: {@code ws://host/api/sip?ticket=…} with subprotocol
 * {@code sip} (java.net.http, a client we do not write). Collects every text frame it receives.
 */
public final class SipWsClient implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private final LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final WebSocket socket;

  /** How the server closed the socket; code -1 if the connection failed without a close frame. */
  public record Closed(int code, String reason) {}

  private SipWsClient(int port, String ticket, String subprotocol) throws Exception {
    WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    if (subprotocol != null) {
      builder.subprotocols(subprotocol);
    }
    String query =
        ticket == null ? "" : "?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
    socket =
        builder
            .buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/sip" + query), new Listener())
            .get(10, TimeUnit.SECONDS);
  }

  public static SipWsClient connect(int port, String ticket) throws Exception {
    return new SipWsClient(port, ticket, "sip");
  }

  /**
   * The HTTP status the upgrade was refused with, or 101 if it was accepted (the socket is then
   * closed).
   */
  public static int upgradeStatus(int port, String ticket, String subprotocol) throws Exception {
    try {
      new SipWsClient(port, ticket, subprotocol).close();
      return 101;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException h) {
        return h.getResponse().statusCode();
      }
      throw e;
    }
  }

  public String subprotocol() {
    return socket.getSubprotocol();
  }

  public void send(String text) {
    socket.sendText(text, true).join();
  }

  public void sendBinary(byte[] data) {
    socket.sendBinary(ByteBuffer.wrap(data), true).join();
  }

  /** The next frame received, or null if none arrives in time. */
  public String next(Duration timeout) throws InterruptedException {
    return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** How the server closed the socket, or null if it is still open after the timeout. */
  public Closed closed(Duration timeout) {
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

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      closed.complete(new Closed(statusCode, reason));
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      closed.complete(new Closed(-1, String.valueOf(error)));
    }
  }
}
