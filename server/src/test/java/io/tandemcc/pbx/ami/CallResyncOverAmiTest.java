package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.call.CallRecords;
import io.tandemcc.call.CallRecords.CallRecord;
import io.tandemcc.pbx.ami.AmiScript.Banner;
import io.tandemcc.pbx.ami.AmiScript.Close;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole server losing its AMI link in the middle of a call: trace 04's queue call rings alice,
 * then Asterisk goes away; what happened meanwhile is only known from the CoreShowChannels list of
 * the next session (hand-made items in Asterisk 22's layout).
 */
@DisplayName("Calls in progress are discovered when the AMI link comes back")
class CallResyncOverAmiTest {
  private static final Duration SOON = Duration.ofSeconds(10);
  private static final String CALL = "1795315375.0";
  private static final String BRIDGE = "6a1f0c2e-5d38-4c55-9a0e-3f4b8f2d7c11";

  private final CompletableFuture<Void> ringing = new CompletableFuture<>();
  private final CompletableFuture<Void> talking = new CompletableFuture<>();
  private ScriptedAmiPeer peer;
  private Server server;
  private Api api;
  private String token;

  @AfterEach
  void tearDown() throws Exception {
    ringing.complete(null);
    talking.complete(null);
    TraceCalls.tearDown(server, peer, api, token);
  }

  @Test
  @DisplayName(
      "alice's call rings when the link drops; it comes back with her leg Up: TALKING; "
          + "it drops again and comes back without the call: the call is ended and she wraps up")
  void callAnsweredAndEndedWhileTheLinkWasDown() throws Exception {
    start(script());
    try (PushClient browser = PushClient.authenticated(server.port(), token)) {
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token)).status())
          .isEqualTo(200);
      assertThat(awaitState(browser, "READY/RINGING").getJsonObject("call").getString("callId"))
          .isEqualTo(CALL);
      ringing.complete(null); // Asterisk goes away; during the outage alice answers

      JsonObject state = awaitState(browser, "READY/TALKING");
      assertThat(state.getJsonObject("call").getString("callId")).isEqualTo(CALL);
      assertThat(state.getJsonObject("call").getString("kind")).isEqualTo("QUEUE");
      talking.complete(null); // away again; the call ends meanwhile

      awaitState(browser, "WRAPUP/IDLE");
    }
    CallRecords records = new CallRecords(server.database());
    await(
        () -> record(records).map(r -> r.endedAt() != null).orElse(false), "the call record ended");
    CallRecord r = record(records).orElseThrow();
    assertThat(r.outcome()).isEqualTo("answered");
    assertThat(r.talkSeconds()).isNotNull();
    assertThat(peer.received("CoreShowChannels")).hasSizeGreaterThanOrEqualTo(3);
  }

  /**
   * Session 1: trace 04 up to the AgentCalled that rings alice (her check-in and Ready answered),
   * then EOF. Session 2: CoreShowChannels lists her leg Up in the queue call, bridged with the
   * customer; then EOF. Session 3: nothing is listed any more (the peer's built-in empty
   * CoreShowChannels).
   */
  private AmiScript script() {
    List<Step> first = new ArrayList<>();
    for (Step s :
        AmiScript.fromTrace("04-queue-call-answered-agent-hangs-up", "QueueAdd").steps()) {
      first.add(s);
      if (s instanceof Expect e && "QueueAdd".equalsIgnoreCase(e.action())) {
        first.add(
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
    AmiScript session1 =
        new AmiScript(first)
            .cutAfter(AmiScript.event("AgentCalled"), new Gate(ringing), new Close());
    List<Step> steps = new ArrayList<>(session1.steps());
    steps.addAll(login());
    steps.add(
        new Expect(
            AmiFrame.of("Action: CoreShowChannels", "ActionID: x"),
            List.of(
                AmiFrame.of(
                    "Response: Success",
                    "ActionID: x",
                    "EventList: start",
                    "Message: Channels will follow"),
                channel(
                    "PJSIP/pstn-00000000",
                    "+14155550123",
                    "Jane Customer",
                    "1001",
                    "Alice Agent",
                    "acme-inbound",
                    "1795315375.0",
                    "Queue",
                    "acme-support,t",
                    "00:00:09"),
                channel(
                    "PJSIP/acme-1001-00000001",
                    "1001",
                    "Alice Agent",
                    "+14155550123",
                    "Jane Customer",
                    "acme-agents",
                    "1795315375.1",
                    "AppQueue",
                    "(Outgoing Line)",
                    "00:00:05"),
                AmiFrame.of(
                    "Event: CoreShowChannelsComplete",
                    "ActionID: x",
                    "EventList: Complete",
                    "ListItems: 2")),
            false));
    steps.add(new Gate(talking));
    steps.add(new Close());
    steps.addAll(login());
    steps.add(new End());
    return new AmiScript(steps);
  }

  /**
   * A new AMI session: banner, login accepted, FullyBooted (also used by ServerCrashOverAmiTest).
   */
  static List<Step> login() {
    return List.of(
        new Banner(AmiFrame.of("Asterisk Call Manager/11.0.0")),
        new Expect(
            AmiFrame.of("Action: Login", "ActionID: 1"),
            List.of(
                AmiFrame.of(
                    "Response: Success", "ActionID: 1", "Message: Authentication accepted")),
            true),
        new Send(
            AmiFrame.of(
                "Event: FullyBooted",
                "Privilege: system,all",
                "Uptime: 4",
                "LastReload: 4",
                "Status: Fully Booted")));
  }

  /**
   * A CoreShowChannel item as Asterisk 22 writes it for a leg of the traced call (CC_* set by the
   * IVR).
   */
  static AmiFrame channel(
      String channel,
      String number,
      String name,
      String connectedNumber,
      String connectedName,
      String context,
      String uniqueId,
      String application,
      String data,
      String duration) {
    return AmiFrame.of(
        "Event: CoreShowChannel",
        "ActionID: x",
        "Channel: " + channel,
        "ChannelState: 6",
        "ChannelStateDesc: Up",
        "CallerIDNum: " + number,
        "CallerIDName: " + name,
        "ConnectedLineNum: " + connectedNumber,
        "ConnectedLineName: " + connectedName,
        "Language: en",
        "AccountCode: ",
        "Context: " + context,
        "Exten: 7000",
        "Priority: 1",
        "Uniqueid: " + uniqueId,
        "Linkedid: " + CALL,
        "ChanVariable: CC_VAR1=CRM-4711",
        "ChanVariable: CC_TENANT=acme",
        "ChanVariable: CC_CALLID=" + CALL,
        "BridgeId: " + BRIDGE,
        "Application: " + application,
        "ApplicationData: " + data,
        "Duration: " + duration);
  }

  private void start(AmiScript script) throws Exception {
    Server shared =
        TestServer
            .get(); // first: the peer's accept() must not wait for the shared database to start
    TraceCalls.logOutDemoAgents(shared);
    peer = ScriptedAmiPeer.start(script);
    server = TraceCalls.serverOn(shared, peer);
    api = new Api(server.port());
    await(() -> api.get("/api/health").status() == 200, "PBX link up");
    Api.Response login =
        api.post("/api/login", Api.login("alice", DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).isEqualTo(200);
    token = login.json().getString("accessToken");
  }

  /** The next agent.state push whose status/call state is {@code wanted} (e.g. READY/TALKING). */
  private static JsonObject awaitState(PushClient browser, String wanted) throws Exception {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + SOON.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m = browser.nextOfType("agent.state", SOON);
      if (m == null) {
        break;
      }
      JsonObject state = m.getJsonObject("state");
      String now =
          state.getString("status")
              + "/"
              + (state.getValue("call") == null
                  ? "IDLE"
                  : state.getJsonObject("call").getString("state"));
      seen.add(now);
      if (now.equals(wanted)) {
        return state;
      }
    }
    throw new AssertionError("no " + wanted + " state; seen " + seen);
  }

  private Optional<CallRecord> record(CallRecords records) throws Exception {
    long acme =
        ((Number) server.database().dsl().fetchValue("select id from tenant where domain = 'acme'"))
            .longValue();
    return records
        .find(acme, CALL)
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }

  private static void await(Await.Check check, String what) throws Exception {
    Await.until(check, what, Duration.ofSeconds(40));
  }
}
