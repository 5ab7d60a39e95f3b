package io.tandemcc.web;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.RawWebSocket;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every WebSocket of the server (push and SIP) bounds what one message can cost it (issue 13, item
 * 7): no compression is negotiated, so a small frame can never inflate to megabytes, and a frame or
 * message above {@link HttpVerticle#MAX_WEBSOCKET_FRAME} closes the socket with 1009.
 */
@DisplayName("WebSocket frame and message limits")
class WebSocketLimitsTest {
  private static final Map<String, String> OFFERS_DEFLATE =
      Map.of("Sec-WebSocket-Extensions", "permessage-deflate; client_max_window_bits");
  private static final Duration WAIT = Duration.ofSeconds(3);
  private Server server;
  private Api api;
  private TestTenant tenant;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "wslimits");
  }

  @Test
  @DisplayName("a client offering permessage-deflate on the push socket is upgraded without it")
  void pushNegotiatesNoCompression() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(server.port(), "/api/push", OFFERS_DEFLATE)) {
      assertThat(ws.status()).isEqualTo(101);
      assertThat(ws.header("Sec-WebSocket-Extensions")).isNull();
    }
  }

  @Test
  @DisplayName("a client offering permessage-deflate on the SIP socket is upgraded without it")
  void sipNegotiatesNoCompression() throws Exception {
    String ticket =
        api.post("/api/sip/ticket", "", bearer(api.tokenOf("alice", tenant.domain())))
            .json()
            .getString("ticket");
    Map<String, String> headers =
        Map.of(
            "Sec-WebSocket-Extensions",
            OFFERS_DEFLATE.get("Sec-WebSocket-Extensions"),
            "Sec-WebSocket-Protocol",
            "sip");
    try (RawWebSocket ws =
        RawWebSocket.open(
            server.port(),
            "/api/sip?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8),
            headers)) {
      assertThat(ws.status()).isEqualTo(101);
      assertThat(ws.header("Sec-WebSocket-Extensions")).isNull();
    }
  }

  @Test
  @DisplayName("a 30 MiB deflate bomb in one small frame is refused (1002) without being inflated")
  void deflateBombIsNotInflated() throws Exception {
    byte[] bomb = deflated(30 * 1024 * 1024);
    assertThat(bomb.length)
        .as("the bomb fits in one frame")
        .isLessThan(HttpVerticle.MAX_WEBSOCKET_FRAME);
    String token = api.tokenOf("alice", tenant.domain());
    try (RawWebSocket ws = RawWebSocket.open(server.port(), "/api/push", OFFERS_DEFLATE)) {
      ws.sendText(new JsonObject().put("type", "auth").put("token", token).encode());
      assertThat(ws.next(WAIT).text()).contains("welcome");
      ws.send(RawWebSocket.TEXT, bomb, true, true);
      // RSV1 without a negotiated extension is a protocol error: the frame is refused as it is read
      assertThat(ws.closeCode(WAIT)).isIn(1002, -1);
    }
    assertServerHealthy();
  }

  @Test
  @DisplayName(
      "a frame claiming more than the limit ends the connection before its payload, and the server goes on")
  void oversizedFrameIsRefused() throws Exception {
    try (RawWebSocket ws = RawWebSocket.open(server.port(), "/api/push", Map.of())) {
      ws.sendHeaderClaiming(HttpVerticle.MAX_WEBSOCKET_FRAME + 1);
      // Netty's frame decoder refuses the header and Vert.x drops the connection (no close frame
      // follows a
      // corrupt frame); what matters is that the socket ends at once instead of waiting for 64 KiB
      // and more
      assertThat(ws.closeCode(WAIT)).isIn(1009, -1);
    }
    assertServerHealthy();
  }

  @Test
  @DisplayName("a message of fragments larger than the limit in total closes the socket with 1009")
  void oversizedFragmentedMessageIsRefused() throws Exception {
    String token = api.tokenOf("alice", tenant.domain());
    try (RawWebSocket ws = RawWebSocket.open(server.port(), "/api/push", Map.of())) {
      ws.sendText(new JsonObject().put("type", "auth").put("token", token).encode());
      assertThat(ws.next(WAIT).text()).contains("welcome");
      byte[] part = new byte[HttpVerticle.MAX_WEBSOCKET_FRAME / 2 + 1];
      Arrays.fill(part, (byte) ' ');
      ws.send(RawWebSocket.TEXT, part, false, false);
      ws.send(0x0, part, false, false);
      ws.send(0x0, part, true, false);
      assertThat(ws.closeCode(WAIT)).isEqualTo(1009);
    }
    assertServerHealthy();
  }

  private void assertServerHealthy() throws Exception {
    assertThat(api.get("/api/health").status()).isEqualTo(200);
    try (PushClient c =
        PushClient.authenticated(server.port(), api.tokenOf("bob", tenant.domain()))) {
      c.send(new JsonObject().put("type", "ping"));
      assertThat(c.nextOfType("pong", WAIT)).isNotNull();
    }
  }

  /**
   * Raw deflate (RFC 7692: no zlib header, the trailing 00 00 ff ff dropped) of {@code size}
   * spaces.
   */
  private static byte[] deflated(int size) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    byte[] chunk = new byte[1024 * 1024];
    Arrays.fill(chunk, (byte) ' ');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    for (int written = 0; written < size; written += chunk.length) {
      deflater.setInput(chunk);
      while (!deflater.needsInput()) {
        out.write(buffer, 0, deflater.deflate(buffer));
      }
    }
    int n;
    while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
      out.write(buffer, 0, n);
    }
    deflater.end();
    byte[] all = out.toByteArray();
    return Arrays.copyOf(all, all.length - 4);
  }
}
