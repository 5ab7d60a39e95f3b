package io.tandemcc.supervisor;

import static io.tandemcc.supervisor.SupervisorTests.SECOND;
import static io.tandemcc.supervisor.SupervisorTests.assertProblem;
import static io.tandemcc.supervisor.SupervisorTests.objects;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentRepository;
import io.tandemcc.agent.AgentRepository.HistoryEntry;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.CallKind;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jooq.Record;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Supervisor interventions: state changes and forced logout, each in the audit log")
class InterventionApiTest {
  private Server server;
  private Api api;
  private TestTenant tenant;
  private String sam;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "intervene");
    sam = api.tokenOf("sam", tenant.domain());
  }

  @Test
  @DisplayName(
      "sam makes alice Ready and then Not Ready 'Lunch'; her browser sees it, her history names sam")
  void readyAndNotReady() throws Exception {
    String alice = api.tokenOf("alice", tenant.domain());
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      Response ready =
          api.post(path(tenant.aliceAgent(), "state"), "{\"status\":\"READY\"}", bearer(sam));
      assertThat(ready.status()).as(ready.body()).isEqualTo(200);
      assertThat(ready.json().getString("status")).isEqualTo("READY");
      assertThat(ready.json().getLong("agentId")).isEqualTo(tenant.aliceAgent());
      assertThat(
              browser.nextOfType("agent.state", SECOND).getJsonObject("state").getString("status"))
          .isEqualTo("READY");

      Response lunch =
          api.post(
              path(tenant.aliceAgent(), "state"),
              "{\"status\":\"NOT_READY\",\"reasonCode\":\"lunch\"}",
              bearer(sam));
      assertThat(lunch.json().getString("status")).isEqualTo("NOT_READY");
      assertThat(lunch.json().getJsonObject("reason").getString("label")).isEqualTo("Lunch");
      assertThat(
              browser
                  .nextOfType("agent.state", SECOND)
                  .getJsonObject("state")
                  .getJsonObject("reason")
                  .getString("code"))
          .isEqualTo("lunch");
    }
    List<HistoryEntry> history = history(tenant.aliceAgent(), 3);
    assertThat(history.get(1).cause()).isEqualTo("ReadyRequested:supervisor:" + tenant.samUser());
    assertThat(history.get(2).cause())
        .isEqualTo("NotReadyRequested:supervisor:" + tenant.samUser());

    List<Record> audit = audit(2);
    assertThat(audit)
        .extracting(r -> r.get("action"))
        .containsExactly("state.ready", "state.not-ready");
    assertThat(audit).extracting(r -> r.get("outcome")).containsExactly("done", "done");
    assertThat(audit).extracting(r -> r.get("detail")).containsExactly("", "lunch");
    assertThat(audit)
        .extracting(r -> ((Number) r.get("actor_user_id")).longValue())
        .containsOnly(tenant.samUser());
    assertThat(audit)
        .extracting(r -> ((Number) r.get("target_agent_id")).longValue())
        .containsOnly(tenant.aliceAgent());
    assertThat(audit).allSatisfy(r -> assertThat(r.get("occurred_at")).isNotNull());
  }

  @Test
  @DisplayName(
      "Not Ready during a call is pending; a logged-out agent and bad requests are refused")
  void refusals() throws Exception {
    api.tokenOf("alice", tenant.domain());
    api.post(path(tenant.aliceAgent(), "state"), "{\"status\":\"READY\"}", bearer(sam));
    new AgentStateClient(server.vertx())
        .send(
            tenant.id(),
            tenant.aliceAgent(),
            new AgentEvent.CallRinging("c-1", CallKind.QUEUE),
            "test")
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    Response pending =
        api.post(
            path(tenant.aliceAgent(), "state"),
            "{\"status\":\"NOT_READY\",\"reasonCode\":\"break\"}",
            bearer(sam));
    assertThat(pending.json().getString("status")).isEqualTo("PENDING_NOT_READY");

    assertProblem(
        api.post(path(tenant.bobAgent(), "state"), "{\"status\":\"READY\"}", bearer(sam)),
        409,
        "agent-logged-out");
    assertProblem(
        api.post(
            path(tenant.aliceAgent(), "state"),
            "{\"status\":\"NOT_READY\",\"reasonCode\":\"nap\"}",
            bearer(sam)),
        400,
        "unknown-reason");
    assertProblem(
        api.post(path(tenant.aliceAgent(), "state"), "{\"status\":\"NOT_READY\"}", bearer(sam)),
        400,
        "invalid-request");
    assertProblem(
        api.post(
            path(tenant.aliceAgent(), "state"),
            "{\"status\":\"READY\",\"reasonCode\":\"x\"}",
            bearer(sam)),
        400,
        "invalid-request");
    assertProblem(
        api.post(path(tenant.aliceAgent(), "state"), "{\"status\":\"SLEEPING\"}", bearer(sam)),
        400,
        "invalid-request");

    List<Record> audit = audit(4);
    assertThat(audit)
        .extracting(r -> r.get("outcome"))
        .containsExactly("done", "done", "refused:agent-logged-out", "refused:unknown-reason");
  }

  @Test
  @DisplayName("a forced logout ends alice's sessions like her own logout, and names sam")
  void forcedLogout() throws Exception {
    String alice = api.tokenOf("alice", tenant.domain());
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      Response out = api.post(path(tenant.aliceAgent(), "logout"), "", bearer(sam));
      assertThat(out.status()).as(out.body()).isEqualTo(204);
      JsonObject ended = browser.nextOfType("session.ended", SECOND);
      assertThat(ended).isNotNull();
      assertThat(ended.getString("reason")).isEqualTo("supervisor");
      assertThat(browser.closeCode(SECOND)).isEqualTo(4001);
    }
    assertProblem(api.get("/api/agent/state", bearer(alice)), 401, "token-invalid");
    JsonObject team = api.get("/api/supervisor/team", bearer(sam)).json();
    assertThat(objects(team, "agents").get(0).getString("status")).isEqualTo("LOGGED_OUT");
    assertThat(history(tenant.aliceAgent(), 2).get(1).cause())
        .isEqualTo("LogoutRequested:supervisor:" + tenant.samUser());
    assertThat(audit(1).get(0).get("action")).isEqualTo("logout");
    assertThat(audit(1).get(0).get("outcome")).isEqualTo("done");
  }

  @Test
  @DisplayName("no forced logout during a call: 409, and the agent stays signed in")
  void noForcedLogoutDuringACall() throws Exception {
    String alice = api.tokenOf("alice", tenant.domain());
    new AgentStateClient(server.vertx())
        .send(
            tenant.id(),
            tenant.aliceAgent(),
            new AgentEvent.CallRinging("c-2", CallKind.DIRECT),
            "test")
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    assertProblem(
        api.post(path(tenant.aliceAgent(), "logout"), "", bearer(sam)), 409, "agent-on-call");
    assertThat(api.get("/api/agent/state", bearer(alice)).status()).isEqualTo(200);
    assertThat(audit(1).get(0).get("outcome")).isEqualTo("refused:agent-on-call");
  }

  @Test
  @DisplayName("the audit trail lists the interventions on the caller's team, newest first")
  void auditTrail() {
    api.tokenOf("alice", tenant.domain());
    api.tokenOf("carol", tenant.domain());
    api.post(path(tenant.aliceAgent(), "state"), "{\"status\":\"READY\"}", bearer(sam));
    String admin = api.tokenOf("admin", tenant.domain());
    api.post(path(tenant.carolAgent(), "state"), "{\"status\":\"READY\"}", bearer(admin));

    Response mine = api.get("/api/supervisor/audit", bearer(sam));
    assertThat(mine.status()).isEqualTo(200);
    List<JsonObject> entries = objects(mine.json(), "entries");
    assertThat(entries).extracting(e -> e.getLong("agentId")).containsExactly(tenant.aliceAgent());
    assertThat(entries.get(0).getString("action")).isEqualTo("state.ready");
    assertThat(entries.get(0).getLong("actorUserId")).isEqualTo(tenant.samUser());
    List<JsonObject> all =
        objects(api.get("/api/supervisor/audit", bearer(admin)).json(), "entries");
    assertThat(all)
        .extracting(e -> e.getLong("agentId"))
        .containsExactly(tenant.carolAgent(), tenant.aliceAgent());
    assertProblem(
        api.get("/api/supervisor/audit", bearer(api.tokenOf("alice", tenant.domain()))),
        403,
        "forbidden");
  }

  private static String path(long agentId, String action) {
    return "/api/supervisor/agents/" + agentId + "/" + action;
  }

  private List<Record> audit(int atLeast) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    List<Record> rows;
    do {
      rows =
          server
              .database()
              .dsl()
              .fetch("select * from audit_log where tenant_id = ? order by id", tenant.id());
      if (rows.size() >= atLeast) {
        return rows;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return rows;
  }

  private List<HistoryEntry> history(long agentId, int atLeast) throws Exception {
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
        return h;
      }
      Thread.sleep(50);
    } while (System.nanoTime() < deadline);
    return h;
  }
}
