package io.tandemcc.web;

import static io.tandemcc.support.Api.bearer;
import static io.tandemcc.web.LoginApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentRepository;
import io.tandemcc.agent.AgentRepository.HistoryEntry;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.agent.CallKind;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The agent state over the REST API")
class AgentApiTest {
  private Server server;
  private Api api;
  private TestTenant tenant;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "agent");
  }

  @Test
  @DisplayName(
      "login puts the agent in Not Ready 'Login'; Ready and Not Ready with a reason follow, each recorded")
  void readyAndNotReady() throws Exception {
    String token = api.tokenOf("alice", tenant.domain());
    Response state = api.get("/api/agent/state", bearer(token));
    assertThat(state.json().getString("status")).isEqualTo("NOT_READY");
    assertThat(state.json().getJsonObject("reason").getString("label")).isEqualTo("Login");

    Response ready = api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token));
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().getString("status")).isEqualTo("READY");
    assertThat(ready.json().getValue("reason")).isNull();

    Response lunch =
        api.put(
            "/api/agent/state",
            "{\"status\":\"NOT_READY\",\"reasonCode\":\"lunch\"}",
            bearer(token));
    assertThat(lunch.json().getString("status")).isEqualTo("NOT_READY");
    assertThat(lunch.json().getJsonObject("reason").getString("code")).isEqualTo("lunch");

    List<HistoryEntry> history = awaitHistory(tenant.aliceAgent(), 3);
    assertThat(history)
        .extracting(h -> h.state().status())
        .containsExactly(AgentStatus.NOT_READY, AgentStatus.READY, AgentStatus.NOT_READY);
    assertThat(history.get(2).state().reason().label()).isEqualTo("Lunch");
    assertThat(history.get(1).cause()).contains("ReadyRequested");
  }

  @Test
  @DisplayName("bad state requests get clear errors and change nothing")
  void badRequestsChangeNothing() throws Exception {
    String token = api.tokenOf("alice", tenant.domain());
    assertProblem(
        api.put(
            "/api/agent/state", "{\"status\":\"NOT_READY\",\"reasonCode\":\"nap\"}", bearer(token)),
        400,
        "unknown-reason");
    assertProblem(
        api.put("/api/agent/state", "{\"status\":\"NOT_READY\"}", bearer(token)),
        400,
        "invalid-request");
    assertProblem(
        api.put("/api/agent/state", "{\"status\":\"SLEEPING\"}", bearer(token)),
        400,
        "invalid-request");
    assertProblem(
        api.put(
            "/api/agent/state", "{\"status\":\"READY\",\"reasonCode\":\"lunch\"}", bearer(token)),
        400,
        "invalid-request");
    assertProblem(
        api.put("/api/agent/state", "{\"status\":", bearer(token)), 400, "invalid-request");
    assertProblem(api.post("/api/agent/wrapup/end", "", bearer(token)), 409, "not-in-wrapup");
    assertThat(api.get("/api/agent/state", bearer(token)).json().getString("status"))
        .isEqualTo("NOT_READY");
    assertThat(awaitHistory(tenant.aliceAgent(), 1)).hasSize(1);
  }

  @Test
  @DisplayName("a reason of another tenant is unknown here")
  void reasonsAreScopedToTheTenant() {
    TestTenant other = TestTenants.create(server.database(), "reasons");
    server
        .database()
        .dsl()
        .execute(
            "insert into not_ready_reason (tenant_id, code, label) values (?, 'secret-meeting', 'Secret')",
            other.id());
    String token = api.tokenOf("alice", tenant.domain());
    assertProblem(
        api.put(
            "/api/agent/state",
            "{\"status\":\"NOT_READY\",\"reasonCode\":\"secret-meeting\"}",
            bearer(token)),
        400,
        "unknown-reason");
  }

  @Test
  @DisplayName("two tenants' agents with the same username and ids never touch each other's state")
  void tenantsAreIsolated() {
    TestTenant other = TestTenants.create(server.database(), "iso");
    String mine = api.tokenOf("alice", tenant.domain());
    String theirs = api.tokenOf("alice", other.domain());
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(mine));
    assertThat(api.get("/api/agent/state", bearer(theirs)).json().getString("status"))
        .isEqualTo("NOT_READY");
    assertThat(api.get("/api/agent/state", bearer(theirs)).json().getLong("agentId"))
        .isEqualTo(other.aliceAgent());
  }

  @Test
  @DisplayName("a supervisor has no agent state to change")
  void supervisorsHaveNoAgentState() {
    String token = api.tokenOf("sam", tenant.domain());
    assertProblem(api.get("/api/agent/state", bearer(token)), 403, "forbidden");
    assertProblem(
        api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token)), 403, "forbidden");
  }

  @Test
  @DisplayName("logout is refused during a call, and the agent stays logged in")
  void noLogoutDuringACall() throws Exception {
    String token = api.tokenOf("alice", tenant.domain());
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token));
    AgentStateClient agents = new AgentStateClient(server.vertx());
    agents
        .send(
            tenant.id(),
            tenant.aliceAgent(),
            new AgentEvent.CallRinging("call-1", CallKind.QUEUE),
            "test")
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);

    Response refused = api.post("/api/session/logout", "", bearer(token));
    assertProblem(refused, 409, "agent-on-call");
    Response state = api.get("/api/agent/state", bearer(token));
    assertThat(state.status()).isEqualTo(200);
    assertThat(state.json().getJsonObject("call").getString("state")).isEqualTo("RINGING");
    assertThat(state.json().getString("status")).isEqualTo("READY");
  }

  @Test
  @DisplayName(
      "not ready during a queue call becomes pending, and wrap-up then ends in Not Ready with that reason")
  void pendingNotReadyThroughWrapup() throws Exception {
    TestTenant quick = TestTenants.create(server.database(), "wrap", 1, "after_answer", false);
    String token = api.tokenOf("alice", quick.domain());
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token));
    AgentStateClient agents = new AgentStateClient(server.vertx());
    send(agents, quick, new AgentEvent.CallRinging("q-1", CallKind.QUEUE));
    send(agents, quick, new AgentEvent.CallAnswered("q-1"));
    Response pending =
        api.put(
            "/api/agent/state",
            "{\"status\":\"NOT_READY\",\"reasonCode\":\"break\"}",
            bearer(token));
    assertThat(pending.json().getString("status")).isEqualTo("PENDING_NOT_READY");
    send(agents, quick, new AgentEvent.CallEnded("q-1"));
    Response wrapping = api.get("/api/agent/state", bearer(token));
    assertThat(wrapping.json().getString("status")).isEqualTo("PENDING_NOT_READY");
    assertThat(wrapping.json().getString("wrapupEndsAt")).isNotNull();
    assertProblem(api.post("/api/agent/wrapup/end", "", bearer(token)), 409, "wrapup-in-progress");

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    String status;
    do {
      Thread.sleep(100);
      status = api.get("/api/agent/state", bearer(token)).json().getString("status");
    } while (!status.equals("NOT_READY") && System.nanoTime() < deadline);
    Response after = api.get("/api/agent/state", bearer(token));
    assertThat(after.json().getString("status")).isEqualTo("NOT_READY");
    assertThat(after.json().getJsonObject("reason").getString("code")).isEqualTo("break");
  }

  private static void send(AgentStateClient agents, TestTenant t, AgentEvent event)
      throws Exception {
    agents
        .send(t.id(), t.aliceAgent(), event, "test")
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  private List<HistoryEntry> awaitHistory(long agentId, int atLeast) throws Exception {
    AgentRepository repo = new AgentRepository(server.database());
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<HistoryEntry> h;
    do {
      h =
          repo.history(tenant.id(), agentId)
              .toCompletionStage()
              .toCompletableFuture()
              .get(5, TimeUnit.SECONDS);
      if (h.size() >= atLeast) {
        Thread.sleep(200); // and nothing more arrives
        return repo.history(tenant.id(), agentId)
            .toCompletionStage()
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS);
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return h;
  }
}
