package io.tandemcc.web;

import static io.tandemcc.db.generated.Tables.CALL_RECORD;
import static io.tandemcc.db.generated.Tables.DISPOSITION;
import static io.tandemcc.db.generated.Tables.TENANT;
import static io.tandemcc.support.Api.bearer;
import static io.tandemcc.web.LoginApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentRepository;
import io.tandemcc.agent.AgentRepository.HistoryEntry;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.agent.CallKind;
import io.tandemcc.agent.RecordedState;
import io.tandemcc.agent.StateRestore;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Dispositions over the REST API: the tenant's list in the session, {@code PUT
 * /api/calls/{callId}/disposition}, and a required disposition holding wrap-up. Calls reach the
 * agent state as the call verticle sends them; their records are the rows it writes.
 */
@DisplayName("Dispositions: the tenant's list, giving one, and wrap-up waiting for it")
class DispositionApiTest {
  private Server server;
  private Api api;
  private TestTenant tenant;
  private AgentStateClient agents;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    agents = new AgentStateClient(server.vertx());
  }

  private TestTenant tenant(int wrapupSeconds, boolean required) {
    TestTenant t =
        TestTenants.create(server.database(), "disp", wrapupSeconds, "after_answer", true);
    var dsl = server.database().dsl();
    dsl.insertInto(DISPOSITION)
        .set(DISPOSITION.TENANT_ID, t.id())
        .set(DISPOSITION.CODE, "sale")
        .set(DISPOSITION.LABEL, "Sale")
        .set(DISPOSITION.POSITION, 2)
        .execute();
    dsl.insertInto(DISPOSITION)
        .set(DISPOSITION.TENANT_ID, t.id())
        .set(DISPOSITION.CODE, "callback")
        .set(DISPOSITION.LABEL, "Call back")
        .set(DISPOSITION.POSITION, 1)
        .execute();
    dsl.insertInto(DISPOSITION)
        .set(DISPOSITION.TENANT_ID, t.id())
        .set(DISPOSITION.CODE, "old")
        .set(DISPOSITION.LABEL, "Retired")
        .set(DISPOSITION.POSITION, 0)
        .set(DISPOSITION.ENABLED, false)
        .execute();
    dsl.update(TENANT)
        .set(TENANT.DISPOSITION_REQUIRED, required)
        .where(TENANT.ID.eq(t.id()))
        .execute();
    return t;
  }

  /** The call record the call verticle writes when a queue call reaches an agent. */
  private void callRecord(TestTenant t, String callId, long agentId) {
    server
        .database()
        .dsl()
        .insertInto(CALL_RECORD)
        .set(CALL_RECORD.TENANT_ID, t.id())
        .set(CALL_RECORD.CALL_ID, callId)
        .set(CALL_RECORD.KIND, "queue")
        .set(CALL_RECORD.AGENT_ID, agentId)
        .set(CALL_RECORD.STARTED_AT, OffsetDateTime.now(ZoneOffset.UTC))
        .execute();
  }

  private void call(long agentId, AgentEvent event) throws Exception {
    agents
        .send(tenant.id(), agentId, event, "test")
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  /**
   * A tenant with these wrap-up rules, where alice, Ready, takes queue call {@code
   * <domain>-<call>}, which then ends: she is in wrap-up. Returns her access token.
   */
  private String aliceAfterCall(int wrapupSeconds, boolean required, String call) throws Exception {
    tenant = tenant(wrapupSeconds, required);
    String alice = api.tokenOf("alice", tenant.domain());
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
    aliceTalksAndHangsUp(tenant.domain() + "-" + call);
    return alice;
  }

  /** alice takes queue call {@code callId}: it rings, she answers and it ends. */
  private void aliceTalksAndHangsUp(String callId) throws Exception {
    callRecord(tenant, callId, tenant.aliceAgent());
    call(tenant.aliceAgent(), new AgentEvent.CallRinging(callId, CallKind.QUEUE));
    call(tenant.aliceAgent(), new AgentEvent.CallAnswered(callId));
    call(tenant.aliceAgent(), new AgentEvent.CallEnded(callId));
  }

  private Response dispose(String token, String callId, String body) {
    return api.put("/api/calls/" + callId + "/disposition", body, bearer(token));
  }

  @Test
  @DisplayName("the session carries the enabled dispositions in order and whether one is required")
  void sessionConfig() {
    tenant = tenant(30, true);
    JsonObject config = api.loginAs("alice", tenant.domain()).json().getJsonObject("config");
    assertThat(config.getJsonArray("dispositions"))
        .isEqualTo(
            new JsonArray()
                .add(new JsonObject().put("code", "callback").put("label", "Call back"))
                .add(new JsonObject().put("code", "sale").put("label", "Sale")));
    assertThat(config.getBoolean("dispositionRequired")).isTrue();
    assertThat(config.getBoolean("autoAnswer")).isFalse();
  }

  @Test
  @DisplayName(
      "required: Ready and End wrap-up are refused (409 disposition-required) until the call has one")
  void requiredHoldsWrapup() throws Exception {
    String alice = aliceAfterCall(30, true, "c1");
    String callId = tenant.domain() + "-c1";

    JsonObject wrapup = api.get("/api/agent/state", bearer(alice)).json();
    assertThat(wrapup.getString("status")).isEqualTo("WRAPUP");
    assertThat(wrapup.getString("dispositionOwed")).isEqualTo(callId);
    Response ready = api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
    assertProblem(ready, 409, "disposition-required");
    assertThat(ready.json().getString("detail")).contains("disposition");
    assertProblem(
        api.post("/api/agent/wrapup/end", "", bearer(alice)), 409, "disposition-required");

    assertProblem(dispose(alice, callId, "{\"code\":\"nope\"}"), 400, "unknown-disposition");
    assertProblem(dispose(alice, callId, "{\"code\":\"old\"}"), 400, "unknown-disposition");
    assertProblem(dispose(alice, callId, "{}"), 400, "invalid-request");
    assertProblem(
        dispose(alice, callId, "{\"code\":\"sale\",\"note\":\"" + "x".repeat(1025) + "\"}"),
        400,
        "invalid-request");

    Response given = dispose(alice, callId, "{\"code\":\"sale\",\"note\":\"Two licences\"}");
    assertThat(given.status()).as(given.body()).isEqualTo(200);
    assertThat(given.json())
        .isEqualTo(
            new JsonObject()
                .put("callId", callId)
                .put("code", "sale")
                .put("label", "Sale")
                .put("note", "Two licences"));
    var row =
        server
            .database()
            .dsl()
            .selectFrom(CALL_RECORD)
            .where(CALL_RECORD.TENANT_ID.eq(tenant.id()).and(CALL_RECORD.CALL_ID.eq(callId)))
            .fetchOne();
    assertThat(row.getDispositionCode()).isEqualTo("sale");
    assertThat(row.getDispositionNote()).isEqualTo("Two licences");
    assertThat(row.getDispositionAgentId()).isEqualTo(tenant.aliceAgent());
    assertThat(row.getDispositionAt()).isNotNull();

    JsonObject after = api.get("/api/agent/state", bearer(alice)).json();
    assertThat(after.getString("status")).as("time is not up: wrap-up runs on").isEqualTo("WRAPUP");
    assertThat(after.getValue("dispositionOwed")).isNull();
    Response readyNow = api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
    assertThat(readyNow.status()).as(readyNow.body()).isEqualTo(200);
    assertThat(readyNow.json().getString("status")).isEqualTo("READY");
  }

  @Test
  @DisplayName(
      "required: the wrap-up timer does not end wrap-up before the disposition, which then ends it at once")
  void timerWaits() throws Exception {
    String alice = aliceAfterCall(1, true, "c1");
    String callId = tenant.domain() + "-c1";
    Thread.sleep(1800);
    assertThat(api.get("/api/agent/state", bearer(alice)).json().getString("status"))
        .isEqualTo("WRAPUP");

    assertThat(dispose(alice, callId, "{\"code\":\"callback\"}").status()).isEqualTo(200);
    assertThat(api.get("/api/agent/state", bearer(alice)).json().getString("status"))
        .isEqualTo("READY");
  }

  @Test
  @DisplayName(
      "required: a restart during the wait restores it, even long after the wrap-up time; the disposition ends it")
  void restartKeepsTheWait() throws Exception {
    String alice = aliceAfterCall(1, true, "c9");
    String callId = tenant.domain() + "-c9";
    awaitLastState(tenant.aliceAgent(), last -> last.status() == AgentStatus.WRAPUP);

    // what a restarting server does for the agent (AgentStateVerticle): load the last state,
    // restore it; ten minutes
    // later, the one-second wrap-up time is long over
    AgentState restored = restoredAt(tenant.aliceAgent(), Instant.now().plusSeconds(600));
    assertThat(restored.status()).isEqualTo(AgentStatus.WRAPUP);
    assertThat(restored.dispositionOwed()).isEqualTo(callId);

    assertThat(dispose(alice, callId, "{\"code\":\"sale\"}").status()).isEqualTo(200);
    awaitLastState(tenant.aliceAgent(), last -> last.status() == AgentStatus.READY);
    AgentState afterDisposition = restoredAt(tenant.aliceAgent(), Instant.now().plusSeconds(600));
    assertThat(afterDisposition.status()).isEqualTo(AgentStatus.READY);
    assertThat(afterDisposition.dispositionOwed()).isNull();
  }

  private AgentState restoredAt(long agentId, Instant now) throws Exception {
    AgentRepository.Loaded loaded =
        new AgentRepository(server.database())
            .load(tenant.id(), agentId)
            .toCompletionStage()
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS)
            .orElseThrow();
    return StateRestore.restore(loaded.last(), now);
  }

  /** Waits until the agent's last history row (written a moment after the change) matches. */
  private void awaitLastState(long agentId, Predicate<RecordedState> matches) throws Exception {
    AgentRepository repo = new AgentRepository(server.database());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (true) {
      List<HistoryEntry> h =
          repo.history(tenant.id(), agentId)
              .toCompletionStage()
              .toCompletableFuture()
              .get(5, TimeUnit.SECONDS);
      if (!h.isEmpty() && matches.test(h.get(h.size() - 1).state())) {
        return;
      }
      assertThat(System.nanoTime())
          .as("the history's last row of agent %d in time: %s", agentId, h)
          .isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  @Test
  @DisplayName("a disposition given during the call spares the wrap-up the wait")
  void duringTheCall() throws Exception {
    tenant = tenant(30, true);
    String alice = api.tokenOf("alice", tenant.domain());
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
    String callId = tenant.domain() + "-c1";
    callRecord(tenant, callId, tenant.aliceAgent());
    call(tenant.aliceAgent(), new AgentEvent.CallRinging(callId, CallKind.QUEUE));
    call(tenant.aliceAgent(), new AgentEvent.CallAnswered(callId));
    assertThat(dispose(alice, callId, "{\"code\":\"sale\"}").status()).isEqualTo(200);
    call(tenant.aliceAgent(), new AgentEvent.CallEnded(callId));

    JsonObject wrapup = api.get("/api/agent/state", bearer(alice)).json();
    assertThat(wrapup.getString("status")).isEqualTo("WRAPUP");
    assertThat(wrapup.getValue("dispositionOwed")).isNull();
    assertThat(api.post("/api/agent/wrapup/end", "", bearer(alice)).status()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "not required: wrap-up ends as usual, and the disposition can still be given until the next call")
  void optionalAndClosed() throws Exception {
    tenant = tenant(30, false);
    String alice = api.tokenOf("alice", tenant.domain());
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
    String first = tenant.domain() + "-c1";
    aliceTalksAndHangsUp(first);
    assertThat(api.get("/api/agent/state", bearer(alice)).json().getValue("dispositionOwed"))
        .isNull();
    assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)).status())
        .isEqualTo(200);
    assertThat(dispose(alice, first, "{\"code\":\"sale\"}").status())
        .as("after wrap-up, before the next call")
        .isEqualTo(200);

    Thread.sleep(5); // a later start
    aliceTalksAndHangsUp(tenant.domain() + "-c2");
    assertProblem(dispose(alice, first, "{\"code\":\"callback\"}"), 409, "disposition-closed");
  }

  @Test
  @DisplayName(
      "another agent's call, another tenant's call and a call that does not exist are all 404; staff get 403")
  void isolation() throws Exception {
    tenant = tenant(30, true);
    TestTenant other = TestTenants.create(server.database(), "dispother");
    String otherCall = other.domain() + "-c9";
    callRecord(other, otherCall, other.aliceAgent());
    String bobsCall = tenant.domain() + "-bob";
    callRecord(tenant, bobsCall, tenant.bobAgent());
    String alice = api.tokenOf("alice", tenant.domain());

    assertProblem(dispose(alice, bobsCall, "{\"code\":\"sale\"}"), 404, "not-found");
    assertProblem(dispose(alice, otherCall, "{\"code\":\"sale\"}"), 404, "not-found");
    assertProblem(dispose(alice, "no-such-call", "{\"code\":\"sale\"}"), 404, "not-found");
    assertProblem(dispose(alice, "bad%20id", "{\"code\":\"sale\"}"), 400, "invalid-request");
    assertProblem(
        dispose(api.tokenOf("sam", tenant.domain()), bobsCall, "{\"code\":\"sale\"}"),
        403,
        "forbidden");
    assertProblem(
        api.put("/api/calls/" + bobsCall + "/disposition", "{\"code\":\"sale\"}"),
        401,
        "not-authenticated");
    assertThat(
            server
                .database()
                .dsl()
                .select(CALL_RECORD.DISPOSITION_CODE)
                .from(CALL_RECORD)
                .where(CALL_RECORD.CALL_ID.in(bobsCall, otherCall))
                .fetch(CALL_RECORD.DISPOSITION_CODE))
        .containsOnlyNulls();
  }

  @Test
  @DisplayName(
      "an admin's change of the wrap-up rules reaches an agent already signed in: no re-login, no restart")
  void adminChangesReachSignedInAgents() throws Exception {
    tenant = tenant(30, false);
    String alice = api.tokenOf("alice", tenant.domain());
    api.put(
        "/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)); // her rules are loaded now
    String admin = api.tokenOf("admin", tenant.domain());
    assertThat(
            api.patch("/api/admin/settings", "{\"dispositionRequired\":true}", bearer(admin))
                .status())
        .isEqualTo(200);
    String aliceUser = String.valueOf(tenant.aliceUser());
    Response wrapup =
        api.patch(
            "/api/admin/users/" + aliceUser, "{\"agent\":{\"wrapupSeconds\":7}}", bearer(admin));
    assertThat(wrapup.status()).as(wrapup.body()).isEqualTo(200);

    String callId = tenant.domain() + "-c7";
    aliceTalksAndHangsUp(callId);
    JsonObject state = api.get("/api/agent/state", bearer(alice)).json();
    assertThat(state.getString("status")).isEqualTo("WRAPUP");
    assertThat(state.getString("dispositionOwed"))
        .as("the disposition is now required")
        .isEqualTo(callId);
    long seconds =
        java.time.Duration.between(
                java.time.Instant.parse(state.getString("since")),
                java.time.Instant.parse(state.getString("wrapupEndsAt")))
            .toSeconds();
    assertThat(seconds).as("her new wrap-up time").isEqualTo(7);
  }
}
