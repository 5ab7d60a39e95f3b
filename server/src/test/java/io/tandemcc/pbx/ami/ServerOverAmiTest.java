package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.call.CallRecords;
import io.tandemcc.call.CallRecords.CallRecord;
import io.tandemcc.config.AppConfig;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole server connected over AMI to a scripted peer that replays real Asterisk 22 traces: the
 * demo tenant's alice (acme-1001 in acme-support, exactly the endpoint and queue of the traces)
 * logs in through the API, her browser listens on the push channel, and the traced calls drive her
 * state, her screen and the call records.
 */
@DisplayName("The server over AMI, replaying real Asterisk traces")
class ServerOverAmiTest {
  private static final Duration SOON = Duration.ofSeconds(5);
  private ScriptedAmiPeer peer;
  private Server server;
  private Api api;
  private String token;

  /**
   * Replays a trace once alice is in the queue and has been unpaused (Ready), as on a live system.
   */
  private void startWith(String trace) throws Exception {
    startWith(trace, null);
  }

  /**
   * As {@link #startWith(String)}, but Asterisk sends nothing from the first {@code stopAtEvent}
   * on.
   */
  private void startWith(String trace, String stopAtEvent) throws Exception {
    AmiScript script = TraceCalls.agentReadyScript(trace, stopAtEvent);
    Server shared =
        TestServer
            .get(); // first: the peer's accept() must not wait for the shared database to start
    TraceCalls.startAfresh(shared, trace);
    peer = ScriptedAmiPeer.start(script);
    server = TraceCalls.serverOn(shared, peer);
    api = new Api(server.port());
    await(() -> api.get("/api/health").status() == 200, "PBX link up", Duration.ofSeconds(40));
    Api.Response login =
        api.post("/api/login", Api.login("alice", DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).isEqualTo(200);
    token = login.json().getString("accessToken");
  }

  @AfterEach
  void tearDown() throws Exception {
    TraceCalls.tearDown(server, peer, api, token);
  }

  @Test
  @DisplayName(
      "04: the queue call rings alice with its attached data and popup, she talks, wraps up, and it is recorded")
  void queueCallAnswered() throws Exception {
    startWith("04-queue-call-answered-agent-hangs-up");
    try (PushClient browser = PushClient.authenticated(server.port(), token)) {
      assertThat(browser.welcome().getBoolean("pbxUp")).isTrue();
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token)).status())
          .isEqualTo(200);

      JsonObject offer = browser.nextOfType("call.offer", SOON);
      assertThat(offer).as("call offer").isNotNull();
      JsonObject call = offer.getJsonObject("call");
      assertThat(call.getString("callId")).isEqualTo("1795315375.0");
      assertThat(call.getString("kind")).isEqualTo("QUEUE");
      assertThat(call.getJsonObject("queue").getString("name")).isEqualTo("acme-support");
      assertThat(call.getJsonObject("queue").getString("label")).isEqualTo("Support");
      JsonArray data = call.getJsonArray("attachedData");
      assertThat(data.size()).isEqualTo(10);
      assertThat(item(data, 1))
          .isEqualTo(
              new JsonObject()
                  .put("position", 1)
                  .put("key", "CustomerId")
                  .put("value", "CRM-4711"));
      assertThat(item(data, 3).getString("value")).isEqualTo("Zoë Müller");
      assertThat(item(data, 4).getString("value")).isEmpty();
      assertThat(item(data, 9).getString("value"))
          .isEqualTo("https://crm.example.com/tickets?id=4711&src=ivr");
      String caller = call.getString("callerNumber");
      assertThat(call.getJsonObject("popup").getString("openOn")).isEqualTo("ring");
      assertThat(call.getJsonObject("popup").getString("url"))
          .isEqualTo(
              "https://crm.example.com/contact?phone="
                  + java.net.URLEncoder.encode(caller, "UTF-8").replace("+", "%20")
                  + "&customer=CRM-4711");

      List<String> states = new ArrayList<>();
      for (JsonObject m : browser.seen()) {
        if ("agent.state".equals(m.getString("type"))) {
          JsonObject st = m.getJsonObject("state");
          states.add(
              st.getString("status")
                  + "/"
                  + (st.getValue("call") == null
                      ? "IDLE"
                      : st.getJsonObject("call").getString("state")));
        }
      }
      while (!states.contains("WRAPUP/IDLE")) {
        JsonObject m = browser.nextOfType("agent.state", SOON);
        assertThat(m).as("states so far: " + states).isNotNull();
        JsonObject st = m.getJsonObject("state");
        states.add(
            st.getString("status")
                + "/"
                + (st.getValue("call") == null
                    ? "IDLE"
                    : st.getJsonObject("call").getString("state")));
      }
      assertThat(states)
          .containsSubsequence("READY/IDLE", "READY/RINGING", "READY/TALKING", "WRAPUP/IDLE");
      List<String> order = browser.seen().stream().map(m -> m.getString("type")).toList();
      assertThat(ringingIndex(browser.seen()))
          .as("the offer comes before the ringing state")
          .isGreaterThan(order.indexOf("call.offer"));
    }

    CallRecords records = new CallRecords(server.database());
    await(() -> record(records).map(r -> r.endedAt() != null).orElse(false), "call record ended");
    CallRecord r = record(records).orElseThrow();
    assertThat(r.kind()).isEqualTo("queue");
    assertThat(r.queue()).isEqualTo("acme-support");
    assertThat(r.outcome()).isEqualTo("answered");
    assertThat(r.waitSeconds()).isEqualTo(2);
    assertThat(r.talkSeconds()).isNotNull();
    assertThat(r.attachedData()).hasSize(10).containsEntry(3, "Zoë Müller");
    assertThat(history("1795315375.0"))
        .as("the call history's timeline")
        .containsSubsequence("queued", "ringing 1001", "answered 1001", "left 1001", "ended");

    AmiFrame add = peer.received("QueueAdd").get(0);
    assertThat(add.get("Queue")).isEqualTo("acme-support");
    assertThat(add.get("Interface")).isEqualTo("PJSIP/acme-1001");
    assertThat(add.get("Paused")).isEqualToIgnoringCase("true");
    assertThat(add.get("Reason")).isEqualTo("Login");
    AmiFrame unpause = peer.received("QueuePause").get(0);
    assertThat(unpause.get("Paused")).isEqualToIgnoringCase("false");
  }

  @Test
  @DisplayName(
      "06: a queue call that rings out makes alice Not Ready 'Missed call' and pauses her in the queue")
  void ringNoAnswer() throws Exception {
    startWith("06-queue-call-ring-no-answer-then-abandon");
    try (PushClient browser = PushClient.authenticated(server.port(), token)) {
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token));
      JsonObject missed = null;
      List<String> types = new ArrayList<>();
      while (missed == null) {
        JsonObject m = browser.next(SOON);
        assertThat(m).as("messages so far: " + types).isNotNull();
        types.add(m.getString("type"));
        if ("agent.state".equals(m.getString("type"))
            && "NOT_READY".equals(m.getJsonObject("state").getString("status"))
            && types.contains("call.offer")) {
          missed = m.getJsonObject("state");
        }
      }
      assertThat(ringingIndex(browser.seen()))
          .as("the offer comes before the ringing state")
          .isGreaterThan(types.indexOf("call.offer"));
      assertThat(missed).as("went Not Ready").isNotNull();
      assertThat(missed.getJsonObject("reason").getString("code")).isEqualTo("missed-call");
    }
    await(
        () ->
            peer.received("QueuePause").stream()
                .anyMatch(
                    f ->
                        "Missed call".equals(f.get("Reason"))
                            && "true".equalsIgnoreCase(f.get("Paused"))),
        "paused for the missed call");
    CallRecords records = new CallRecords(server.database());
    await(() -> abandoned(records, "1795315403.0"), "the caller's abandon is recorded");
    await(() -> history("1795315403.0").contains("abandoned"), "the history has the abandon");
    assertThat(history("1795315403.0"))
        .as("it rang alice in vain, then the caller gave up")
        .containsSubsequence("queued", "ringing 1001", "not_answered 1001", "abandoned");
    assertThat(callRow("1795315403.0", "result")).isEqualTo("abandoned");
  }

  @Test
  @DisplayName(
      "the CRM pushes attached data to the ringing call with the tenant's API key; other keys are refused")
  void crmPushesData() throws Exception {
    startWith("04-queue-call-answered-agent-hangs-up", "AgentComplete"); // the call stays connected
    try (PushClient browser = PushClient.authenticated(server.port(), token)) {
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token));
      assertThat(browser.nextOfType("call.offer", SOON)).isNotNull();
      Api.Response pushed =
          api.put(
              "/api/calls/1795315375.0/attached-data",
              "{\"Language\":\"platinum\"}",
              "X-Api-Key",
              DemoData.CRM_KEY);
      assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
      Api.Response badKey =
          api.put(
              "/api/calls/1795315375.0/attached-data",
              "{\"Language\":\"x\"}",
              "X-Api-Key",
              "stolen");
      assertThat(badKey.status()).isEqualTo(401);
      Api.Response unknownField =
          api.put(
              "/api/calls/1795315375.0/attached-data",
              "{\"Password\":\"x\"}",
              "X-Api-Key",
              DemoData.CRM_KEY);
      assertThat(unknownField.code()).isEqualTo("unknown-key");
      Api.Response unknownCall =
          api.put(
              "/api/calls/999.9/attached-data",
              "{\"Language\":\"x\"}",
              "X-Api-Key",
              DemoData.CRM_KEY);
      assertThat(unknownCall.status()).isEqualTo(404);
      Api.Response agentTries =
          api.put("/api/calls/1795315375.0/attached-data", "{\"Language\":\"x\"}", bearer(token));
      assertThat(agentTries.status()).isEqualTo(403);

      // another tenant's CRM, with a valid key of its own and the same key names, cannot reach
      // acme's call
      var other = io.tandemcc.support.TestTenants.create(server.database(), "crm");
      server
          .database()
          .dsl()
          .execute(
              "insert into attached_data_key (tenant_id, position, key_name) values (?, 5, 'Language')",
              other.id());
      server
          .database()
          .dsl()
          .execute(
              "insert into api_key (tenant_id, name, key_hash) values (?, 'other', ?)",
              other.id(),
              new io.tandemcc.auth.ApiKeys(server.database()).hash("other-tenant-key"));
      Api.Response foreign =
          api.put(
              "/api/calls/1795315375.0/attached-data",
              "{\"Language\":\"hijacked\"}",
              "X-Api-Key",
              "other-tenant-key");
      assertThat(foreign.status()).isEqualTo(404);
      JsonObject data = browser.nextOfType("call.data", SOON);
      assertThat(data).as("the agent got acme's own push").isNotNull();
      assertThat(
              data.getJsonArray("attachedData").stream()
                  .map(o -> ((JsonObject) o).getString("value")))
          .contains("platinum")
          .doesNotContain("hijacked");
      assertThat(browser.nextOfType("call.data", Duration.ofMillis(500)))
          .as("nothing from the other tenant")
          .isNull();
    }
  }

  @Test
  @DisplayName(
      "09: hold and resume are counted on the call record; alice goes TALKING, HELD, TALKING")
  void holdIsRecorded() throws Exception {
    startWith("09-hold-unhold");
    readyAndWaitForWrapup();
    await(
        () -> Integer.valueOf(1).equals(callRow("1795315460.0", "hold_count")),
        "hold counted"); // written behind
    assertThat((Integer) callRow("1795315460.0", "held_seconds")).isBetween(0, 5);
    assertThat(history("1795315460.0"))
        .as("the hold is on the timeline")
        .containsSubsequence("answered 1001", "held", "resumed", "ended");
  }

  @Test
  @DisplayName(
      "10: after a blind transfer alice is released to wrap-up and bob's leg is a transfer leg of the call")
  void blindTransferParties() throws Exception {
    startWith("10-blind-transfer");
    readyAndWaitForWrapup();
    await(
        () -> parties("1795315478.0").size() == 2 && callRow("1795315478.0", "ended_at") != null,
        "both legs recorded");
    assertThat(parties("1795315478.0"))
        .containsExactly("1001:primary:transferred", "1002:transfer:hangup");
    assertThat(callRow("1795315478.0", "transfer_count")).isEqualTo(1);
    assertThat(callRow("1795315478.0", "agent_number")).isEqualTo("1002");
    assertThat(history("1795315478.0"))
        .containsSubsequence(
            "answered 1001", "transferred 1001", "ringing 1002", "answered 1002", "ended");
    assertThat(callRow("1795315478.0", "result")).isEqualTo("transferred");
  }

  @Test
  @DisplayName("11: after an attended transfer the consulted bob owns the call; alice wraps up")
  void attendedTransferParties() throws Exception {
    startWith("11-attended-transfer");
    readyAndWaitForWrapup();
    await(
        () -> parties("1795315514.0").size() == 2 && callRow("1795315514.0", "ended_at") != null,
        "both legs recorded");
    assertThat(parties("1795315514.0"))
        .containsExactly("1001:primary:transferred", "1002:consult:hangup");
    assertThat(callRow("1795315514.0", "agent_number")).isEqualTo("1002");
    assertThat(callRow("1795315514.0", "transfer_count")).isEqualTo(1);
    assertThat(history("1795315514.0"))
        .containsSubsequence(
            "answered 1001", "consulted 1002", "answered 1002", "transferred 1001", "ended");
  }

  @Test
  @DisplayName(
      "11b: a cancelled consultation ends bob's leg only; alice keeps the customer and the call is hers")
  void attendedTransferCancelledParties() throws Exception {
    startWith("11b-attended-transfer-cancelled");
    readyAndWaitForWrapup();
    await(
        () -> parties("1795315535.0").size() == 2 && callRow("1795315535.0", "ended_at") != null,
        "both legs recorded");
    assertThat(parties("1795315535.0"))
        .containsExactly("1001:primary:hangup", "1002:consult:consult_ended");
    assertThat(callRow("1795315535.0", "agent_number")).isEqualTo("1001");
    assertThat(callRow("1795315535.0", "transfer_count")).isEqualTo(0);
    assertThat(callRow("1795315535.0", "hold_count"))
        .as("the consultation held the customer")
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "07: a direct call from outside is an inbound call of alice's in the history: rang, answered, ended")
  void directCallInHistory() throws Exception {
    startWith("07-direct-call-to-agent");
    assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token)).status())
        .isEqualTo(200);
    await(() -> callRow("1795315433.0", "ended_at") != null, "call record ended");
    assertThat(callRow("1795315433.0", "direction")).isEqualTo("inbound");
    assertThat(callRow("1795315433.0", "result")).isEqualTo("answered");
    assertThat(history("1795315433.0"))
        .containsSubsequence("started", "ringing 1001", "answered 1001", "left 1001", "ended");
  }

  @Test
  @DisplayName(
      "08: alice's own outbound call is an outbound call in the history: dialled, answered, ended")
  void outboundCallInHistory() throws Exception {
    startWith("08-agent-outbound-call");
    assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token)).status())
        .isEqualTo(200);
    await(() -> callRow("1795315446.0", "ended_at") != null, "call record ended");
    assertThat(callRow("1795315446.0", "direction")).isEqualTo("outbound");
    assertThat(callRow("1795315446.0", "result")).isEqualTo("answered");
    assertThat(history("1795315446.0"))
        .containsSubsequence("dialed 1001", "answered 1001", "left 1001", "ended");
  }

  /** Alice becomes Ready, takes the trace's call, and ends in wrap-up. */
  private void readyAndWaitForWrapup() throws Exception {
    try (PushClient browser = PushClient.authenticated(server.port(), token)) {
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token)).status())
          .isEqualTo(200);
      assertThat(browser.nextOfType("call.offer", SOON)).isNotNull();
      await(
          () ->
              "WRAPUP".equals(api.get("/api/agent/state", bearer(token)).json().getString("status"))
                  && api.get("/api/agent/state", bearer(token)).json().getValue("call") == null,
          "alice in wrap-up");
    }
  }

  /**
   * The call's timeline as the demo admin reads it in the call history: "kind" or "kind extension"
   * per entry.
   */
  private List<String> history(String callId) {
    Object id =
        server
            .database()
            .dsl()
            .fetchValue(
                "select r.id from call_record r join tenant t on t.id = r.tenant_id"
                    + " where t.domain = ? and r.call_id = ?",
                DemoData.DOMAIN,
                callId);
    String admin =
        api.post("/api/login", Api.login("admin", DemoData.PASSWORD, DemoData.DOMAIN))
            .json()
            .getString("accessToken");
    Api.Response r = api.get("/api/history/calls/" + id, bearer(admin));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<String> kinds = new ArrayList<>();
    r.json()
        .getJsonArray("timeline")
        .forEach(
            o -> {
              JsonObject e = (JsonObject) o;
              JsonObject agent = e.getJsonObject("agent");
              kinds.add(
                  e.getString("kind") + (agent == null ? "" : " " + agent.getString("extension")));
            });
    return kinds;
  }

  private Object callRow(String callId, String column) {
    String sql =
        column.equals("agent_number")
            ? "select x.number from call_record r join agent a on a.id = r.agent_id join extension x on x.id = a.extension_id"
                + " where r.call_id = ?"
            : "select " + column + " from call_record where call_id = ?";
    return server.database().dsl().fetchValue(sql, callId);
  }

  private List<String> parties(String callId) {
    return server
        .database()
        .dsl()
        .fetch(
            "select x.number, p.role, p.end_reason from call_party p"
                + " join call_record r on r.id = p.call_record_id join agent u on u.id = p.agent_id"
                + " join extension x on x.id = u.extension_id"
                + " where r.call_id = ? order by p.joined_at, p.id",
            callId)
        .map(r -> r.get(0) + ":" + r.get(1) + ":" + r.get(2));
  }

  @Test
  @DisplayName(
      "with the PBX unreachable, health says degraded (503) and browsers are told the link is down")
  void linkDownIsVisible() throws Exception {
    Server shared = TestServer.get();
    int closedPort;
    try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    server =
        Server.start(
            AppConfig.fromEnvironment(
                Map.of(
                    "CC_MODE",
                    "dev",
                    "HTTP_PORT",
                    "0",
                    "DATA_DIR",
                    Files.createTempDirectory("tandemcc-ami").toString(),
                    "DATABASE_URL",
                    shared.embeddedJdbcUrl().orElseThrow(),
                    "DATABASE_USER",
                    "postgres",
                    "DEMO_DATA",
                    "false",
                    "AMI_HOST",
                    "127.0.0.1",
                    "AMI_PORT",
                    Integer.toString(closedPort),
                    "AMI_SECRET",
                    "test-secret")));
    api = new Api(server.port());
    await(
        () ->
            "DOWN"
                .equals(
                    api.get("/api/health")
                        .json()
                        .getJsonArray("pbx")
                        .getJsonObject(0)
                        .getString("state")),
        "link reported down");
    Api.Response health = api.get("/api/health");
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.json().getString("status")).isEqualTo("degraded");
    assertThat(health.json().getJsonArray("pbx").getJsonObject(0).getString("lastError"))
        .isNotBlank();
    token =
        api.post("/api/login", Api.login("alice", DemoData.PASSWORD, DemoData.DOMAIN))
            .json()
            .getString("accessToken");
    try (PushClient browser = PushClient.authenticated(server.port(), token)) {
      assertThat(browser.welcome().getBoolean("pbxUp")).isFalse();
    }
  }

  private static int ringingIndex(List<JsonObject> messages) {
    for (int i = 0; i < messages.size(); i++) {
      JsonObject m = messages.get(i);
      if ("agent.state".equals(m.getString("type"))
          && m.getJsonObject("state").getValue("call") != null
          && "RINGING".equals(m.getJsonObject("state").getJsonObject("call").getString("state"))) {
        return i;
      }
    }
    return -1;
  }

  private long acmeId() {
    return ((Number)
            server.database().dsl().fetchValue("select id from tenant where domain = 'acme'"))
        .longValue();
  }

  private boolean abandoned(CallRecords records, String callId) throws Exception {
    Optional<CallRecord> r =
        records.find(acmeId(), callId).toCompletionStage().toCompletableFuture().get();
    return r.isPresent() && "abandoned".equals(r.get().outcome());
  }

  private Optional<CallRecord> record(CallRecords records) throws Exception {
    return records
        .find(acmeId(), "1795315375.0")
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  private static JsonObject item(JsonArray data, int position) {
    for (int i = 0; i < data.size(); i++) {
      if (data.getJsonObject(i).getInteger("position") == position) {
        return data.getJsonObject(i);
      }
    }
    return null;
  }

  private static void await(Await.Check check, String what) throws Exception {
    Await.until(check, what, SOON);
  }

  private static void await(Await.Check check, String what, Duration timeout) throws Exception {
    Await.until(check, what, timeout);
  }
}
