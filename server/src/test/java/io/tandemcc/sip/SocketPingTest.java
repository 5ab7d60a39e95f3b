package io.tandemcc.sip;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.FakeAsterisk;
import io.tandemcc.support.FakeAsterisk.Peer;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.RawWebSocket;
import io.tandemcc.support.RawWebSocket.Frame;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The server's pings on its two browser sockets, on the real server with the default
 * SOCKET_PING_SECONDS (15): a client that never answers pings (a raw socket) is closed after two
 * unanswered pings, with 4408, on the push channel and on the SIP proxy (whose Asterisk socket is
 * closed with it); a client that answers (the JDK's WebSocket answers pings by itself, as browsers
 * do) stays open. Both sockets are watched at once, so the test takes one wait (~45 s).
 */
@DisplayName("A browser socket that stops answering the server's pings is closed after two misses")
class SocketPingTest {
  private static final int PING = 0x9;
  private Server server;
  private Api api;
  private FakeAsterisk asterisk;

  @BeforeEach
  void setUp() throws Exception {
    server = TestServer.get();
    api = new Api(server.port());
    asterisk = FakeAsterisk.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    asterisk.close();
  }

  private record Seen(int pings, int closeCode, long elapsedMs) {}

  /** Reads the server's frames without answering a ping, until it closes the socket. */
  private static Seen watch(RawWebSocket ws) {
    long start = System.nanoTime();
    int pings = 0;
    try {
      for (Frame f = ws.next(Duration.ofSeconds(60));
          f != null;
          f = ws.next(Duration.ofSeconds(60))) {
        if (f.opcode() == PING) {
          pings++;
        } else if (f.opcode() == RawWebSocket.CLOSE) {
          return new Seen(pings, f.closeCode(), (System.nanoTime() - start) / 1_000_000);
        }
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return new Seen(pings, -1, (System.nanoTime() - start) / 1_000_000);
  }

  @Test
  @DisplayName(
      "push and SIP: a silent client gets two pings and is closed with 4408; an answering one stays open")
  void silentClientsAreClosed() throws Exception {
    var tenant = TestTenants.create(server.database(), "ping");
    String token = api.tokenOf("alice", tenant.domain());
    String ticket = api.post("/api/sip/ticket", "", bearer(token)).json().getString("ticket");

    RawWebSocket push = RawWebSocket.open(server.port(), "/api/push", Map.of());
    push.sendText("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
    assertThat(push.next(Duration.ofSeconds(5)).text()).contains("welcome");
    RawWebSocket sip =
        RawWebSocket.open(
            server.port(),
            "/api/sip?ticket=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8),
            Map.of("Sec-WebSocket-Protocol", "sip"));
    assertThat(sip.status()).isEqualTo(101);
    Peer upstream = asterisk.nextPeer(Duration.ofSeconds(5));
    assertThat(upstream).as("the SIP socket's Asterisk connection").isNotNull();
    try (PushClient answering =
        PushClient.authenticated(server.port(), api.tokenOf("bob", tenant.domain()))) {
      CompletableFuture<Seen> pushSeen = CompletableFuture.supplyAsync(() -> watch(push));
      CompletableFuture<Seen> sipSeen = CompletableFuture.supplyAsync(() -> watch(sip));

      for (Seen seen : new Seen[] {pushSeen.get(), sipSeen.get()}) {
        assertThat(seen.closeCode()).isEqualTo(4408);
        assertThat(seen.pings()).isEqualTo(2);
        // the first ping 0-15 s after opening, the second 15 s later, closed at the third tick
        assertThat(seen.elapsedMs()).isBetween(29_000L, 47_000L);
      }
      assertThat(upstream.closed())
          .as("Asterisk's socket closed with it")
          .succeedsWithin(Duration.ofSeconds(5));
      assertThat(answering.closeCode(Duration.ofMillis(100))).as("the answering client").isNull();
    } finally {
      push.close();
      sip.close();
    }
  }
}
