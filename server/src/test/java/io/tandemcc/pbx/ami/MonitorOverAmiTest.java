package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Send;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Silent monitor, whisper and barge-in through the whole server, over AMI against trace 13: sam
 * (phone 1901) joins alice's queue call from his own phone, switches mode on the same call, stops,
 * starts again; alice sees nothing.
 */
@DisplayName("Monitoring an agent's call through the server, over AMI (trace 13)")
class MonitorOverAmiTest {
  private static final Duration SOON = Duration.ofSeconds(5);
  private ScriptedAmiPeer peer;
  private Server server;
  private Api api;
  private String alice;

  @AfterEach
  void tearDown() throws Exception {
    TraceCalls.tearDown(server, peer, api, alice);
  }

  @Test
  @DisplayName(
      "listen, whisper on the same call, barge, stop, listen again: the right AMI actions, audited, pushed to sam only")
  void listenWhisperBargeStop() throws Exception {
    start(
        AmiScript.fromTrace("13-chanspy-monitor-whisper-barge", "QueueAdd", "Originate")
            .insertBefore(
                firstEvent("HangupRequest", "PJSIP/acme-1901-00000002"),
                awaited("PlayDTMF", "Message: DTMF successfully queued"))
            .insertBefore(
                firstEvent("HangupRequest", "PJSIP/acme-1901-00000003"),
                awaited("Hangup", "Message: Channel Hungup")));
    String sam = token("sam");
    try (PushClient samsPage = PushClient.authenticated(server.port(), sam)) {
      JsonObject team = api.get("/api/supervisor/team", bearer(sam)).json();
      long aliceId =
          team.getJsonArray("agents").stream()
              .map(JsonObject.class::cast)
              .filter(a -> "Alice Agent".equals(a.getString("displayName")))
              .findFirst()
              .orElseThrow()
              .getLong("agentId");
      alice = token("alice");
      PushClient alicesBrowser = PushClient.authenticated(server.port(), alice);
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
      next(
          samsPage,
          "team.agent",
          m ->
              m.getJsonObject("agent").getJsonObject("call") != null
                  && "TALKING"
                      .equals(m.getJsonObject("agent").getJsonObject("call").getString("state")));
      int aliceSawBefore = drain(alicesBrowser);

      Api.Response listen = api.post(monitor(aliceId), "{\"mode\":\"listen\"}", bearer(sam));
      assertThat(listen.status()).as(listen.body()).isEqualTo(200);
      assertThat(listen.json())
          .isEqualTo(
              new JsonObject().put("agentId", aliceId).put("mode", "listen").put("active", true));
      AmiFrame originate = peer.received("Originate").get(0);
      assertThat(originate.get("Channel")).isEqualTo("PJSIP/acme-1901");
      assertThat(originate.get("Application")).isEqualTo("ChanSpy");
      assertThat(originate.get("Data")).isEqualTo("PJSIP/acme-1001-00000001,qudES");
      assertThat(originate.get("CallerID")).isEqualTo("\"Monitor Alice Agent\" <1001>");
      JsonObject listening = next(samsPage, "supervisor.monitor", m -> m.getBoolean("active"));
      assertThat(listening.getLong("agentId")).isEqualTo(aliceId);
      assertThat(listening.getString("mode")).isEqualTo("listen");

      Api.Response whisper = api.post(monitor(aliceId), "{\"mode\":\"whisper\"}", bearer(sam));
      assertThat(whisper.status()).as(whisper.body()).isEqualTo(200);
      assertThat(whisper.json().getString("mode")).isEqualTo("whisper");
      AmiFrame dtmf = peer.received("PlayDTMF").get(0);
      assertThat(dtmf.get("Digit")).isEqualTo("5");
      assertThat(dtmf.get("Receive")).isEqualToIgnoringCase("true");
      assertThat(peer.received("Originate")).as("the same call, no new one").hasSize(1);
      assertThat(
              next(samsPage, "supervisor.monitor", m -> "whisper".equals(m.getString("mode")))
                  .getBoolean("active"))
          .isTrue();
      // sam hangs up (in the trace): the monitoring ends
      next(samsPage, "supervisor.monitor", m -> !m.getBoolean("active"));

      Api.Response barge = api.post(monitor(aliceId), "{\"mode\":\"barge\"}", bearer(sam));
      assertThat(barge.status()).as(barge.body()).isEqualTo(200);
      assertThat(peer.received("Originate").get(1).get("Data"))
          .isEqualTo("PJSIP/acme-1001-00000001,qudESB");
      Api.Response stop =
          api.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(api.base() + monitor(aliceId)))
                  .DELETE(),
              null,
              bearer(sam));
      assertThat(stop.status()).as(stop.body()).isEqualTo(200);
      assertThat(stop.json().getBoolean("active")).isFalse();
      assertThat(peer.received("Hangup").get(0).get("Channel"))
          .isIn("PJSIP/acme-1901-00000003", "1795315590.3");

      assertThat(api.post(monitor(aliceId), "{\"mode\":\"listen\"}", bearer(sam)).status())
          .isEqualTo(200);
      // alice hangs up: her call ends, and so does the monitoring
      next(
          samsPage,
          "team.agent",
          m -> "WRAPUP".equals(m.getJsonObject("agent").getString("status")));

      List<JsonObject> aliceSaw =
          alicesBrowser.seen().subList(aliceSawBefore, alicesBrowser.seen().size());
      assertThat(aliceSaw)
          .as("alice is never told about the monitoring")
          .allSatisfy(
              m -> assertThat(m.getString("type")).isIn("agent.state", "call.data", "pbx.link"));
      assertThat(aliceSaw)
          .extracting(m -> m.getString("type"))
          .doesNotContain("supervisor.monitor");
      alicesBrowser.close();
    }
    List<Record> audit =
        server
            .database()
            .dsl()
            .fetch(
                "select action, outcome from audit_log a join tenant t on t.id = a.tenant_id where t.domain = 'acme'"
                    + " and a.action like 'monitor.%' order by a.id desc limit 5");
    assertThat(audit)
        .extracting(r -> r.get("action") + " " + r.get("outcome"))
        .containsExactly(
            "monitor.listen done",
            "monitor.stop done",
            "monitor.barge done",
            "monitor.whisper done",
            "monitor.listen done");
  }

  private static String monitor(long agentId) {
    return "/api/supervisor/agents/" + agentId + "/monitor";
  }

  private void start(AmiScript recorded) throws Exception {
    List<Step> steps = new ArrayList<>();
    for (Step s : recorded.steps()) {
      steps.add(s);
      if (s instanceof Expect e && "QueueAdd".equalsIgnoreCase(e.action())) {
        steps.add(
            new Expect(
                AmiFrame.of("Action: QueuePause", "ActionID: x"),
                List.of(
                    AmiFrame.of(
                        "Response: Success",
                        "ActionID: x",
                        "Message: Interface paused successfully")),
                true));
      }
    }
    Server shared = TestServer.get();
    TraceCalls.logOutDemoAgents(shared);
    peer = ScriptedAmiPeer.start(new AmiScript(steps));
    server = TraceCalls.serverOn(shared, peer);
    api = new Api(server.port());
    await(() -> api.get("/api/health").status() == 200, "PBX link up");
  }

  private static Predicate<Step> firstEvent(String event, String channel) {
    return step ->
        step instanceof Send send
            && event.equals(send.frame().event())
            && channel.equals(send.frame().get("Channel"));
  }

  private static Expect awaited(String action, String message) {
    return new Expect(
        AmiFrame.of("Action: " + action, "ActionID: x"),
        List.of(AmiFrame.of("Response: Success", "ActionID: x", message)),
        true);
  }

  private String token(String user) {
    Api.Response login =
        api.post("/api/login", Api.login(user, DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json().getString("accessToken");
  }

  private static int drain(PushClient client) throws InterruptedException {
    while (client.next(Duration.ofMillis(100)) != null) {
      // read what came so far
    }
    return client.seen().size();
  }

  private static JsonObject next(PushClient page, String type, Predicate<JsonObject> match)
      throws Exception {
    return page.nextMatching(type, match, SOON);
  }

  private void await(Await.Check check, String what) throws Exception {
    Await.until(check, what, Duration.ofSeconds(40));
  }
}
