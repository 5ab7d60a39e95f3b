package io.tandemcc.supervisor;

import static io.tandemcc.supervisor.SupervisorTests.SECOND;
import static io.tandemcc.supervisor.SupervisorTests.assertProblem;
import static io.tandemcc.supervisor.SupervisorTests.await;
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
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every supervisor endpoint and subscription refuses agents of other groups and of other tenants,
 * with an answer that does not tell whether the agent exists; agents get no supervisor endpoint at
 * all.
 */
@DisplayName("Supervisor authorization: own groups of the own tenant only")
class SupervisorAuthorizationTest {
  private static final Duration QUIET = Duration.ofMillis(500);
  private Server server;
  private Api api;
  private TestTenant tenant;
  private TestTenant other;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "authz");
    other = TestTenants.create(server.database(), "authzother");
  }

  /** The interventions, each as (token, agent id) → response. */
  private List<Intervention> interventions() {
    return List.of(
        new Intervention(
            "state",
            (token, id) -> api.post(path(id, "state"), "{\"status\":\"READY\"}", bearer(token))),
        new Intervention("logout", (token, id) -> api.post(path(id, "logout"), "", bearer(token))),
        new Intervention(
            "monitor",
            (token, id) -> api.post(path(id, "monitor"), "{\"mode\":\"listen\"}", bearer(token))),
        new Intervention(
            "stop monitor",
            (token, id) ->
                api.send(
                    HttpRequest.newBuilder(URI.create(api.base() + path(id, "monitor"))).DELETE(),
                    null,
                    bearer(token))));
  }

  private record Intervention(String name, BiFunction<String, String, Response> call) {}

  @Test
  @DisplayName(
      "a supervisor gets the same 404 for an agent of another group, of another tenant, or of nobody")
  void otherGroupsAndTenantsAreUnknown() {
    String sam = api.tokenOf("sam", tenant.domain());
    api.tokenOf("carol", tenant.domain());
    api.tokenOf("alice", other.domain());
    for (Intervention i : interventions()) {
      for (String target :
          List.of(
              Long.toString(tenant.carolAgent()),
              Long.toString(other.aliceAgent()),
              "999999999",
              "abc",
              "0")) {
        Response r = i.call().apply(sam, target);
        assertProblem(r, 404, "not-found");
        assertThat(r.json().getString("detail"))
            .as(i.name() + " " + target)
            .isEqualTo("There is no such agent in your team.");
      }
    }
    JsonObject carol =
        api
            .get("/api/supervisor/team", bearer(api.tokenOf("admin", tenant.domain())))
            .json()
            .getJsonArray("agents")
            .stream()
            .map(JsonObject.class::cast)
            .filter(a -> a.getLong("agentId") == tenant.carolAgent())
            .findFirst()
            .orElseThrow();
    assertThat(carol.getString("status")).as("nothing happened to carol").isEqualTo("NOT_READY");
    assertThat(
            server
                .database()
                .dsl()
                .fetchCount(
                    server
                        .database()
                        .dsl()
                        .selectFrom("audit_log")
                        .where("tenant_id in (?, ?)", tenant.id(), other.id())))
        .as("refused before any intervention")
        .isZero();
  }

  @Test
  @DisplayName("an admin acts on every group of its tenant, and on no other tenant")
  void adminsHaveTheirWholeTenant() {
    String admin = api.tokenOf("admin", tenant.domain());
    api.tokenOf("carol", tenant.domain());
    api.tokenOf("alice", other.domain());
    assertThat(
            api.post(
                    path(Long.toString(tenant.carolAgent()), "state"),
                    "{\"status\":\"READY\"}",
                    bearer(admin))
                .status())
        .isEqualTo(200);
    for (Intervention i : interventions()) {
      assertProblem(i.call().apply(admin, Long.toString(other.aliceAgent())), 404, "not-found");
    }
    assertProblem(
        api.post(
            path(Long.toString(tenant.carolAgent()), "monitor"),
            "{\"mode\":\"listen\"}",
            bearer(admin)),
        409,
        "no-phone");
  }

  @Test
  @DisplayName("agents have no supervisor endpoint at all, not even for themselves")
  void agentsAreRefused() {
    String alice = api.tokenOf("alice", tenant.domain());
    assertProblem(api.get("/api/supervisor/team", bearer(alice)), 403, "forbidden");
    assertProblem(api.get("/api/supervisor/audit", bearer(alice)), 403, "forbidden");
    for (Intervention i : interventions()) {
      assertProblem(i.call().apply(alice, Long.toString(tenant.aliceAgent())), 403, "forbidden");
      assertProblem(i.call().apply(alice, Long.toString(tenant.bobAgent())), 403, "forbidden");
    }
    for (Intervention i : interventions()) {
      assertThat(i.call().apply("not-a-token", Long.toString(tenant.aliceAgent())).status())
          .isEqualTo(401);
    }
  }

  @Test
  @DisplayName("the team view and its pushes hold the own groups of the own tenant only")
  void teamViewAndPushesAreScoped() throws Exception {
    String sam = api.tokenOf("sam", tenant.domain());
    String otherAdmin = api.tokenOf("admin", other.domain());
    try (PushClient samsPage = PushClient.authenticated(server.port(), sam);
        PushClient foreignPage = PushClient.authenticated(server.port(), otherAdmin)) {
      JsonObject team = api.get("/api/supervisor/team", bearer(sam)).json();
      assertThat(
              team.getJsonArray("agents").stream()
                  .map(a -> ((JsonObject) a).getLong("agentId"))
                  .toList())
          .containsExactly(tenant.aliceAgent(), tenant.bobAgent());
      JsonObject foreignTeam = api.get("/api/supervisor/team", bearer(otherAdmin)).json();
      assertThat(
              foreignTeam.getJsonArray("agents").stream()
                  .map(a -> ((JsonObject) a).getLong("agentId"))
                  .toList())
          .doesNotContain(tenant.aliceAgent(), tenant.bobAgent(), tenant.carolAgent());

      api.put(
          "/api/agent/state",
          "{\"status\":\"READY\"}",
          bearer(api.tokenOf("carol", tenant.domain())));
      pbx(
          new PbxEvent.QueueCallerJoined(
              tenant.domain(), new QueueRef(tenant.domain(), "sales"), "c-sales", "1", "x", 1));
      pbx(
          new PbxEvent.EndpointRegistered(
              tenant.domain(), new AgentEndpoint(tenant.domain(), "1003"), "sip:x"));
      assertThat(samsPage.next(QUIET)).as("carol and the sales queue are not sam's").isNull();
      assertThat(foreignPage.next(QUIET)).as("nothing crosses tenants").isNull();

      api.put(
          "/api/agent/state",
          "{\"status\":\"READY\"}",
          bearer(api.tokenOf("alice", tenant.domain())));
      await(
          samsPage,
          "team.agent",
          m -> m.getJsonObject("agent").getLong("agentId") == tenant.aliceAgent(),
          SECOND);
      assertThat(foreignPage.next(QUIET)).as("nothing crosses tenants").isNull();
    }
  }

  @Test
  @DisplayName("monitoring needs the agent on a call with a customer, and a phone system")
  void monitoringPreconditions() throws Exception {
    String sam = api.tokenOf("sam", tenant.domain());
    String alice = api.tokenOf("alice", tenant.domain());
    assertProblem(
        api.post(
            path(Long.toString(tenant.aliceAgent()), "monitor"),
            "{\"mode\":\"listen\"}",
            bearer(sam)),
        409,
        "agent-not-on-call");
    assertProblem(
        api.post(
            path(Long.toString(tenant.aliceAgent()), "monitor"), "{\"mode\":\"spy\"}", bearer(sam)),
        400,
        "invalid-request");

    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
    QueueRef support = new QueueRef(tenant.domain(), "support");
    AgentEndpoint endpoint = new AgentEndpoint(tenant.domain(), "1001");
    pbx(
        new PbxEvent.QueueCallOffered(
            tenant.domain(), support, "m-1", endpoint, "leg-m1", "1", "x", Map.of()));
    pbx(
        new PbxEvent.QueueCallAnswered(
            tenant.domain(),
            support,
            "m-1",
            endpoint,
            "leg-m1",
            Duration.ofSeconds(1),
            Duration.ofSeconds(1)));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    Response r;
    do {
      Thread.sleep(50);
      r =
          api.post(
              path(Long.toString(tenant.aliceAgent()), "monitor"),
              "{\"mode\":\"listen\"}",
              bearer(sam));
    } while ("agent-not-on-call".equals(r.code()) && System.nanoTime() < deadline);
    assertProblem(r, 503, "pbx-unavailable");
    pbx(
        new PbxEvent.AgentChannelHungUp(
            tenant.domain(), "m-1", endpoint, "leg-m1", 16, "Normal Clearing"));
  }

  private void pbx(PbxEvent event) {
    server
        .vertx()
        .eventBus()
        .publish(PbxAddresses.EVENTS, event, LocalCodec.familyOptions(PbxEvent.class));
  }

  private static String path(String agentId, String action) {
    return "/api/supervisor/agents/" + agentId + "/" + action;
  }
}
