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
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 3 on the real server (default DISCONNECTED_AFTER_SECONDS=20): a Ready agent whose
 * last page goes becomes Not Ready "Disconnected", the supervisor's team view shows it, and the
 * returning page is told; a page that comes back within the grace (a reload) changes nothing.
 */
@DisplayName("A dead browser does not keep its agent Ready")
class DeadBrowserTest {
  private static final Duration GRACE = Duration.ofSeconds(20);
  private Server server;
  private Api api;
  private TestTenant tenant;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "presence");
  }

  @Test
  @DisplayName(
      "gone for 20 s: Not Ready 'Disconnected' for the agent and the supervisor; back within it: still Ready")
  void goneAgentBecomesNotReady() throws Exception {
    String alice = api.tokenOf("alice", tenant.domain());
    String bob = api.tokenOf("bob", tenant.domain());
    PushClient aliceTab = PushClient.authenticated(server.port(), alice);
    PushClient bobTab = PushClient.authenticated(server.port(), bob);
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob));

    long gone = System.nanoTime();
    aliceTab.close();
    bobTab.close();
    Thread.sleep(1_000);
    // bob's page comes back (a reload) within the grace
    try (PushClient bobAgain = PushClient.authenticated(server.port(), bob)) {
      JsonObject aliceState = null;
      while (System.nanoTime() - gone < GRACE.plusSeconds(5).toNanos()) {
        aliceState = api.get("/api/agent/state", bearer(alice)).json();
        if ("NOT_READY".equals(aliceState.getString("status"))) {
          break;
        }
        Thread.sleep(200);
      }
      long detectedMs = (System.nanoTime() - gone) / 1_000_000;
      assertThat(aliceState.getString("status")).isEqualTo("NOT_READY");
      assertThat(aliceState.getJsonObject("reason").getString("code")).isEqualTo("disconnected");
      assertThat(aliceState.getJsonObject("reason").getString("label")).isEqualTo("Disconnected");
      assertThat(detectedMs)
          .as("not before the grace")
          .isGreaterThanOrEqualTo(GRACE.toMillis() - 200);
      assertThat(api.get("/api/agent/state", bearer(bob)).json().getString("status"))
          .isEqualTo("READY");

      JsonObject team =
          api.get("/api/supervisor/team", bearer(api.tokenOf("sam", tenant.domain()))).json();
      JsonObject aliceRow =
          agents(team)
              .filter(a -> a.getLong("agentId") == tenant.aliceAgent())
              .findFirst()
              .orElseThrow();
      assertThat(aliceRow.getString("status")).isEqualTo("NOT_READY");
      assertThat(aliceRow.getJsonObject("reason").getString("code")).isEqualTo("disconnected");
      assertThat(aliceRow.getBoolean("browserConnected")).isFalse();
      JsonObject bobRow =
          agents(team)
              .filter(a -> a.getLong("agentId") == tenant.bobAgent())
              .findFirst()
              .orElseThrow();
      assertThat(bobRow.getBoolean("browserConnected")).isTrue();

      // the page that returns learns why in its welcome (the web client says so)
      try (PushClient aliceBack = PushClient.authenticated(server.port(), alice)) {
        assertThat(
                aliceBack
                    .welcome()
                    .getJsonObject("state")
                    .getJsonObject("reason")
                    .getString("code"))
            .isEqualTo("disconnected");
      }
      System.out.printf("dead-browser detection (page closed -> Not Ready): %d ms%n", detectedMs);
    }
  }

  private static Stream<JsonObject> agents(JsonObject team) {
    return team.getJsonArray("agents").stream().map(JsonObject.class::cast);
  }
}
