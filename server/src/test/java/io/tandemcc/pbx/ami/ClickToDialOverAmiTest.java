package io.tandemcc.pbx.ami;

import static io.tandemcc.db.generated.Tables.CALL_ATTACHED_DATA;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;
import static io.tandemcc.db.generated.Tables.TENANT;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.pbx.ami.AmiScript.End;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Gate;
import io.tandemcc.pbx.ami.AmiScript.Send;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Click-to-dial over AMI, replaying trace 15: the server originates to the agent's phone
 * (acme-1001, the demo tenant's alice), Asterisk answers with OriginateResponse Success and the
 * customer's leg; to acme-1003 (carol) the OriginateResponse is a Failure. The script waits (a
 * gate) before the customer answers, until the server has taken the call over; nothing else is
 * changed in the recorded frames.
 */
@DisplayName(
    "Click-to-dial over AMI (trace 15): the CRM's POST /api/dial and a callback's one-click dial")
class ClickToDialOverAmiTest {
  private static final Duration SOON = Duration.ofSeconds(5);
  private static final String ALICE_LEG = "1795315638.0";
  private ScriptedAmiPeer peer;
  private Server server;
  private Api api;
  private String alice;
  private String carol;
  private final CompletableFuture<Void> customerAnswers = new CompletableFuture<>();

  /**
   * Leaves the shared demo agents logged out, as the next test expects: the replayed call ends
   * first.
   */
  @AfterEach
  void tearDown() throws Exception {
    customerAnswers.complete(null);
    for (String token : new String[] {alice, carol}) {
      if (api != null && token != null) {
        long deadline = System.nanoTime() + SOON.toNanos();
        JsonObject state = api.get("/api/agent/state", bearer(token)).json();
        while (state.getValue("call") != null && System.nanoTime() < deadline) {
          Thread.sleep(50);
          state = api.get("/api/agent/state", bearer(token)).json();
        }
        if (state.getValue("call") != null) {
          new io.tandemcc.agent.AgentStateClient(server.vertx())
              .send(
                  acme(),
                  state.getLong("agentId"),
                  new io.tandemcc.agent.AgentEvent.CallEnded(
                      state.getJsonObject("call").getString("callId")),
                  "test")
              .toCompletionStage()
              .toCompletableFuture()
              .get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(api.post("/api/session/logout", "", bearer(token)).status()).isEqualTo(204);
      }
    }
    if (server != null) {
      server.close();
    }
    if (peer != null) {
      peer.close();
    }
  }

  /**
   * Trace 15 up to the Originate to acme-1003 (carol) and its failure; the customer answers once
   * the gate opens.
   */
  private void start() throws Exception {
    AmiScript script =
        AmiScript.fromTrace("15-originate-click-to-dial", "Originate")
            .insertBefore(
                firstEvent("DialEnd", "PJSIP/acme-1001-00000000"), new Gate(customerAnswers))
            .cutAfter(
                step ->
                    step instanceof Expect e
                        && "PJSIP/acme-1003".equals(e.request().get("Channel")),
                new End());
    Server shared =
        TestServer
            .get(); // first: the peer's accept() must not wait for the shared database to start
    TraceCalls.startAfresh(shared, "15-originate-click-to-dial");
    shared
        .database()
        .dsl()
        .update(TENANT)
        .set(TENANT.CLICK_TO_DIAL_AUTO_ANSWER, true)
        .where(TENANT.DOMAIN.eq(DemoData.DOMAIN))
        .execute();
    peer = ScriptedAmiPeer.start(script);
    server = TraceCalls.serverOn(shared, peer);
    api = new Api(server.port());
    await(() -> api.get("/api/health").status() == 200, "PBX link up");
    alice = token("alice");
  }

  @Test
  @DisplayName(
      "the CRM dials for alice: her phone first (auto-answer), then the number, with the attached data")
  void crmDials() throws Exception {
    start();
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
      Api.Response dial =
          dial(
              "{\"agent\":\"alice\",\"number\":\"90155501234\",\"customerName\":\"CRM: Jane Customer\","
                  + "\"attachedData\":{\"CustomerId\":\"CRM-42\"}}",
              DemoData.CRM_KEY);
      assertThat(dial.status()).as(dial.body()).isEqualTo(200);
      assertThat(dial.json()).isEqualTo(new JsonObject().put("callId", ALICE_LEG));

      AmiFrame originate = peer.received("Originate").get(0);
      assertThat(originate.get("Channel")).isEqualTo("PJSIP/acme-1001");
      assertThat(originate.get("Context")).isEqualTo("acme-agents");
      assertThat(originate.get("Exten")).isEqualTo("90155501234");
      assertThat(originate.get("CallerID")).isEqualTo("\"CRM: Jane Customer\" <90155501234>");
      assertThat(originate.toWire())
          .contains("__CC_VAR1=CRM-42")
          .contains("__CC_TENANT=acme")
          .contains("PJSIP_HEADER(add,Call-Info)=<sip:127.0.0.1>;answer-after=0");

      // the offer comes first (the call panel shows the CRM's data), then the state that goes with
      // it
      JsonObject offer = next(browser, "call.offer", m -> true).getJsonObject("call");
      assertThat(offer.getString("callId")).isEqualTo(ALICE_LEG);
      assertThat(offer.getString("callerNumber")).isEqualTo("90155501234");
      assertThat(offer.getJsonArray("attachedData").getJsonObject(0))
          .isEqualTo(
              new JsonObject().put("position", 1).put("key", "CustomerId").put("value", "CRM-42"));
      // Ready was left before the phone rang: queues offer alice nothing meanwhile
      JsonObject dialling = next(browser, "agent.state", m -> call(m) != null);
      assertThat(dialling.getJsonObject("state").getString("status")).isEqualTo("NOT_READY");
      assertThat(dialling.getJsonObject("state").getJsonObject("reason").getString("code"))
          .isEqualTo("outbound-call");
      assertThat(call(dialling).getString("kind")).isEqualTo("OUTBOUND");
      assertThat(call(dialling).getString("state")).isEqualTo("DIALING");

      // on a call: a second dial is refused
      Api.Response busy = dial("{\"agent\":\"1001\",\"number\":\"123\"}", DemoData.CRM_KEY);
      assertThat(busy.status()).isEqualTo(409);
      assertThat(busy.code()).isEqualTo("agent-not-available");
      assertThat(busy.json().getString("detail")).contains("on a call");

      customerAnswers.complete(null);
      next(
          browser,
          "agent.state",
          m -> call(m) != null && "TALKING".equals(call(m).getString("state")));
      JsonObject after = next(browser, "agent.state", m -> call(m) == null);
      assertThat(after.getJsonObject("state").getString("status"))
          .as("Not Ready after the call")
          .isEqualTo("NOT_READY");
    }
    // the record is written behind the pushes: wait until it says the call ended
    await(
        () ->
            server
                .database()
                .dsl()
                .fetchExists(
                    CALL_RECORD,
                    CALL_RECORD
                        .CALL_ID
                        .eq(ALICE_LEG)
                        .and(CALL_RECORD.TENANT_ID.eq(acme()))
                        .and(CALL_RECORD.ENDED_AT.isNotNull())),
        "call record ended");
    var record =
        server
            .database()
            .dsl()
            .selectFrom(CALL_RECORD)
            .where(CALL_RECORD.CALL_ID.eq(ALICE_LEG).and(CALL_RECORD.TENANT_ID.eq(acme())))
            .fetchOne();
    assertThat(record.getKind()).isEqualTo("outbound");
    assertThat(record.getDialedNumber()).isEqualTo("90155501234");
    assertThat(record.getDirection()).as("the call history's direction").isEqualTo("click_to_dial");
    assertThat(record.getResult()).isEqualTo("answered");
    assertThat(
            server
                .database()
                .dsl()
                .fetchCount(
                    io.tandemcc.db.generated.Tables.CALL_PARTY,
                    io.tandemcc.db.generated.Tables.CALL_PARTY.CALL_RECORD_ID.eq(record.getId())))
        .as("alice's leg is a party of the call (the history's timeline)")
        .isEqualTo(1);
    assertThat(record.getAnsweredAt()).isNotNull();
    var data =
        server
            .database()
            .dsl()
            .selectFrom(CALL_ATTACHED_DATA)
            .where(CALL_ATTACHED_DATA.CALL_RECORD_ID.eq(record.getId()))
            .fetch();
    assertThat(data)
        .extracting(d -> d.getPosition() + "=" + d.getValue() + "/" + d.getSource())
        .containsExactly("1=CRM-42/api");
  }

  @Test
  @DisplayName(
      "refused clearly: bad key, unknown agent, bad input, logged out; a phone that does not answer")
  void refusals() throws Exception {
    start();
    assertProblem(
        dial("{\"agent\":\"alice\",\"number\":\"123\"}", "wrong-key"), 401, "invalid-api-key");
    assertProblem(
        dial("{\"agent\":\"nobody\",\"number\":\"123\"}", DemoData.CRM_KEY), 404, "unknown-agent");
    assertProblem(
        dial("{\"agent\":\"alice\",\"number\":\"call me\"}", DemoData.CRM_KEY),
        400,
        "invalid-request");
    assertProblem(
        dial(
            "{\"agent\":\"alice\",\"number\":\"123\",\"attachedData\":{\"Nope\":\"x\"}}",
            DemoData.CRM_KEY),
        400,
        "unknown-key");
    Api.Response out = dial("{\"agent\":\"carol\",\"number\":\"90155501234\"}", DemoData.CRM_KEY);
    assertProblem(out, 409, "agent-not-available");
    assertThat(out.json().getString("detail")).contains("logged out");
    assertThat(peer.received("Originate")).as("nothing dialled so far").isEmpty();

    // trace 15's first originate (alice) and then carol's, to acme-1003: OriginateResponse Failure
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
    assertThat(dial("{\"agent\":\"alice\",\"number\":\"90155501234\"}", DemoData.CRM_KEY).status())
        .isEqualTo(200);
    customerAnswers.complete(null);
    carol = token("carol");
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(carol));
    Api.Response unanswered =
        dial("{\"agent\":\"carol\",\"number\":\"90155501234\"}", DemoData.CRM_KEY);
    assertProblem(unanswered, 409, "agent-not-answering");
    assertThat(peer.received("Originate").get(1).get("Channel")).isEqualTo("PJSIP/acme-1003");
    await(
        () -> "READY".equals(api.get("/api/agent/state", bearer(carol)).json().getString("status")),
        "carol Ready again");
  }

  @Test
  @DisplayName(
      "the tenant's cap counts live outside calls: with 1 allowed, carol is refused (403 outbound-cap, "
          + "audited) while alice's call is up, and dials once its hang-up ended it")
  void tenantCapFollowsLiveCalls() throws Exception {
    start();
    setTenantCap(1);
    try {
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
      carol = token("carol");
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(carol));
      assertThat(
              dial("{\"agent\":\"alice\",\"number\":\"90155501234\"}", DemoData.CRM_KEY).status())
          .isEqualTo(200);
      Api.Response capped =
          dial("{\"agent\":\"carol\",\"number\":\"90155501234\"}", DemoData.CRM_KEY);
      assertProblem(capped, 403, "outbound-cap");
      assertThat(capped.json().getString("detail")).contains("1 outside call");
      assertThat(peer.received("Originate")).as("carol's phone was not rung").hasSize(1);
      var audit =
          server
              .database()
              .dsl()
              .fetchOne(
                  "select a.* from audit_log a join agent g on g.id = "
                      + "a.target_agent_id join app_user u on u.id = g.user_id where a.tenant_id = ? and u.username = 'carol' "
                      + "and a.action = 'outbound-refused' order by a.id desc limit 1",
                  acme());
      assertThat(audit).isNotNull();
      assertThat(audit.get("detail", String.class))
          .isEqualTo("click-to-dial: tenant cap +11555xxxxx");
      assertThat(audit.get("outcome", String.class)).isEqualTo("refused:outbound-cap");

      customerAnswers.complete(
          null); // the trace plays the rest of alice's call: answer, then hang-up
      // the record says the call ended once the call owner has ended it (written behind, after it
      // forgot the call)
      await(
          () ->
              server
                  .database()
                  .dsl()
                  .fetchExists(
                      CALL_RECORD,
                      CALL_RECORD
                          .CALL_ID
                          .eq(ALICE_LEG)
                          .and(CALL_RECORD.TENANT_ID.eq(acme()))
                          .and(CALL_RECORD.ENDED_AT.isNotNull())),
          "alice's call ended");
      Api.Response unanswered =
          dial("{\"agent\":\"carol\",\"number\":\"90155501234\"}", DemoData.CRM_KEY);
      assertProblem(unanswered, 409, "agent-not-answering");
      assertThat(peer.received("Originate").get(1).get("Channel")).isEqualTo("PJSIP/acme-1003");
    } finally {
      setTenantCap(10);
    }
  }

  private void setTenantCap(int cap) {
    server
        .database()
        .dsl()
        .execute(
            "update tenant_outbound_rules set max_outbound_per_tenant = ? where tenant_id = ?",
            cap,
            acme());
  }

  @Test
  @DisplayName("a callback is dialled with one click through the same originate, and is done")
  void callbackDial() throws Exception {
    start();
    long id =
        api.post(
                "/api/callbacks",
                new JsonObject()
                    .put("dueAt", Instant.now().plusSeconds(600).toString())
                    .put("number", "90155501234")
                    .put("name", "CRM: Jane Customer")
                    .encode(),
                bearer(alice))
            .json()
            .getLong("id");
    Api.Response dial = api.post("/api/callbacks/" + id + "/dial", "", bearer(alice));
    assertThat(dial.status()).as(dial.body()).isEqualTo(200);
    assertThat(dial.json().getString("callId")).isEqualTo(ALICE_LEG);
    AmiFrame originate = peer.received("Originate").get(0);
    assertThat(originate.get("Channel")).isEqualTo("PJSIP/acme-1001");
    assertThat(originate.get("Exten")).isEqualTo("90155501234");
    assertThat(api.get("/api/callbacks", bearer(alice)).json().getJsonArray("callbacks")).isEmpty();
    Api.Response again = api.post("/api/callbacks/" + id + "/dial", "", bearer(alice));
    assertProblem(again, 409, "callback-closed");
    customerAnswers.complete(null);
  }

  private Api.Response dial(String body, String key) {
    return api.post("/api/dial", body, "X-Api-Key", key);
  }

  private static void assertProblem(Api.Response r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.code()).isEqualTo(code);
  }

  private static JsonObject call(JsonObject stateMessage) {
    return stateMessage.getJsonObject("state").getJsonObject("call");
  }

  private long acme() {
    return server
        .database()
        .dsl()
        .select(TENANT.ID)
        .from(TENANT)
        .where(TENANT.DOMAIN.eq(DemoData.DOMAIN))
        .fetchOne(TENANT.ID);
  }

  private String token(String user) {
    Api.Response login =
        api.post("/api/login", Api.login(user, DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json().getString("accessToken");
  }

  private static Predicate<Step> firstEvent(String event, String channel) {
    return step ->
        step instanceof Send send
            && event.equals(send.frame().event())
            && channel.equals(send.frame().get("Channel"));
  }

  private static JsonObject next(PushClient page, String type, Predicate<JsonObject> match)
      throws Exception {
    return page.nextMatching(type, match, SOON);
  }

  private void await(Await.Check check, String what) throws Exception {
    Await.until(check, what, Duration.ofSeconds(40));
  }
}
