package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole server over AMI (a scripted peer replaying real Asterisk 22 traces), seen from the
 * supervisor's side: sam of the demo tenant watches Support while alice (acme-1001 in acme-support,
 * the endpoint and queue of the traces) takes traced calls; the team.agent and team.queue pushes
 * must tell the story.
 */
@DisplayName("The supervisor's team view over AMI, replaying real Asterisk traces")
class SupervisorOverAmiTest {
  private static final Duration SOON = Duration.ofSeconds(5);
  private ScriptedAmiPeer peer;
  private Server server;
  private Api api;
  private String alice;
  private String sam;

  /**
   * Starts the server on a trace that waits for alice's check-in and unpause, as on a live system.
   */
  private void startWith(AmiScript recorded) throws Exception {
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
    long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
    while (api.get("/api/health").status() != 200) {
      assertThat(System.nanoTime()).as("PBX link up").isLessThan(deadline);
      Thread.sleep(50);
    }
    sam = token("sam");
  }

  @AfterEach
  void tearDown() throws Exception {
    TraceCalls.tearDown(server, peer, api, alice);
  }

  @Test
  @DisplayName(
      "04: sam sees the caller wait, alice ring with the caller and queue, talk, and today's figures grow")
  void answeredQueueCall() throws Exception {
    startWith(AmiScript.fromTrace("04-queue-call-answered-agent-hangs-up", "QueueAdd"));
    try (PushClient page = PushClient.authenticated(server.port(), sam)) {
      JsonObject before = supportQueue(api.get("/api/supervisor/team", bearer(sam)).json());
      alice = token("alice");
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));

      // queue events reach the team view at once, agent states after the call and agent state
      // owners: read the
      // whole story first, then check it
      next(page, "team.agent", m -> "WRAPUP".equals(agent(m).getString("status")));
      List<JsonObject> agents = ofType(page.seen(), "team.agent");
      List<JsonObject> queues = ofType(page.seen(), "team.queue");

      JsonObject waiting = first(queues, m -> queue(m).getInteger("waiting") == 1);
      assertThat(queue(waiting).getString("longestWaitSince")).isNotNull();
      JsonObject answered =
          first(queues, m -> queue(m).getInteger("answered") == before.getInteger("answered") + 1);
      assertThat(answered.getLong("version")).isGreaterThan(waiting.getLong("version"));
      assertThat(queue(answered).getInteger("waiting")).isZero();
      assertThat(queue(answered).getValue("longestWaitSince")).isNull();
      assertThat(queue(answered).getInteger("serviceLevel")).isNotNull();
      assertThat(queue(last(queues)).getValue("averageTalkSeconds")).isNotNull();
      assertThat(first(queues, m -> queue(m).getInteger("busy") == 1)).isNotNull();

      JsonObject ringing =
          first(agents, m -> call(m) != null && "RINGING".equals(call(m).getString("state")));
      assertThat(call(ringing).getString("callId")).isEqualTo("1795315375.0");
      assertThat(call(ringing).getString("kind")).isEqualTo("QUEUE");
      assertThat(call(ringing).getString("partyNumber")).isEqualTo("+14155550123");
      assertThat(call(ringing).getString("partyName")).isEqualTo("Jane Customer");
      assertThat(call(ringing).getJsonObject("queue").getString("label")).isEqualTo("Support");
      JsonObject talking =
          first(agents, m -> call(m) != null && "TALKING".equals(call(m).getString("state")));
      assertThat(call(talking).getString("answeredAt")).isNotNull();
      assertThat(call(talking).getString("startedAt"))
          .isEqualTo(call(ringing).getString("startedAt"));
      assertThat(call(talking).getString("partyName")).isEqualTo("Jane Customer");
      assertThat(agent(last(agents)).getValue("call")).isNull();
      assertThat(agents.stream().map(m -> m.getLong("version")).toList()).isSorted();
    }
  }

  @Test
  @DisplayName(
      "06: a missed offer makes alice Not Ready 'Missed call', and the caller's abandon counts for the day")
  void ringNoAnswerThenAbandon() throws Exception {
    startWith(AmiScript.fromTrace("06-queue-call-ring-no-answer-then-abandon", "QueueAdd"));
    try (PushClient page = PushClient.authenticated(server.port(), sam)) {
      JsonObject before = supportQueue(api.get("/api/supervisor/team", bearer(sam)).json());
      alice = token("alice");
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));

      JsonObject missed =
          next(
              page,
              "team.agent",
              m ->
                  "NOT_READY".equals(agent(m).getString("status"))
                      && "missed-call".equals(agent(m).getJsonObject("reason").getString("code")));
      assertThat(agent(missed).getString("displayName")).isEqualTo("Alice Agent");
      JsonObject abandoned =
          next(
              page,
              "team.queue",
              m -> queue(m).getInteger("abandoned") == before.getInteger("abandoned") + 1);
      assertThat(queue(abandoned).getInteger("waiting")).isZero();
      assertThat(queue(abandoned).getInteger("answered")).isEqualTo(before.getInteger("answered"));
    }
  }

  @Test
  @DisplayName("03: alice's webphone registering and unregistering shows in the team view")
  void phoneRegistration() throws Exception {
    startWith(AmiScript.fromTrace("03-endpoint-register-unregister", "QueueAdd"));
    try (PushClient page = PushClient.authenticated(server.port(), sam)) {
      JsonObject aliceBefore =
          agentIn(api.get("/api/supervisor/team", bearer(sam)).json(), "Alice Agent");
      assertThat(aliceBefore.getValue("phoneRegistered")).as("unknown before any event").isNull();
      alice = token("alice");
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));

      next(page, "team.agent", m -> Boolean.TRUE.equals(agent(m).getValue("phoneRegistered")));
      next(page, "team.agent", m -> Boolean.FALSE.equals(agent(m).getValue("phoneRegistered")));
    }
  }

  private String token(String user) {
    Api.Response login =
        api.post("/api/login", Api.login(user, DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json().getString("accessToken");
  }

  /** The first message of this type that matches: one already received, or the next one to come. */
  private static JsonObject next(PushClient page, String type, Predicate<JsonObject> match)
      throws Exception {
    for (JsonObject m : page.seen()) {
      if (type.equals(m.getString("type")) && match.test(m)) {
        return m;
      }
    }
    long deadline = System.nanoTime() + SOON.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m =
          page.nextOfType(type, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (m != null && match.test(m)) {
        return m;
      }
    }
    throw new AssertionError("no matching " + type + "; seen " + page.seen());
  }

  private static List<JsonObject> ofType(List<JsonObject> messages, String type) {
    return messages.stream().filter(m -> type.equals(m.getString("type"))).toList();
  }

  private static JsonObject first(List<JsonObject> messages, Predicate<JsonObject> match) {
    return messages.stream()
        .filter(match)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no matching message in " + messages));
  }

  private static JsonObject last(List<JsonObject> messages) {
    return messages.get(messages.size() - 1);
  }

  private static JsonObject agent(JsonObject m) {
    return m.getJsonObject("agent");
  }

  private static JsonObject call(JsonObject m) {
    return agent(m).getJsonObject("call");
  }

  private static JsonObject queue(JsonObject m) {
    return m.getJsonObject("queue");
  }

  private static JsonObject supportQueue(JsonObject team) {
    return team.getJsonArray("queues").stream()
        .map(JsonObject.class::cast)
        .filter(q -> "acme-support".equals(q.getString("queue")))
        .findFirst()
        .orElseThrow();
  }

  private static JsonObject agentIn(JsonObject team, String name) {
    return team.getJsonArray("agents").stream()
        .map(JsonObject.class::cast)
        .filter(a -> name.equals(a.getString("displayName")))
        .findFirst()
        .orElseThrow();
  }
}
