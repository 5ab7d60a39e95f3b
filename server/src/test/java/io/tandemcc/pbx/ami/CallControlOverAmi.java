package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/**
 * Call control end to end: the agent's REST actions make the server send the traced AMI actions to
 * a scripted peer, which then plays the rest of the real trace; the call model, both agents'
 * states, the pushes and the call record follow the PBX's events. Demo tenant acme: alice (1001)
 * takes the queue call, bob (1002) is the colleague. The common part of {@link
 * CallTransferOverAmiTest}, {@link ConsultationOverAmiTest} and {@link RecordingOverAmiTest}.
 */
abstract class CallControlOverAmi {
  static final Duration SOON = Duration.ofSeconds(8);
  ScriptedAmiPeer peer;
  Server server;
  Api api;
  String alice;
  String bob;

  /**
   * Starts a server on a peer replaying {@code trace}; alice logs in (the script waits for her
   * Ready before the call), bob logs in too (his QueueAdd and QueuePause are answered with the
   * trace's replies to alice's: same frames).
   */
  void startWith(String trace, UnaryOperator<AmiScript> compose, String... awaited)
      throws Exception {
    String[] actions = new String[awaited.length + 1];
    actions[0] = "QueueAdd";
    System.arraycopy(awaited, 0, actions, 1, awaited.length);
    AmiScript recorded = compose.apply(AmiScript.fromTrace(trace, actions));
    List<Step> steps = new ArrayList<>();
    boolean firstAdd = true;
    for (Step s : recorded.steps()) {
      if (s instanceof Expect e && "QueueAdd".equalsIgnoreCase(e.action()) && !firstAdd) {
        steps.add(
            new Expect(
                e.request(),
                e.replies(),
                false)); // 10b's own check-in of bob: answered, not awaited
        continue;
      }
      steps.add(s);
      if (s instanceof Expect e && "QueueAdd".equalsIgnoreCase(e.action())) {
        firstAdd = false;
        List<AmiFrame> paused =
            List.of(
                AmiFrame.of(
                    "Response: Success", "ActionID: x", "Message: Interface paused successfully"));
        steps.add(new Expect(e.request(), e.replies(), false)); // bob's check-in
        steps.add(
            new Expect(
                AmiFrame.of("Action: QueuePause", "ActionID: x"), paused, true)); // alice Ready
        steps.add(
            new Expect(
                AmiFrame.of("Action: QueuePause", "ActionID: x"), paused, false)); // bob Ready
      }
    }
    Server shared = TestServer.get();
    TraceCalls.startAfresh(shared, trace);
    peer = ScriptedAmiPeer.start(new AmiScript(steps));
    server = TraceCalls.serverOn(shared, peer);
    api = new Api(server.port());
    await(() -> api.get("/api/health").status() == 200, "PBX link up", Duration.ofSeconds(40));
    alice = login("alice");
    bob = login("bob");
  }

  String login(String user) {
    Api.Response r = api.post("/api/login", Api.login(user, DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getString("accessToken");
  }

  @AfterEach
  void tearDown() throws Exception {
    server
        .database()
        .dsl()
        .execute("update agent_group set always_record = false where queue_name = 'acme-support'");
    TraceCalls.tearDown(server, peer, api, alice, bob);
  }

  /** Alice goes Ready and waits until she talks to the trace's customer. */
  void aliceTalks(PushClient browser) throws Exception {
    assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)).status())
        .isEqualTo(200);
    assertThat(browser.nextOfType("call.offer", SOON)).as("alice is offered the call").isNotNull();
    await(() -> "TALKING".equals(callState(alice)), "alice talking");
  }

  static AmiFrame replace(AmiFrame f, String name, String value) {
    List<String> lines = new ArrayList<>();
    for (String line : f.lines()) {
      lines.add(
          line.regionMatches(true, 0, name + ":", 0, name.length() + 1)
              ? name + ": " + value
              : line);
    }
    return new AmiFrame(lines);
  }

  static String target(String key, Object value) {
    return new JsonObject().put("target", new JsonObject().put(key, value)).encode();
  }

  long count(String sql) {
    return ((Number) server.database().dsl().fetchValue(sql)).longValue();
  }

  HttpRequest.Builder delete(String path) {
    return HttpRequest.newBuilder(URI.create(api.base() + path)).DELETE();
  }

  long agentId(String token) {
    return api.get("/api/agent/state", bearer(token)).json().getLong("agentId");
  }

  String status(String token) {
    return api.get("/api/agent/state", bearer(token)).json().getString("status");
  }

  String callState(String token) {
    JsonObject s = api.get("/api/agent/state", bearer(token)).json();
    return s.getValue("call") == null ? null : s.getJsonObject("call").getString("state");
  }

  String callOwner(String callId) {
    Object n =
        server
            .database()
            .dsl()
            .fetchValue(
                "select x.number from call_record r join agent a on a.id = r.agent_id"
                    + " join extension x on x.id = a.extension_id join tenant t on t.id = r.tenant_id"
                    + " where t.domain = 'acme' and r.call_id = ?",
                callId);
    return n == null ? null : n.toString();
  }

  boolean callEnded(String callId) {
    return server
            .database()
            .dsl()
            .fetchValue(
                "select ended_at from call_record r join tenant t on t.id = r.tenant_id"
                    + " where t.domain = 'acme' and r.call_id = ?",
                callId)
        != null;
  }

  static void await(Await.Check check, String what) throws Exception {
    Await.until(check, what, SOON);
  }

  static void await(Await.Check check, String what, Duration timeout) throws Exception {
    Await.until(check, what, timeout);
  }
}
