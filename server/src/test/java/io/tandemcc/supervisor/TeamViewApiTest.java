package io.tandemcc.supervisor;

import static io.tandemcc.supervisor.SupervisorTests.SECOND;
import static io.tandemcc.supervisor.SupervisorTests.agent;
import static io.tandemcc.supervisor.SupervisorTests.assertProblem;
import static io.tandemcc.supervisor.SupervisorTests.await;
import static io.tandemcc.supervisor.SupervisorTests.awaitInAnyOrder;
import static io.tandemcc.supervisor.SupervisorTests.call;
import static io.tandemcc.supervisor.SupervisorTests.objects;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.common.LocalCodec;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.QueueRef;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The live team view: GET /api/supervisor/team and the team.agent / team.queue pushes")
class TeamViewApiTest {
  private Server server;
  private Api api;
  private TestTenant tenant;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "team");
  }

  @Test
  @DisplayName(
      "a supervisor's snapshot lists the agents and queue figures of the groups it supervises")
  void snapshotOfTheSupervisorsGroups() {
    api.tokenOf("alice", tenant.domain());
    Response res = api.get("/api/supervisor/team", bearer(api.tokenOf("sam", tenant.domain())));

    assertThat(res.status()).isEqualTo(200);
    assertThat(res.raw().headers().firstValue("Cache-Control")).contains("no-store");
    JsonObject team = res.json();
    assertThat(team.getLong("version")).isPositive();
    assertThat(team.getString("serverTime")).isNotBlank();
    List<JsonObject> agents = objects(team, "agents");
    assertThat(agents)
        .extracting(a -> a.getLong("agentId"))
        .containsExactly(tenant.aliceAgent(), tenant.bobAgent());
    JsonObject alice = agents.get(0);
    assertThat(alice.getString("displayName")).isEqualTo("Alice Test");
    assertThat(alice.getString("extension")).isEqualTo("1001");
    assertThat(alice.getString("status")).isEqualTo("NOT_READY");
    assertThat(alice.getJsonObject("reason").getString("code")).isEqualTo("login");
    assertThat(alice.getValue("call")).isNull();
    assertThat(alice.getJsonArray("groupIds").getLong(0)).isEqualTo(tenant.supportGroup());
    assertThat(alice.getJsonArray("groupIds").size()).isEqualTo(1);
    assertThat(alice.getBoolean("browserConnected")).isFalse();
    assertThat(alice.containsKey("phoneRegistered")).isTrue();
    assertThat(agents.get(1).getString("status")).isEqualTo("LOGGED_OUT");

    List<JsonObject> queues = objects(team, "queues");
    assertThat(queues).hasSize(1);
    JsonObject support = queues.get(0);
    assertThat(support.getString("name")).isEqualTo("Support");
    assertThat(support.getString("queue")).isEqualTo(tenant.domain() + "-support");
    assertThat(support.getInteger("serviceLevelSeconds")).isEqualTo(20);
    assertThat(support.getInteger("notReady")).isEqualTo(1);
    assertThat(support.getInteger("ready")).isZero();
    assertThat(support.getInteger("waiting")).isZero();
    assertThat(support.getInteger("answered")).isZero();
    assertThat(support.getValue("serviceLevel")).isNull();
  }

  @Test
  @DisplayName("an admin sees every agent and queue of its tenant")
  void adminSeesTheWholeTenant() {
    JsonObject team =
        api.get("/api/supervisor/team", bearer(api.tokenOf("admin", tenant.domain()))).json();
    assertThat(objects(team, "agents"))
        .extracting(a -> a.getLong("agentId"))
        .containsExactly(tenant.aliceAgent(), tenant.bobAgent(), tenant.carolAgent());
    assertThat(objects(team, "queues"))
        .extracting(q -> q.getString("name"))
        .containsExactly("Sales", "Support");
  }

  @Test
  @DisplayName("agents are refused, and no token is no team")
  void agentsAreRefused() {
    assertProblem(
        api.get("/api/supervisor/team", bearer(api.tokenOf("alice", tenant.domain()))),
        403,
        "forbidden");
    assertProblem(api.get("/api/supervisor/team"), 401, "not-authenticated");
  }

  @Test
  @DisplayName(
      "an agent going Ready reaches the supervisor within a second, newer than the snapshot")
  void stateChangesArePushed() throws Exception {
    String sam = api.tokenOf("sam", tenant.domain());
    try (PushClient page = PushClient.authenticated(server.port(), sam)) {
      long snapshot = api.get("/api/supervisor/team", bearer(sam)).json().getLong("version");
      String alice = api.tokenOf("alice", tenant.domain());
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)).status())
          .isEqualTo(200);

      JsonObject ready =
          await(
              page,
              "team.agent",
              m ->
                  agent(m).getLong("agentId") == tenant.aliceAgent()
                      && "READY".equals(agent(m).getString("status")),
              SECOND);
      assertThat(ready.getLong("version")).isGreaterThan(snapshot);
      assertThat(agent(ready).getLong("version")).isEqualTo(ready.getLong("version"));
      JsonObject queue =
          await(page, "team.queue", m -> m.getJsonObject("queue").getInteger("ready") == 1, SECOND);
      assertThat(queue.getJsonObject("queue").getLong("groupId")).isEqualTo(tenant.supportGroup());
    }
  }

  @Test
  @DisplayName("an agent's browser connecting and leaving shows as browserConnected")
  void browserConnection() throws Exception {
    String sam = api.tokenOf("sam", tenant.domain());
    String bob = api.tokenOf("bob", tenant.domain());
    try (PushClient page = PushClient.authenticated(server.port(), sam)) {
      api.get("/api/supervisor/team", bearer(sam));
      PushClient bobsBrowser = PushClient.authenticated(server.port(), bob);
      await(
          page,
          "team.agent",
          m ->
              agent(m).getLong("agentId") == tenant.bobAgent()
                  && agent(m).getBoolean("browserConnected"),
          SECOND);
      bobsBrowser.close();
      await(
          page,
          "team.agent",
          m ->
              agent(m).getLong("agentId") == tenant.bobAgent()
                  && !agent(m).getBoolean("browserConnected"),
          SECOND);
    }
  }

  @Test
  @DisplayName(
      "a ringing queue call shows its caller and queue; talking keeps them and adds the answer time")
  void callsShowPartyAndQueue() throws Exception {
    String sam = api.tokenOf("sam", tenant.domain());
    api.put(
        "/api/agent/state",
        "{\"status\":\"READY\"}",
        bearer(api.tokenOf("alice", tenant.domain())));
    QueueRef support = new QueueRef(tenant.domain(), "support");
    AgentEndpoint alice = new AgentEndpoint(tenant.domain(), "1001");
    try (PushClient page = PushClient.authenticated(server.port(), sam)) {
      api.get("/api/supervisor/team", bearer(sam));
      pbx(
          new PbxEvent.QueueCallerJoined(
              tenant.domain(), support, "call-9", "+14155550123", "Jane Customer", 1));
      JsonObject waiting =
          await(
              page, "team.queue", m -> m.getJsonObject("queue").getInteger("waiting") == 1, SECOND);
      assertThat(waiting.getJsonObject("queue").getString("longestWaitSince")).isNotNull();

      pbx(
          new PbxEvent.QueueCallOffered(
              tenant.domain(),
              support,
              "call-9",
              alice,
              "leg-1",
              "+14155550123",
              "Jane Customer",
              Map.of()));
      JsonObject ringing =
          await(
              page,
              "team.agent",
              m -> call(m) != null && "Jane Customer".equals(call(m).getString("partyName")),
              SECOND);
      assertThat(call(ringing).getString("state")).isEqualTo("RINGING");
      assertThat(call(ringing).getJsonObject("queue").getString("label")).isEqualTo("Support");
      assertThat(call(ringing).getString("partyNumber")).isEqualTo("+14155550123");

      pbx(new PbxEvent.QueueCallerLeft(tenant.domain(), support, "call-9"));
      pbx(
          new PbxEvent.QueueCallAnswered(
              tenant.domain(),
              support,
              "call-9",
              alice,
              "leg-1",
              Duration.ofSeconds(4),
              Duration.ofSeconds(2)));
      JsonObject answered =
          await(
              page,
              "team.queue",
              m -> m.getJsonObject("queue").getInteger("answered") == 1,
              SECOND);
      assertThat(answered.getJsonObject("queue").getInteger("waiting")).isZero();
      assertThat(answered.getJsonObject("queue").getInteger("serviceLevel")).isEqualTo(100);
      assertThat(answered.getJsonObject("queue").getLong("averageWaitSeconds")).isEqualTo(4);
      JsonObject talking =
          awaitInAnyOrder(
              page,
              "team.agent",
              m -> call(m) != null && "TALKING".equals(call(m).getString("state")),
              SECOND);
      assertThat(call(talking).getString("answeredAt")).isNotNull();
      assertThat(call(talking).getString("partyName")).isEqualTo("Jane Customer");

      pbx(
          new PbxEvent.AgentChannelHungUp(
              tenant.domain(), "call-9", alice, "leg-1", 16, "Normal Clearing"));
      JsonObject wrapup =
          await(page, "team.agent", m -> "WRAPUP".equals(agent(m).getString("status")), SECOND);
      assertThat(call(wrapup)).isNull();
    }
  }

  private void pbx(PbxEvent event) {
    server
        .vertx()
        .eventBus()
        .publish(PbxAddresses.EVENTS, event, LocalCodec.familyOptions(PbxEvent.class));
  }
}
