package io.tandemcc.push;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Floods of the push socket (issue 13, item 7): authentication first, then a per-socket budget. */
@DisplayName("The push channel under a flood")
class PushFloodTest {
  private static final String PING = new JsonObject().put("type", "ping").encode();
  private Server server;
  private Api api;
  private TestTenant tenant;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "flood");
  }

  @Test
  @DisplayName("a ping before authentication gets no pong: the socket is closed with 1008")
  void pingBeforeAuthenticationClosesTheSocket() throws Exception {
    try (PushClient c = PushClient.connect(server.port())) {
      c.sendText(PING);
      assertThat(c.closeCode(Duration.ofSeconds(3))).isEqualTo((int) PushMessages.CLOSE_AUTH_FIRST);
      assertThat(c.seen()).isEmpty();
      assertThat(c.next(Duration.ofMillis(200))).as("no pong, nothing at all").isNull();
    }
  }

  @Test
  @DisplayName(
      "anything but the auth message first (garbage, an unknown type) closes the socket with 1008")
  void garbageBeforeAuthenticationClosesTheSocket() throws Exception {
    for (String first : new String[] {"this is not json", "{\"type\":\"dance\"}", "[1,2]"}) {
      try (PushClient c = PushClient.connect(server.port())) {
        c.sendText(first);
        assertThat(c.closeCode(Duration.ofSeconds(3)))
            .as(first)
            .isEqualTo((int) PushMessages.CLOSE_AUTH_FIRST);
        assertThat(c.next(Duration.ofMillis(100))).as(first).isNull();
      }
    }
  }

  @Test
  @DisplayName("a socket that never authenticates is closed with 4401 within the auth deadline")
  void silentSocketIsClosed() throws Exception {
    try (PushClient c = PushClient.connect(server.port())) {
      long started = System.nanoTime();
      assertThat(c.closeCode(Duration.ofMillis(PushHub.AUTH_DEADLINE_MS + 2_000)))
          .isEqualTo((int) PushMessages.CLOSE_UNAUTHENTICATED);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(7));
    }
  }

  @Test
  @DisplayName(
      "an authenticated socket flooding thousands of pings is cut off with 4429; other sockets go on")
  void authenticatedFloodIsCutOff() throws Exception {
    String aliceToken = api.tokenOf("alice", tenant.domain());
    String bobToken = api.tokenOf("bob", tenant.domain());
    try (PushClient flooder = PushClient.authenticated(server.port(), aliceToken);
        PushClient bob = PushClient.authenticated(server.port(), bobToken)) {
      int sent = 0;
      try {
        for (; sent < 5_000 && flooder.closeCode(Duration.ZERO) == null; sent++) {
          flooder.sendText(PING);
        }
      } catch (RuntimeException cutOff) {
        // the server closed the socket under our feet
      }
      assertThat(flooder.closeCode(Duration.ofSeconds(3)))
          .isEqualTo((int) PushMessages.CLOSE_FLOODING);
      long pongs = drain(flooder);
      assertThat(pongs)
          .as("pongs answered of %d pings", sent)
          .isLessThanOrEqualTo(PushHub.MESSAGE_BURST);

      // the server keeps serving everybody else
      bob.send(new JsonObject().put("type", "ping"));
      assertThat(bob.nextOfType("pong", Duration.ofSeconds(2))).isNotNull();
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bobToken));
      assertThat(bob.nextOfType("agent.state", Duration.ofSeconds(2))).isNotNull();
      assertThat(api.get("/api/health").status()).isEqualTo(200);
      // and the flooder may come back after reconnecting
      try (PushClient again = PushClient.authenticated(server.port(), aliceToken)) {
        again.send(new JsonObject().put("type", "ping"));
        assertThat(again.nextOfType("pong", Duration.ofSeconds(2))).isNotNull();
      }
    }
  }

  @Test
  @DisplayName(
      "a browser's pace (auth, renewed auth, a ping now and then) stays well inside the budget")
  void normalUseIsNotThrottled() throws Exception {
    String token = api.tokenOf("alice", tenant.domain());
    try (PushClient c = PushClient.authenticated(server.port(), token)) {
      for (int i = 0; i < 5; i++) {
        c.send(new JsonObject().put("type", "ping"));
        assertThat(c.nextOfType("pong", Duration.ofSeconds(2))).isNotNull();
      }
      c.send(
          new JsonObject().put("type", "auth").put("token", api.tokenOf("alice", tenant.domain())));
      c.send(new JsonObject().put("type", "ping"));
      assertThat(c.nextOfType("pong", Duration.ofSeconds(2))).isNotNull();
      assertThat(c.closeCode(Duration.ofMillis(300))).isNull();
    }
  }

  private static long drain(PushClient c) throws InterruptedException {
    long pongs = 0;
    for (JsonObject m = c.next(Duration.ofMillis(300));
        m != null;
        m = c.next(Duration.ofMillis(300))) {
      if ("pong".equals(m.getString("type"))) {
        pongs++;
      }
    }
    return pongs;
  }
}
