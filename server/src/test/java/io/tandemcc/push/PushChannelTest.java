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

@DisplayName("The push channel")
class PushChannelTest {
  private static final Duration SOON = Duration.ofSeconds(1);
  private static final Duration QUIET = Duration.ofMillis(500);
  private Server server;
  private Api api;
  private TestTenant tenant;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "push");
  }

  @Test
  @DisplayName(
      "every tab of an agent gets each state change within a second, and no other agent does")
  void allTabsOfTheAgentSeeChanges() throws Exception {
    String tab1Token = api.tokenOf("alice", tenant.domain());
    String tab2Token = api.tokenOf("alice", tenant.domain());
    String bobToken = api.tokenOf("bob", tenant.domain());
    try (PushClient tab1 = PushClient.authenticated(server.port(), tab1Token);
        PushClient tab2 = PushClient.authenticated(server.port(), tab2Token);
        PushClient bob = PushClient.authenticated(server.port(), bobToken)) {
      assertThat(tab1.welcome().getJsonObject("state").getString("status")).isEqualTo("NOT_READY");

      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(tab1Token));
      for (PushClient tab : new PushClient[] {tab1, tab2}) {
        JsonObject m = tab.nextOfType("agent.state", SOON);
        assertThat(m).isNotNull();
        assertThat(m.getJsonObject("state").getString("status")).isEqualTo("READY");
        assertThat(m.getJsonObject("state").getLong("agentId")).isEqualTo(tenant.aliceAgent());
      }
      api.put(
          "/api/agent/state",
          "{\"status\":\"NOT_READY\",\"reasonCode\":\"lunch\"}",
          bearer(tab2Token));
      assertThat(
              tab1.nextOfType("agent.state", SOON)
                  .getJsonObject("state")
                  .getJsonObject("reason")
                  .getString("label"))
          .isEqualTo("Lunch");
      assertThat(bob.next(QUIET)).as("bob gets nothing of alice").isNull();
    }
  }

  @Test
  @DisplayName("closing one tab changes nothing for the agent or its other tabs")
  void closingATabChangesNothing() throws Exception {
    String token = api.tokenOf("alice", tenant.domain());
    PushClient tab1 = PushClient.authenticated(server.port(), token);
    try (PushClient tab2 = PushClient.authenticated(server.port(), token)) {
      tab1.close();
      Thread.sleep(200);
      assertThat(api.get("/api/agent/state", bearer(token)).json().getString("status"))
          .isEqualTo("NOT_READY");
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token));
      assertThat(tab2.nextOfType("agent.state", SOON)).isNotNull();
    }
  }

  @Test
  @DisplayName("a supervisor sees the team updates of its groups only, and never another tenant's")
  void supervisorsSeeTheirGroupsOnly() throws Exception {
    TestTenant other = TestTenants.create(server.database(), "push-other");
    String sam = api.tokenOf("sam", tenant.domain());
    String otherSam = api.tokenOf("sam", other.domain());
    try (PushClient supervisor = PushClient.authenticated(server.port(), sam);
        PushClient foreign = PushClient.authenticated(server.port(), otherSam)) {
      // updates follow the snapshot a supervisor's page loads first
      assertThat(api.get("/api/supervisor/team", bearer(sam)).status()).isEqualTo(200);
      assertThat(api.get("/api/supervisor/team", bearer(otherSam)).status()).isEqualTo(200);
      String alice = api.tokenOf("alice", tenant.domain());
      JsonObject seen = supervisor.nextOfType("team.agent", SOON);
      assertThat(seen).as("alice's login is seen").isNotNull();
      assertThat(seen.getJsonObject("agent").getLong("agentId")).isEqualTo(tenant.aliceAgent());
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
      assertThat(
              supervisor.nextOfType("team.agent", SOON).getJsonObject("agent").getString("status"))
          .isEqualTo("READY");
      JsonObject queue = supervisor.next(QUIET);
      assertThat(queue).as("then the Support queue's ready count").isNotNull();
      assertThat(queue.getString("type")).isEqualTo("team.queue");

      String carol = api.tokenOf("carol", tenant.domain()); // sales: not sam's group
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(carol));
      assertThat(supervisor.next(QUIET)).as("carol is in sales, not supervised by sam").isNull();
      assertThat(foreign.next(QUIET)).as("nothing crosses tenants").isNull();
    }
  }

  @Test
  @DisplayName("logout sends every tab of the user back to the login page and closes its sockets")
  void logoutEndsAllTabs() throws Exception {
    String token = api.tokenOf("alice", tenant.domain());
    try (PushClient tab1 = PushClient.authenticated(server.port(), token);
        PushClient tab2 =
            PushClient.authenticated(server.port(), api.tokenOf("alice", tenant.domain()))) {
      assertThat(api.post("/api/session/logout", "", bearer(token)).status()).isEqualTo(204);
      for (PushClient tab : new PushClient[] {tab1, tab2}) {
        assertThat(tab.nextOfType("session.ended", SOON)).isNotNull();
        assertThat(tab.closeCode(SOON)).isEqualTo(4001);
      }
    }
  }

  @Test
  @DisplayName(
      "a bad token closes the socket with 4401, and garbage after authentication gets an error without harm")
  void badInput() throws Exception {
    try (PushClient c =
        PushClient.authenticated(server.port(), api.tokenOf("alice", tenant.domain()))) {
      c.sendText("this is not json");
      assertThat(c.next(SOON).getString("code")).isEqualTo("invalid-message");
      c.send(new JsonObject().put("type", "dance"));
      assertThat(c.next(SOON).getString("code")).isEqualTo("unknown-type");
    }
    try (PushClient c = PushClient.connect(server.port())) {
      c.send(new JsonObject().put("type", "auth").put("token", "not.a.token"));
      assertThat(c.closeCode(Duration.ofSeconds(3))).isEqualTo(4401);
    }
  }

  @Test
  @DisplayName("a renewed token of another user cannot take over a connection")
  void noTakeover() throws Exception {
    try (PushClient c =
        PushClient.authenticated(server.port(), api.tokenOf("alice", tenant.domain()))) {
      c.send(
          new JsonObject().put("type", "auth").put("token", api.tokenOf("bob", tenant.domain())));
      assertThat(c.closeCode(Duration.ofSeconds(3))).isEqualTo(4403);
    }
  }
}
