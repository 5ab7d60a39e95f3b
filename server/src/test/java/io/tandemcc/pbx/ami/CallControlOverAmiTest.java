package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Call control end to end: the agent's REST actions make the server send the traced AMI actions to a scripted peer,
 * which then plays the rest of the real trace; the call model, both agents' states, the pushes and the call record
 * follow the PBX's events. Demo tenant acme: alice (1001) takes the queue call, bob (1002) is the colleague.
 */
@DisplayName("Call control over AMI: transfers, consultation and recording driven by REST, replayed from real traces")
class CallControlOverAmiTest {
  private static final Duration SOON = Duration.ofSeconds(8);
  private ScriptedAmiPeer peer;
  private Server server;
  private Api api;
  private String alice;
  private String bob;

  /**
   * Starts a server on a peer replaying {@code trace}; alice logs in (the script waits for her Ready before the call),
   * bob logs in too (his QueueAdd and QueuePause are answered with the trace's replies to alice's: same frames).
   */
  private void startWith(String trace, UnaryOperator<AmiScript> compose, String... awaited) throws Exception {
    String[] actions = new String[awaited.length + 1];
    actions[0] = "QueueAdd";
    System.arraycopy(awaited, 0, actions, 1, awaited.length);
    AmiScript recorded = compose.apply(AmiScript.fromTrace(trace, actions));
    List<Step> steps = new ArrayList<>();
    boolean firstAdd = true;
    for (Step s : recorded.steps()) {
      if (s instanceof Expect e && "QueueAdd".equalsIgnoreCase(e.action()) && !firstAdd) {
        steps.add(new Expect(e.request(), e.replies(), false)); // 10b's own check-in of bob: answered, not awaited
        continue;
      }
      steps.add(s);
      if (s instanceof Expect e && "QueueAdd".equalsIgnoreCase(e.action())) {
        firstAdd = false;
        List<AmiFrame> paused = List.of(AmiFrame.of("Response: Success", "ActionID: x",
            "Message: Interface paused successfully"));
        steps.add(new Expect(e.request(), e.replies(), false)); // bob's check-in
        steps.add(new Expect(AmiFrame.of("Action: QueuePause", "ActionID: x"), paused, true)); // alice Ready
        steps.add(new Expect(AmiFrame.of("Action: QueuePause", "ActionID: x"), paused, false)); // bob Ready
      }
    }
    Server shared = TestServer.get();
    TraceCalls.startAfresh(shared, trace);
    peer = ScriptedAmiPeer.start(new AmiScript(steps));
    Map<String, String> env = new HashMap<>(Map.of(
        "CC_MODE", "dev", "HTTP_PORT", "0", "DATA_DIR", Files.createTempDirectory("tandemcc-cc").toString(),
        "DATABASE_URL", shared.embeddedJdbcUrl().orElseThrow(), "DATABASE_USER", "postgres", "DEMO_DATA", "false",
        "AMI_HOST", "127.0.0.1", "AMI_PORT", Integer.toString(peer.port()), "AMI_SECRET", "test-secret",
        "AMI_TIMEOUT_SECONDS", "30"));
    server = Server.start(AppConfig.fromEnvironment(env));
    api = new Api(server.port());
    await(() -> api.get("/api/health").status() == 200, "PBX link up", Duration.ofSeconds(40));
    alice = login("alice");
    bob = login("bob");
  }

  private String login(String user) {
    Api.Response r = api.post("/api/login", Api.login(user, DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getString("accessToken");
  }

  @AfterEach
  void tearDown() throws Exception {
    server.database().dsl().execute("update agent_group set always_record = false where queue_name = 'acme-support'");
    for (String token : new String[] {alice, bob}) {
      if (api != null && token != null) {
        JsonObject state = api.get("/api/agent/state", bearer(token)).json();
        if (state.getValue("call") != null) { // a leg the trace left up: the next test's server must not restore it
          long tenant = ((Number) server.database().dsl().fetchValue("select id from tenant where domain = 'acme'"))
              .longValue();
          new io.tandemcc.agent.AgentStateClient(server.vertx()).send(tenant, state.getLong("agentId"),
              new io.tandemcc.agent.AgentEvent.CallEnded(state.getJsonObject("call").getString("callId")), "test")
              .toCompletionStage().toCompletableFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        api.post("/api/agent/wrapup/end", "", bearer(token));
        api.post("/api/session/logout", "", bearer(token));
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
   * Alice goes Ready and waits until she talks to the trace's customer, as her browser is told: the replay may run
   * on to the end of the call at once (only the actions a test names are awaited), so polling could miss TALKING.
   */
  private void aliceTalks(PushClient browser) throws Exception {
    assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)).status()).isEqualTo(200);
    assertThat(browser.nextOfType("call.offer", SOON)).as("alice is offered the call").isNotNull();
    long deadline = System.nanoTime() + SOON.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m = browser.next(Duration.ofMillis(100));
      JsonObject call = m == null || !"agent.state".equals(m.getString("type")) ? null
          : m.getJsonObject("state").getJsonObject("call");
      if (call != null && "TALKING".equals(call.getString("state"))) {
        return;
      }
    }
    throw new AssertionError("alice was not told she talks; seen " + browser.seen());
  }

  @Test
  @DisplayName("10: transfer to a Not Ready bob is refused naming him; once Ready, BlindTransfer releases alice to "
      + "wrap-up and bob takes the call")
  void blindTransferToAgent() throws Exception {
    startWith("10-blind-transfer", s -> s, "BlindTransfer");
    long bobId = agentId(bob);
    assertThat(api.post("/api/calls/current/transfer", target("agentId", bobId), bearer(alice)).code())
        .as("no call yet").isEqualTo("not-on-call");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);

      Api.Response refused = api.post("/api/calls/current/transfer", target("agentId", bobId), bearer(alice));
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.code()).isEqualTo("target-not-ready");
      assertThat(refused.json().getString("detail")).isEqualTo("Bob Agent is Not Ready (Login).");
      assertThat(peer.received("BlindTransfer")).isEmpty();

      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status()).isEqualTo(200);
      Api.Response done = api.post("/api/calls/current/transfer", target("agentId", bobId), bearer(alice));
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(done.json().getString("callId")).isEqualTo("1795315478.0");

      AmiFrame sent = peer.received("BlindTransfer").get(0);
      assertThat(sent.get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
      assertThat(sent.get("Exten")).isEqualTo("1002");
      assertThat(sent.get("Context")).isEqualTo("acme-agents");
      await(() -> "WRAPUP".equals(status(alice)) && callState(alice) == null, "alice released to wrap-up");
    }
    await(() -> "1002".equals(callOwner("1795315478.0")), "bob owns the call");
    await(() -> !"TALKING".equals(callState(bob)) && callEnded("1795315478.0"), "bob's leg ended");
    assertThat(status(bob)).isIn("WRAPUP", "READY");
  }

  @Test
  @DisplayName("10: blind transfer to a number sends BlindTransfer to that number; bad targets are refused")
  void blindTransferToNumberAndBadTargets() throws Exception {
    startWith("10-blind-transfer", s -> s, "BlindTransfer");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      var other = TestTenants.create(server.database(), "xfer");
      assertThat(api.post("/api/calls/current/transfer", target("agentId", other.bobAgent()), bearer(alice)).code())
          .as("another tenant's agent").isEqualTo("unknown-target");
      assertThat(api.post("/api/calls/current/transfer", "{\"target\":{\"queue\":\"" + other.domain()
          + "-support\"}}", bearer(alice)).code()).as("another tenant's queue").isEqualTo("unknown-target");
      assertThat(api.post("/api/calls/current/transfer", "{\"target\":{\"number\":\"12ab\"}}", bearer(alice)).code())
          .isEqualTo("invalid-request");
      assertThat(api.post("/api/calls/current/transfer", "{\"target\":{}}", bearer(alice)).code())
          .isEqualTo("invalid-request");
      assertThat(api.post("/api/calls/current/consult/complete", "", bearer(alice)).code()).isEqualTo("no-consult");
      assertThat(api.post("/api/calls/current/transfer", target("number", "1002"), bearer(bob)).code())
          .as("bob is on no call").isEqualTo("not-on-call");

      JsonObject current = api.get("/api/calls/current", bearer(alice)).json();
      assertThat(current.getString("callId")).isEqualTo("1795315478.0");
      assertThat(current.getString("role")).isEqualTo("primary");
      assertThat(current.getBoolean("recording")).isFalse();
      assertThat(current.getValue("consult")).isNull();
      assertThat(api.get("/api/calls/current", bearer(bob)).code()).isEqualTo("not-on-call");

      // another tenant's agent with the same name and extension reaches nothing of acme's call, nor its queues
      server.database().dsl().execute("insert into agent_group (tenant_id, name, queue_name) values (?, 'Billing', ?)",
          other.id(), other.domain() + "-billing");
      String otherAlice = api.tokenOf("alice", other.domain());
      assertThat(api.get("/api/calls/current", bearer(otherAlice)).code()).isEqualTo("not-on-call");
      assertThat(api.post("/api/calls/current/transfer", target("number", "1002"), bearer(otherAlice)).code())
          .isEqualTo("not-on-call");
      assertThat(api.post("/api/calls/current/recording", "", bearer(otherAlice)).code()).isEqualTo("not-on-call");
      assertThat(api.get("/api/queues", bearer(otherAlice)).json().getJsonArray("queues").stream()
          .map(q -> ((JsonObject) q).getString("label"))).containsExactly("Billing", "Sales", "Support");
      assertThat(api.get("/api/queues", bearer(alice)).json().getJsonArray("queues").stream()
          .map(q -> ((JsonObject) q).getString("label"))).containsExactly("Sales", "Support");
      assertThat(api.post("/api/calls/current/transfer", "{\"target\":{\"queue\":\"billing\"}}", bearer(alice))
          .code()).as("another tenant's queue by its short name").isEqualTo("unknown-target");
      api.post("/api/session/logout", "", bearer(otherAlice));
      // supervisors control no calls
      String sam = login("sam");
      assertThat(api.post("/api/calls/current/transfer", target("number", "1002"), bearer(sam)).status())
          .isEqualTo(403);
      assertThat(api.get("/api/calls/current", bearer(sam)).status()).isEqualTo(403);
      api.post("/api/session/logout", "", bearer(sam));

      Api.Response done = api.post("/api/calls/current/transfer", target("number", "1002"), bearer(alice));
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(peer.received("BlindTransfer").get(0).get("Exten")).isEqualTo("1002");
      await(() -> "WRAPUP".equals(status(alice)), "alice released to wrap-up");
    }
  }

  @Test
  @DisplayName("10b: transfer to a queue redirects the customer into it with its attached data; bob gets it, alice "
      + "wraps up")
  void transferToQueue() throws Exception {
    startWith("10b-redirect-to-queue", s -> s, "Redirect");
    try (PushClient browser = PushClient.authenticated(server.port(), alice);
        PushClient bobsBrowser = PushClient.authenticated(server.port(), bob)) {
      aliceTalks(browser);
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status()).isEqualTo(200);
      JsonObject queues = api.get("/api/queues", bearer(alice)).json();
      assertThat(queues.getJsonArray("queues").stream().map(q -> ((JsonObject) q).getString("name")))
          .containsExactly("sales", "support");
      assertThat(api.post("/api/calls/current/transfer", "{\"target\":{\"queue\":\"nowhere\"}}", bearer(alice))
          .code()).isEqualTo("unknown-target");

      Api.Response done = api.post("/api/calls/current/transfer", "{\"target\":{\"queue\":\"Support\"}}",
          bearer(alice));
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      AmiFrame sent = peer.received("Redirect").get(0);
      assertThat(sent.get("Channel")).as("the customer's leg").isEqualTo("PJSIP/pstn-00000000");
      assertThat(sent.get("Context")).isEqualTo("acme-queue-entry");
      assertThat(sent.get("Exten")).isEqualTo("support");

      JsonObject offer = bobsBrowser.nextOfType("call.offer", SOON);
      assertThat(offer).as("bob is offered the customer").isNotNull();
      assertThat(offer.getJsonObject("call").getJsonArray("attachedData").stream()
          .map(i -> ((JsonObject) i).getString("value"))).as("the attached data came along").contains("CRM-4711");
      await(() -> "WRAPUP".equals(status(alice)) && callState(alice) == null, "alice released to wrap-up");
    }
    await(() -> "1002".equals(callOwner("1795315496.0")) && callEnded("1795315496.0"), "bob took the call");
  }

  @Test
  @DisplayName("11b composed: the customer hangs up during the consultation; alice's call ends, bob's leg ends after")
  void customerHangsUpDuringConsult() throws Exception {
    // composed from 11b's real frames: up to where alice cancelled, then its closing frames reordered as the customer
    // hanging up first: the customer's Hangup, alice's AgentComplete (Reason caller), bob's Hangup, alice's Hangup
    startWith("11b-attended-transfer-cancelled", CallControlOverAmiTest::customerHangsUpFirst, "Atxfer");
    long bobId = agentId(bob);
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status()).isEqualTo(200);
      assertThat(api.post("/api/calls/current/consult", target("agentId", bobId), bearer(alice)).status())
          .isEqualTo(200);
      JsonObject over;
      do {
        over = browser.nextOfType("call.consult", SOON);
        assertThat(over).as("the consultation ends").isNotNull();
      } while (over.getValue("consult") != null);
      await(() -> "WRAPUP".equals(status(alice)) && callState(alice) == null, "alice's customer call ended");
      await(() -> callState(bob) == null, "bob's leg ended");
      assertThat(status(bob)).isIn("READY", "WRAPUP");
    }
    await(() -> "1001".equals(callOwner("1795315535.0")) && callEnded("1795315535.0"), "the call stayed alice's");
  }

  private static AmiScript customerHangsUpFirst(AmiScript script) {
    List<Step> out = new ArrayList<>();
    List<AmiFrame> closing = new ArrayList<>();
    boolean cancelled = false;
    for (Step step : script.steps()) {
      if (step instanceof Expect e && "CancelAtxfer".equalsIgnoreCase(e.action())) {
        cancelled = true;
        continue;
      }
      if (cancelled && step instanceof AmiScript.Send send) {
        String event = send.frame().event();
        if ("Hangup".equals(event) || "AgentComplete".equals(event)) {
          closing.add(send.frame());
        }
        continue;
      }
      if (cancelled && step instanceof AmiScript.End) {
        closing.sort(java.util.Comparator.comparingInt(f -> order(f)));
        closing.forEach(f -> out.add(new AmiScript.Send("AgentComplete".equals(f.event())
            ? replace(f, "Reason", "caller") : f)));
      }
      out.add(step);
    }
    return new AmiScript(out);
  }

  private static int order(AmiFrame f) {
    String channel = String.valueOf(f.get("Channel"));
    if ("AgentComplete".equals(f.event())) {
      return 1;
    }
    if (channel.startsWith("PJSIP/pstn")) {
      return 0;
    }
    return channel.startsWith("PJSIP/acme-1002") || channel.startsWith("Local/") ? 2 : 3;
  }

  @Test
  @DisplayName("11: consult bob (ringing, then talking), complete: alice wraps up, bob owns the call")
  void consultAndComplete() throws Exception {
    // Alice completes by our AMI Hangup instead of the trace's SIP BYE: the Hangup action is answered as Asterisk
    // answers it ("Channel Hungup") just before the trace's HangupRequest of her leg
    startWith("11-attended-transfer", s -> s.insertBefore(AmiScript.event("HangupRequest"),
        new Expect(AmiFrame.of("Action: Hangup", "ActionID: x", "Channel: PJSIP/acme-1001-00000001"),
            List.of(AmiFrame.of("Response: Success", "ActionID: x", "Message: Channel Hungup")), true)),
        "Atxfer");
    long bobId = agentId(bob);
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser); // first: bob's unpause must not stand in for alice's, which the script waits for
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status()).isEqualTo(200);
      Api.Response started = api.post("/api/calls/current/consult", target("agentId", bobId), bearer(alice));
      assertThat(started.status()).as(started.body()).isEqualTo(200);
      AmiFrame atxfer = peer.received("Atxfer").get(0);
      assertThat(atxfer.get("Exten")).isEqualTo("1002");

      JsonObject ringing = browser.nextOfType("call.consult", SOON);
      assertThat(ringing).isNotNull();
      assertThat(ringing.getJsonObject("consult").getString("state")).isEqualTo("ringing");
      assertThat(ringing.getJsonObject("consult").getJsonObject("target").getLong("agentId")).isEqualTo(bobId);
      assertThat(ringing.getJsonObject("consult").getJsonObject("target").getString("displayName"))
          .isEqualTo("Bob Agent");
      JsonObject talking = browser.nextOfType("call.consult", SOON);
      assertThat(talking.getJsonObject("consult").getString("state")).isEqualTo("talking");
      assertThat(api.get("/api/calls/current", bearer(alice)).json().getJsonObject("consult").getString("state"))
          .isEqualTo("talking");
      assertThat(api.post("/api/calls/current/consult", target("number", "1003"), bearer(alice)).code())
          .isEqualTo("consult-in-progress");
      assertThat(api.post("/api/calls/current/transfer", target("number", "1003"), bearer(alice)).code())
          .isEqualTo("consult-in-progress");

      Api.Response completed = api.post("/api/calls/current/consult/complete", "", bearer(alice));
      assertThat(completed.status()).as(completed.body()).isEqualTo(200);
      assertThat(peer.received("Hangup").get(0).get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
      JsonObject over = browser.nextOfType("call.consult", SOON);
      assertThat(over).isNotNull();
      assertThat(over.getValue("consult")).isNull();
      await(() -> "WRAPUP".equals(status(alice)) && callState(alice) == null, "alice released to wrap-up");
    }
    await(() -> "1002".equals(callOwner("1795315514.0")), "bob owns the call");
    await(() -> callEnded("1795315514.0") && callState(bob) == null, "bob's call ended");
  }

  @Test
  @DisplayName("11b: consult bob, cancel: bob's leg ends and he is free again, alice is back with the customer")
  void consultAndCancel() throws Exception {
    startWith("11b-attended-transfer-cancelled", s -> s, "Atxfer", "CancelAtxfer");
    long bobId = agentId(bob);
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser); // first: bob's unpause must not stand in for alice's, which the script waits for
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status()).isEqualTo(200);
      assertThat(api.post("/api/calls/current/consult/cancel", "", bearer(alice)).code()).isEqualTo("no-consult");
      assertThat(api.post("/api/calls/current/consult", target("agentId", bobId), bearer(alice)).status())
          .isEqualTo(200);
      assertThat(browser.nextOfType("call.consult", SOON).getJsonObject("consult").getString("state"))
          .isEqualTo("ringing");
      assertThat(browser.nextOfType("call.consult", SOON).getJsonObject("consult").getString("state"))
          .isEqualTo("talking");
      await(() -> "TALKING".equals(callState(bob)), "bob talking with alice");

      Api.Response cancelled = api.post("/api/calls/current/consult/cancel", "", bearer(alice));
      assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
      assertThat(peer.received("CancelAtxfer").get(0).get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
      JsonObject over = browser.nextOfType("call.consult", SOON);
      assertThat(over).isNotNull();
      assertThat(over.getValue("consult")).isNull();
      await(() -> callState(bob) == null, "bob's consult leg ended");
      assertThat(status(bob)).as("bob was only consulted").isIn("READY", "WRAPUP");
      await(() -> "WRAPUP".equals(status(alice)), "alice ends her own call and wraps up");
    }
    await(() -> "1001".equals(callOwner("1795315535.0")) && callEnded("1795315535.0"), "the call stayed alice's");
  }

  @Test
  @DisplayName("11b without our CancelAtxfer: bob hangs up during the consultation; alice is back with the customer")
  void consultTargetHangsUp() throws Exception {
    // the trace's frames as they are; we send no CancelAtxfer, so for the server bob simply hung up his phone
    startWith("11b-attended-transfer-cancelled", s -> s, "Atxfer");
    consultEndsWithoutAlice("1795315535.0");
  }

  @Test
  @DisplayName("11b composed: bob refuses the consultation (busy); alice is back with the customer, bob stays free")
  void consultTargetRefuses() throws Exception {
    // composed from 11b's real frames: bob's phone answers 486 instead of 200, so the dial legs to him end BUSY
    // (DialEnd DialStatus BUSY instead of ANSWER) and his leg's Hangup carries cause 17 (User busy)
    startWith("11b-attended-transfer-cancelled", s -> s
        .mapEvents(f -> "DialEnd".equals(f.event()) && f.get("DestChannel") != null
                && !f.get("DestChannel").startsWith("PJSIP/acme-1001"),
            f -> replace(f, "DialStatus", "BUSY"))
        .mapEvents(f -> "Hangup".equals(f.event()) && "PJSIP/acme-1002-00000002".equals(f.get("Channel")),
            f -> replace(replace(f, "Cause", "17"), "Cause-txt", "User busy")), "Atxfer");
    consultEndsWithoutAlice("1795315535.0");
  }

  @Test
  @DisplayName("11b composed: alice cancels while bob's phone still rings; bob's leg ends, alice is back")
  void cancelWhileRinging() throws Exception {
    // composed from 11b's real frames: our CancelAtxfer comes before bob's phone answers, so his dial legs end
    // CANCEL (as a caller's cancel ends them, see AgentRingNoAnswer's DialEnd in 06) instead of ANSWER
    startWith("11b-attended-transfer-cancelled", CallControlOverAmiTest::cancelBeforeBobAnswers, "Atxfer",
        "CancelAtxfer");
    long bobId = agentId(bob);
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status()).isEqualTo(200);
      assertThat(api.post("/api/calls/current/consult", target("agentId", bobId), bearer(alice)).status())
          .isEqualTo(200);
      assertThat(browser.nextOfType("call.consult", SOON).getJsonObject("consult").getString("state"))
          .isEqualTo("ringing");
      await(() -> "RINGING".equals(callState(bob)), "bob's phone rings");
      Api.Response cancelled = api.post("/api/calls/current/consult/cancel", "", bearer(alice));
      assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
      JsonObject over = browser.nextOfType("call.consult", SOON);
      assertThat(over).isNotNull();
      assertThat(over.getValue("consult")).isNull();
      await(() -> callState(bob) == null, "bob's ringing leg ended");
      assertThat(status(bob)).isIn("READY", "NOT_READY", "WRAPUP");
      await(() -> "WRAPUP".equals(status(alice)), "alice ends her call and wraps up");
    }
  }

  private static AmiScript cancelBeforeBobAnswers(AmiScript script) {
    List<Step> out = new ArrayList<>();
    Expect cancel = script.expects().stream().filter(e -> "CancelAtxfer".equalsIgnoreCase(e.action())).findFirst()
        .orElseThrow();
    boolean placed = false;
    for (Step step : script.steps()) {
      if (step == cancel) {
        continue;
      }
      if (!placed && step instanceof AmiScript.Send send && "DialEnd".equals(send.frame().event())
          && String.valueOf(send.frame().get("DestChannel")).startsWith("PJSIP/acme-1002")) {
        out.add(cancel);
        placed = true;
      }
      if (step instanceof AmiScript.Send send && "DialEnd".equals(send.frame().event())
          && !String.valueOf(send.frame().get("DestChannel")).startsWith("PJSIP/acme-1001")) {
        out.add(new AmiScript.Send(replace(send.frame(), "DialStatus", "CANCEL")));
      } else {
        out.add(step);
      }
    }
    return new AmiScript(out);
  }

  @Test
  @DisplayName("11b: consulting a number shows the number ringing once the PBX holds the customer for it")
  void consultNumber() throws Exception {
    // bob's extension dialled as a number: the PBX's Hold of alice's leg shows the number's consultation; the leg
    // then turns out to be bob's phone, so the consultation names him
    startWith("11b-attended-transfer-cancelled", s -> s, "Atxfer", "CancelAtxfer");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(api.post("/api/calls/current/consult", target("number", "1002"), bearer(alice)).status())
          .isEqualTo(200);
      assertThat(peer.received("Atxfer").get(0).get("Exten")).isEqualTo("1002");
      JsonObject number = browser.nextOfType("call.consult", SOON).getJsonObject("consult");
      assertThat(number.getString("state")).isEqualTo("ringing");
      assertThat(number.getJsonObject("target").getString("number")).isEqualTo("1002");
      assertThat(number.getJsonObject("target").getValue("agentId")).isNull();
      JsonObject agent = browser.nextOfType("call.consult", SOON).getJsonObject("consult");
      assertThat(agent.getJsonObject("target").getString("displayName")).isEqualTo("Bob Agent");
      assertThat(api.post("/api/calls/current/consult/cancel", "", bearer(alice)).status()).isEqualTo(200);
      JsonObject over;
      do {
        over = browser.nextOfType("call.consult", SOON);
        assertThat(over).as("the consultation ends").isNotNull();
      } while (over.getValue("consult") != null);
    }
  }

  /** Alice consults bob; the trace ends bob's leg by itself: the consultation ends, both agents' states are right. */
  private void consultEndsWithoutAlice(String callId) throws Exception {
    long bobId = agentId(bob);
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status()).isEqualTo(200);
      assertThat(api.post("/api/calls/current/consult", target("agentId", bobId), bearer(alice)).status())
          .isEqualTo(200);
      assertThat(browser.nextOfType("call.consult", SOON).getJsonObject("consult")).isNotNull();
      JsonObject over;
      do {
        over = browser.nextOfType("call.consult", SOON);
        assertThat(over).as("the consultation ends").isNotNull();
      } while (over.getValue("consult") != null);
      await(() -> callState(bob) == null, "bob's leg ended");
      assertThat(status(bob)).isIn("READY", "WRAPUP");
      await(() -> "WRAPUP".equals(status(alice)), "alice ends her call with the customer and wraps up");
    }
    await(() -> "1001".equals(callOwner(callId)) && callEnded(callId), "the call stayed alice's");
    assertThat(server.database().dsl().fetch("select p.role, p.end_reason from call_party p join call_record r"
        + " on r.id = p.call_record_id join tenant t on t.id = r.tenant_id where t.domain = 'acme'"
        + " and r.call_id = ? and p.role = 'consult' order by p.id desc limit 1", callId)
        .map(r -> r.get(0) + ":" + r.get(1))).containsExactly("consult:consult_ended");
  }

  private static AmiFrame replace(AmiFrame f, String name, String value) {
    List<String> lines = new ArrayList<>();
    for (String line : f.lines()) {
      lines.add(line.regionMatches(true, 0, name + ":", 0, name.length() + 1) ? name + ": " + value : line);
    }
    return new AmiFrame(lines);
  }

  @Test
  @DisplayName("14: recording start/stop are pushed from MixMonitor events, refused when meaningless, and tagged")
  void recordingAndNote() throws Exception {
    // the trace's client sent StopMixMonitor twice (the second refused); the server refuses a second stop itself
    startWith("14-mixmonitor", CallControlOverAmiTest::onlyFirstStopAwaited, "MixMonitor", "StopMixMonitor");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(api.send(delete("/api/calls/current/recording"), null, bearer(alice)).code())
          .isEqualTo("not-recording");
      Api.Response start = api.post("/api/calls/current/recording", "", bearer(alice));
      assertThat(start.status()).as(start.body()).isEqualTo(200);
      assertThat(peer.received("MixMonitor").get(0).get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
      JsonObject on = browser.nextOfType("call.recording", SOON);
      assertThat(on.getBoolean("recording")).isTrue();
      assertThat(on.getString("callId")).isEqualTo("1795315616.0");
      assertThat(api.get("/api/calls/current", bearer(alice)).json().getBoolean("recording")).isTrue();
      assertThat(api.post("/api/calls/current/recording", "", bearer(alice)).code()).isEqualTo("already-recording");

      Api.Response stop = api.send(delete("/api/calls/current/recording"), null, bearer(alice));
      assertThat(stop.status()).as(stop.body()).isEqualTo(200);
      assertThat(browser.nextOfType("call.recording", SOON).getBoolean("recording")).isFalse();

      Api.Response tagged = api.put("/api/calls/1795315616.0/recording-note", "{\"note\":\"angry customer\"}",
          bearer(alice));
      assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
      assertThat(api.put("/api/calls/1795315616.0/recording-note", "{\"note\":\"mine\"}", bearer(bob)).status())
          .as("bob was not on the call").isEqualTo(404);
      assertThat(api.put("/api/calls/1795315616.0/recording-note", "{\"note\":\"" + "x".repeat(1025) + "\"}",
          bearer(alice)).code()).isEqualTo("invalid-request");
      var other = TestTenants.create(server.database(), "note");
      String otherAlice = api.tokenOf("alice", other.domain());
      assertThat(api.put("/api/calls/1795315616.0/recording-note", "{\"note\":\"x\"}", bearer(otherAlice)).status())
          .as("another tenant's alice").isEqualTo(404);
      api.post("/api/session/logout", "", bearer(otherAlice));
    }
    assertThat(count("select count(*) from call_recording g join call_record r"
        + " on r.id = g.call_record_id where r.call_id = '1795315616.0' and g.note = 'angry customer'"
        + " and g.stopped_at is not null and g.file_name = '" + peer.received("MixMonitor").get(0).get("File") + "'"))
        .as("the recording, under the file it was asked into, stopped and tagged").isEqualTo(1L);
    await(() -> "WRAPUP".equals(status(alice)), "alice wraps up");
    assertThat(api.put("/api/calls/1795315616.0/recording-note", "{\"note\":\"after the call\"}", bearer(alice))
        .status()).as("tagging during wrap-up").isEqualTo(200);
  }

  @Test
  @DisplayName("14: with the PBX refusing an action the agent gets 502 with its words; with the link down, 503")
  void pbxRefusedAndUnavailable() throws Exception {
    // 14's script holds no BlindTransfer: the peer answers it as Asterisk answers an action it does not know; then
    // the trace is cut after alice answered and Asterisk goes away (EOF, nothing accepts the reconnection)
    startWith("14-mixmonitor", s -> s.cutAfter(AmiScript.event("AgentConnect"),
        new AmiScript.Gate(linkGoesDown), new AmiScript.Close(), new AmiScript.End()));
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      Api.Response refused = api.post("/api/calls/current/transfer", target("number", "1002"), bearer(alice));
      assertThat(refused.status()).isEqualTo(502);
      assertThat(refused.code()).isEqualTo("pbx-refused");
      assertThat(refused.json().getString("detail")).startsWith("The phone system refused: Invalid/unknown command");

      linkGoesDown.complete(null);
      await(() -> api.get("/api/health").status() == 503, "the PBX link is down");
      Api.Response unavailable = api.post("/api/calls/current/recording", "", bearer(alice));
      assertThat(unavailable.status()).isEqualTo(503);
      assertThat(unavailable.code()).isEqualTo("pbx-unavailable");
    }
  }

  private final java.util.concurrent.CompletableFuture<Void> linkGoesDown = new java.util.concurrent.CompletableFuture<>();

  @Test
  @DisplayName("14: a queue set to always-record gets MixMonitor on the answering agent's leg, linked to the call")
  void alwaysRecord() throws Exception {
    TestServer.get().database().dsl()
        .execute("update agent_group set always_record = true where queue_name = 'acme-support'");
    startWith("14-mixmonitor", s -> s, "MixMonitor");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      long before = count("select count(*) from call_recording g join call_record r"
          + " on r.id = g.call_record_id where r.call_id = '1795315616.0'");
      // no REST action holds the trace here: the call may be over by the time we look, so only the pushes count
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)).status()).isEqualTo(200);
      JsonObject on = browser.nextOfType("call.recording", SOON);
      assertThat(on).as("recording pushed").isNotNull();
      assertThat(on.getBoolean("recording")).isTrue();
      AmiFrame sent = peer.received("MixMonitor").get(0);
      assertThat(sent.get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
      assertThat(sent.get("File")).matches("\\d+/1795315616\\.0-\\d+\\.wav");
      await(() -> count("select count(*) from call_recording g join call_record r"
          + " on r.id = g.call_record_id where r.call_id = '1795315616.0' and g.file_name = '" + sent.get("File")
          + "'") > before,
          "the recording is linked to the call record");
    }
  }

  // ---- helpers

  private static AmiScript onlyFirstStopAwaited(AmiScript script) {
    List<Step> out = new ArrayList<>();
    boolean seen = false;
    for (Step step : script.steps()) {
      if (step instanceof Expect e && "StopMixMonitor".equalsIgnoreCase(e.action())) {
        out.add(seen ? new Expect(e.request(), e.replies(), false) : step);
        seen = true;
      } else {
        out.add(step);
      }
    }
    return new AmiScript(out);
  }

  private static String target(String key, Object value) {
    return new JsonObject().put("target", new JsonObject().put(key, value)).encode();
  }

  private long count(String sql) {
    return ((Number) server.database().dsl().fetchValue(sql)).longValue();
  }

  private HttpRequest.Builder delete(String path) {
    return HttpRequest.newBuilder(URI.create(api.base() + path)).DELETE();
  }

  private long agentId(String token) {
    return api.get("/api/agent/state", bearer(token)).json().getLong("agentId");
  }

  private String status(String token) {
    return api.get("/api/agent/state", bearer(token)).json().getString("status");
  }

  private String callState(String token) {
    JsonObject s = api.get("/api/agent/state", bearer(token)).json();
    return s.getValue("call") == null ? null : s.getJsonObject("call").getString("state");
  }

  private String callOwner(String callId) {
    Object n = server.database().dsl().fetchValue("select x.number from call_record r join agent a on a.id = r.agent_id"
        + " join extension x on x.id = a.extension_id join tenant t on t.id = r.tenant_id"
        + " where t.domain = 'acme' and r.call_id = ?", callId);
    return n == null ? null : n.toString();
  }

  private boolean callEnded(String callId) {
    return server.database().dsl().fetchValue("select ended_at from call_record r join tenant t on t.id = r.tenant_id"
        + " where t.domain = 'acme' and r.call_id = ?", callId) != null;
  }

  interface Check {
    boolean ok() throws Exception;
  }

  private static void await(Check check, String what) throws Exception {
    await(check, what, SOON);
  }

  private static void await(Check check, String what, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting for: " + what);
  }
}
