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
import io.tandemcc.support.TestTenants;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The whole server over AMI replaying trace 12: the demo tenant's alice (acme-1001) answers the
 * queue call and adds her colleague bob (acme-1002); the server's dual Redirect and Originate are
 * answered with the trace's frames, and the room's events drive both agents' states, their
 * conference panels and the call record. Bob leaves, then the customer hangs up, then alice, the
 * last party, ends the call.
 */
@DisplayName("A conference over AMI, replaying trace 12")
class ConferenceOverAmiTest {
  private static final Duration SOON = Duration.ofSeconds(8);
  private static final String CALL = "1795315557.0";
  private ScriptedAmiPeer peer;
  private Server server;
  private Api api;
  private String alice;
  private String bob;

  private void start(boolean replayConference) throws Exception {
    start(
        replayConference,
        AmiScript.fromTrace("12-conference", "QueueAdd", "Redirect", "Originate"));
  }

  private void start(boolean replayConference, AmiScript recorded) throws Exception {
    List<Step> steps = new ArrayList<>();
    boolean silent = false;
    for (Step s : recorded.steps()) {
      if (!replayConference && s instanceof Expect e && "Redirect".equalsIgnoreCase(e.action())) {
        silent = true; // the call stays connected: nothing after the Redirect is played
      }
      if (silent && (s instanceof AmiScript.Send || s instanceof Expect)) {
        continue;
      }
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
    Server shared =
        TestServer
            .get(); // first: the peer's accept() must not wait for the shared database to start
    TraceCalls.logOutDemoAgents(shared);
    peer = ScriptedAmiPeer.start(new AmiScript(steps));
    server = TraceCalls.serverOn(shared, peer);
    api = new Api(server.port());
    await(() -> api.get("/api/health").status() == 200, "PBX link up", Duration.ofSeconds(40));
    alice = token("alice");
    bob = token("bob");
  }

  @AfterEach
  void tearDown() throws Exception {
    if (server != null) {
      // the shared database: other tests replay trace 11 (the same call id) and count its legs
      for (String call : new String[] {CALL, "1795315514.0"}) {
        server
            .database()
            .dsl()
            .execute(
                "delete from call_party where call_record_id in (select id from "
                    + "call_record where tenant_id = "
                    + acmeId()
                    + " and call_id = '"
                    + call
                    + "')");
      }
    }
    TraceCalls.tearDown(server, peer, api, alice, bob);
  }

  @Test
  @DisplayName(
      "alice adds bob: both see the party list grow and shrink, states follow the room, the last leave ends the call")
  void conference() throws Exception {
    start(true);
    forgetEarlierRuns();
    long bobId = agentId(bob);
    try (PushClient aliceTab = PushClient.authenticated(server.port(), alice);
        PushClient bobTab = PushClient.authenticated(server.port(), bob)) {
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)).status())
          .isEqualTo(200);
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status())
          .isEqualTo(200);
      awaitCallState(aliceTab, "TALKING");
      // a reloaded page reads the conference of its call: none yet
      JsonObject before = api.get("/api/calls/current/conference", bearer(alice)).json();
      assertThat(before.getString("callId")).isEqualTo(CALL);
      assertThat(before.getValue("conference")).isNull();

      Api.Response added =
          api.post(
              "/api/calls/current/conference/parties",
              "{\"target\":{\"agentId\":" + bobId + "}}",
              bearer(alice));
      assertThat(added.status()).as(added.body()).isEqualTo(200);
      assertThat(added.json().getString("callId")).isEqualTo(CALL);
      String bobParty = added.json().getString("partyId");

      // alice sees customer, herself and bob connected
      JsonObject full = awaitConference(aliceTab, c -> connected(c) == 3);
      JsonArray parties = full.getJsonObject("conference").getJsonArray("parties");
      assertThat(kinds(parties)).containsExactlyInAnyOrder("customer", "agent", "agent");
      JsonObject me = find(parties, p -> p.getBoolean("you"));
      assertThat(me.getLong("agentId")).isEqualTo(agentId(alice));
      JsonObject bobSeen =
          find(parties, p -> p.getValue("agentId") != null && p.getLong("agentId") == bobId);
      assertThat(bobSeen.getString("partyId")).isEqualTo(bobParty);
      assertThat(bobSeen.getString("displayName")).isEqualTo("Bob Agent");
      assertThat(find(parties, p -> "customer".equals(p.getString("kind"))).getString("number"))
          .isEqualTo("+14155550123");
      assertThat(full.getJsonObject("conference").getInteger("maxParties")).isEqualTo(30);

      // bob rang, then talked; his own party is "you" on his screen
      List<String> bobStates = callStates(bobTab, "TALKING");
      assertThat(bobStates).containsSubsequence("READY/RINGING", "READY/TALKING");
      JsonObject bobView = awaitConference(bobTab, c -> connected(c) == 3);
      assertThat(
              find(
                      bobView.getJsonObject("conference").getJsonArray("parties"),
                      p -> p.getBoolean("you"))
                  .getLong("agentId"))
          .isEqualTo(bobId);

      // bob leaves, then the customer: alice is told each time; bob's conference is over for him
      JsonObject bobLeft =
          awaitChange(
              aliceTab,
              "left",
              p -> p.getValue("agentId") != null && p.getLong("agentId") == bobId);
      assertThat(connected(bobLeft)).isEqualTo(2);
      JsonObject customerLeft =
          awaitChange(aliceTab, "left", p -> "customer".equals(p.getString("kind")));
      assertThat(connected(customerLeft)).isEqualTo(1);
      JsonObject bobsLast = awaitConference(bobTab, c -> c.getValue("conference") == null);
      assertThat(bobsLast.getJsonObject("change").getString("kind")).isEqualTo("left");
      assertThat(bobsLast.getJsonObject("change").getJsonObject("party").getBoolean("you"))
          .isTrue();
      assertThat(lastStatus(bobTab)).isIn("WRAPUP", "READY");

      // alice, the last party, leaves: the call is over for her (the demo's queue calls are
      // followed by wrap-up)
      awaitConference(aliceTab, c -> c.getValue("conference") == null);
      await(
          () ->
              "WRAPUP"
                  .equals(api.get("/api/agent/state", bearer(alice)).json().getString("status")),
          "alice in wrap-up");
      assertThat(api.get("/api/calls/current/conference", bearer(alice)).code())
          .isEqualTo("not-on-call");
    }

    await(() -> endedAt() != null, "the call record ends with the last party");
    List<Record> rows = partyRows();
    assertThat(rows)
        .extracting(r -> r.get("role") + "/" + r.get("party_kind") + "/" + r.get("end_reason"))
        .containsExactlyInAnyOrder(
            "primary/agent/left", "conference/customer/left", "conference/agent/left");
    assertThat(rows).allSatisfy(r -> assertThat(r.get("left_at")).isNotNull());

    AmiFrame redirect = peer.received("Redirect").get(0);
    assertThat(redirect.get("Channel")).isEqualTo("PJSIP/pstn-00000000");
    assertThat(redirect.get("ExtraChannel")).isEqualTo("PJSIP/acme-1001-00000001");
    assertThat(redirect.get("Context")).isEqualTo("acme-conf");
    assertThat(redirect.get("Exten")).isEqualTo("17953155570");
    AmiFrame originate = peer.received("Originate").get(0);
    assertThat(originate.get("Channel")).isEqualTo("PJSIP/acme-1002");
    assertThat(originate.get("Exten")).isEqualTo("17953155570");
  }

  @Test
  @DisplayName(
      "alice drops bob: his leg is hung up, he leaves the room, his party row says 'dropped'")
  void dropParty() throws Exception {
    java.util.concurrent.CompletableFuture<Void> gate =
        new java.util.concurrent.CompletableFuture<>();
    // the trace's Bob hangs up by himself ~3 s after answering: hold the script after his
    // ConfbridgeJoin until the
    // test has dropped him, so his leave answers our Hangup. Asterisk acknowledges a Hangup with
    // "Channel Hungup".
    AmiScript script =
        AmiScript.fromTrace("12-conference", "QueueAdd", "Redirect", "Originate")
            .insertBefore(
                AmiScript.expect("ConfbridgeList"),
                new Expect(
                    AmiFrame.of("Action: Hangup", "ActionID: x"),
                    List.of(
                        AmiFrame.of("Response: Success", "ActionID: x", "Message: Channel Hungup")),
                    false),
                new AmiScript.Gate(gate));
    start(true, script);
    forgetEarlierRuns();
    long bobId = agentId(bob);
    try (PushClient aliceTab = PushClient.authenticated(server.port(), alice)) {
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob));
      awaitCallState(aliceTab, "TALKING");
      String bobParty =
          api.post(
                  "/api/calls/current/conference/parties",
                  "{\"target\":{\"agentId\":" + bobId + "}}",
                  bearer(alice))
              .json()
              .getString("partyId");
      awaitConference(aliceTab, c -> connected(c) == 3);

      Api.Response dropped =
          api.send(
              java.net.http.HttpRequest.newBuilder(
                      java.net.URI.create(
                          api.base() + "/api/calls/current/conference/parties/" + bobParty))
                  .DELETE(),
              null,
              bearer(alice));
      assertThat(dropped.status()).as(dropped.body()).isEqualTo(204);
      assertThat(peer.received("Hangup"))
          .extracting(f -> f.get("Channel"))
          .containsExactly("PJSIP/acme-1002-00000002");
      gate.complete(null);

      awaitChange(aliceTab, "left", p -> bobParty.equals(p.getString("partyId")));
    }
    await(
        () ->
            partyRows().stream()
                .anyMatch(
                    r ->
                        "conference/agent/dropped"
                            .equals(
                                r.get("role")
                                    + "/"
                                    + r.get("party_kind")
                                    + "/"
                                    + r.get("end_reason"))),
        "bob's row says dropped");
  }

  @Test
  @DisplayName(
      "the link drops in the middle of the conference; the room is gone when it is back: the call ends")
  void roomClosedWhileTheLinkWasDown() throws Exception {
    // trace 12 until bob is in the room, then Asterisk goes away (EOF, as trace 16) and comes back
    // with no room open:
    // ConfbridgeListRooms is answered with app_confbridge's error for that case.
    AmiScript script =
        AmiScript.fromTrace("12-conference", "QueueAdd", "Redirect", "Originate")
            .cutAfter(
                step ->
                    step instanceof AmiScript.Send send
                        && "ConfbridgeJoin".equals(send.frame().event())
                        && "PJSIP/acme-1002-00000002".equals(send.frame().get("Channel")),
                new AmiScript.Close(),
                new AmiScript.Banner(AmiFrame.of("Asterisk Call Manager/11.0.0")),
                new Expect(
                    AmiFrame.of("Action: Login", "ActionID: 1"),
                    List.of(
                        AmiFrame.of(
                            "Response: Success",
                            "ActionID: 1",
                            "Message: Authentication accepted")),
                    true),
                Scripts.event(
                    "Event: FullyBooted",
                    "Privilege: system,all",
                    "Uptime: 1",
                    "LastReload: 1",
                    "Status: Fully Booted"),
                Scripts.answer("ConfbridgeListRooms", Scripts.error("No active conferences.")),
                new AmiScript.End());
    start(true, script);
    forgetEarlierRuns();
    long bobId = agentId(bob);
    try (PushClient aliceTab = PushClient.authenticated(server.port(), alice)) {
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob));
      awaitCallState(aliceTab, "TALKING");
      api.post(
          "/api/calls/current/conference/parties",
          "{\"target\":{\"agentId\":" + bobId + "}}",
          bearer(alice));
      awaitConference(aliceTab, c -> connected(c) == 3);

      await(
          () -> !peer.received("ConfbridgeListRooms").isEmpty(),
          "rooms asked for after the reconnection",
          Duration.ofSeconds(30));
      awaitConference(aliceTab, c -> c.getValue("conference") == null);
      await(
          () ->
              api.get("/api/agent/state", bearer(alice)).json().getValue("call") == null
                  && api.get("/api/agent/state", bearer(bob)).json().getValue("call") == null,
          "both calls over");
    }
    await(() -> endedAt() != null, "the call record ends");
    await(
        () ->
            partyRows().stream()
                .anyMatch(r -> "customer".equals(r.get("party_kind")) && r.get("left_at") != null),
        "the customer's party, which only the room knew, has left too");
  }

  @Test
  @DisplayName(
      "the link drops in the middle of the conference and the customer leaves meanwhile: the room's list"
          + " corrects it")
  void partyLeftWhileTheLinkWasDown() throws Exception {
    // trace 12 until bob is in the room, then Asterisk goes away (EOF, as trace 16) and comes back
    // with the room
    // still open: trace 12's own answers to ConfbridgeListRooms and ConfbridgeList, without the
    // customer's item (her
    // leg left while the link was down, so its ConfbridgeLeave was never seen). Agents' legs that
    // are gone are found
    // by the calls' own resync (CoreShowChannels); a customer's or a number's leg only by the
    // room's list.
    AmiScript recorded = AmiScript.fromTrace("12-conference", "QueueAdd", "Redirect", "Originate");
    List<AmiFrame> rooms = recordedReplies(recorded, "ConfbridgeListRooms");
    List<AmiFrame> legs =
        recordedReplies(recorded, "ConfbridgeList").stream()
            .filter(f -> !"PJSIP/pstn-00000000".equals(f.get("Channel")))
            .toList();
    assertThat(legs).extracting(AmiFrame::event).containsOnlyOnce("ConfbridgeListComplete");
    assertThat(legs.stream().filter(f -> "ConfbridgeList".equals(f.event()))).hasSize(2);
    // the calls' resync lists the legs still up (CoreShowChannels): the room's two items as
    // CoreShowChannel items
    // (same channel fields, Asterisk 22 writes both with the same channel snapshot), in ConfBridge.
    // Bob's leg carries
    // the call's CC_TENANT / CC_CALLID, as our Originate sets them (trace 12's recording client did
    // not)
    List<AmiFrame> channels = new ArrayList<>();
    channels.add(
        AmiFrame.of(
            "Response: Success",
            "ActionID: x",
            "EventList: start",
            "Message: Channels will follow"));
    for (AmiFrame item : legs) {
      if ("ConfbridgeList".equals(item.event())) {
        List<String> lines = new ArrayList<>(List.of("Event: CoreShowChannel", "ActionID: x"));
        item.lines().stream()
            .filter(
                l ->
                    l.startsWith("Channel")
                        || l.startsWith("CallerID")
                        || l.startsWith("ConnectedLine")
                        || l.startsWith("Uniqueid:")
                        || l.startsWith("Linkedid:")
                        || l.startsWith("ChanVariable:")
                        || l.startsWith("Context:")
                        || l.startsWith("Exten:"))
            .map(
                l ->
                    l.equals("ChanVariable: CC_TENANT=")
                        ? "ChanVariable: CC_TENANT=acme"
                        : l.equals("ChanVariable: CC_CALLID=")
                            ? "ChanVariable: CC_CALLID=" + CALL
                            : l)
            .forEach(lines::add);
        lines.addAll(
            List.of(
                "Application: ConfBridge",
                "ApplicationData: acme-room-8000",
                "Duration: 00:00:08"));
        channels.add(new AmiFrame(lines));
      }
    }
    channels.add(
        AmiFrame.of(
            "Event: CoreShowChannelsComplete",
            "ActionID: x",
            "EventList: Complete",
            "ListItems: 2"));
    AmiScript script =
        recorded.cutAfter(
            step ->
                step instanceof AmiScript.Send send
                    && "ConfbridgeJoin".equals(send.frame().event())
                    && "PJSIP/acme-1002-00000002".equals(send.frame().get("Channel")),
            new AmiScript.Close(),
            new AmiScript.Banner(AmiFrame.of("Asterisk Call Manager/11.0.0")),
            new Expect(
                AmiFrame.of("Action: Login", "ActionID: 1"),
                List.of(
                    AmiFrame.of(
                        "Response: Success", "ActionID: 1", "Message: Authentication accepted")),
                true),
            Scripts.event(
                "Event: FullyBooted",
                "Privilege: system,all",
                "Uptime: 1",
                "LastReload: 1",
                "Status: Fully Booted"),
            Scripts.answer("ConfbridgeListRooms", rooms.toArray(AmiFrame[]::new)),
            Scripts.answer("ConfbridgeList", legs.toArray(AmiFrame[]::new)),
            Scripts.answer("CoreShowChannels", channels.toArray(AmiFrame[]::new)),
            new AmiScript.End());
    start(true, script);
    forgetEarlierRuns();
    long bobId = agentId(bob);
    try (PushClient aliceTab = PushClient.authenticated(server.port(), alice)) {
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob));
      awaitCallState(aliceTab, "TALKING");
      api.post(
          "/api/calls/current/conference/parties",
          "{\"target\":{\"agentId\":" + bobId + "}}",
          bearer(alice));
      awaitConference(aliceTab, c -> connected(c) == 3);

      await(
          () -> !peer.received("ConfbridgeList").isEmpty(),
          "the room's legs asked for after the reconnection",
          Duration.ofSeconds(30));
      JsonObject left =
          awaitConference(
              aliceTab,
              c ->
                  connected(c) == 2
                      && c.getJsonObject("change") != null
                      && "left".equals(c.getJsonObject("change").getString("kind")));
      assertThat(left.getJsonObject("change").getJsonObject("party").getString("kind"))
          .isEqualTo("customer");
      assertThat(api.get("/api/agent/state", bearer(alice)).json().getValue("call"))
          .as("alice stays")
          .isNotNull();
      assertThat(api.get("/api/agent/state", bearer(bob)).json().getValue("call"))
          .as("bob stays")
          .isNotNull();
    }
    await(
        () ->
            partyRows().stream()
                .anyMatch(r -> "customer".equals(r.get("party_kind")) && r.get("left_at") != null),
        "the customer's party row says she left");
    assertThat(endedAt()).as("the call goes on").isNull();
  }

  /** What Asterisk answered to the trace's (first) action of that name. */
  private static List<AmiFrame> recordedReplies(AmiScript recorded, String action) {
    return recorded.steps().stream()
        .filter(s -> s instanceof Expect e && action.equalsIgnoreCase(e.action()))
        .map(s -> ((Expect) s).replies())
        .findFirst()
        .orElseThrow();
  }

  @Test
  @DisplayName(
      "11 + 12: alice consults bob, then makes it a conference: customer and bob move first, then alice")
  void consultationBecomesConference() throws Exception {
    String call = "1795315514.0";
    String room = "acme-room-17953155140";
    // Trace 11 up to bob answering alice's consultation (Atxfer through a Local pair); no trace
    // shows a consultation
    // turned into a conference, so the room's events are trace 12's ConfbridgeStart/Join/Leave/End
    // frames with trace
    // 11's ids (bob's consulted leg is linked to the call there) and our room's name.
    Map<String, String> ids =
        Map.of(
            "1795315557.0",
            call,
            "1795315557.1",
            "1795315514.1",
            "1795315562.4",
            "1795315518.4",
            "Linkedid: 1795315518.4",
            "Linkedid: " + call,
            "acme-room-8000",
            room);
    List<Step> room12 = new ArrayList<>();
    for (Step step : AmiScript.fromTrace("12-conference").steps()) {
      if (step instanceof AmiScript.Send send
          && send.frame().event() != null
          && send.frame().event().startsWith("Confbridge")) {
        room12.add(
            new AmiScript.Send(
                new AmiFrame(
                    send.frame().lines().stream()
                        .map(
                            line -> {
                              String out = line;
                              for (var e : ids.entrySet()) {
                                out = out.replace(e.getKey(), e.getValue());
                              }
                              return out;
                            })
                        .toList())));
      }
    }
    AmiFrame redirected =
        AmiFrame.of("Response: Success", "ActionID: x", "Message: Redirect successful");
    List<Step> tail = new ArrayList<>();
    tail.add(new Expect(AmiFrame.of("Action: Redirect", "ActionID: x"), List.of(redirected), true));
    tail.add(new Expect(AmiFrame.of("Action: Redirect", "ActionID: x"), List.of(redirected), true));
    tail.addAll(room12);
    tail.add(new AmiScript.End());
    AmiScript script =
        AmiScript.fromTrace("11-attended-transfer", "QueueAdd")
            .cutAfter(
                step ->
                    step instanceof AmiScript.Send send
                        && "DialEnd".equals(send.frame().event())
                        && "Local/1002@acme-agents-00000000;1"
                            .equals(send.frame().get("DestChannel")),
                tail.toArray(Step[]::new));
    start(true, script);
    long tenant = acmeId();
    server
        .database()
        .dsl()
        .execute(
            "delete from call_party where call_record_id in (select id from call_record "
                + "where tenant_id = "
                + tenant
                + " and call_id = '"
                + call
                + "')");
    server
        .database()
        .dsl()
        .execute(
            "update call_record set ended_at = null where tenant_id = "
                + tenant
                + " and call_id = '"
                + call
                + "'");
    try (PushClient aliceTab = PushClient.authenticated(server.port(), alice);
        PushClient bobTab = PushClient.authenticated(server.port(), bob)) {
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob));
      awaitCallState(bobTab, "TALKING"); // bob answered the consultation

      Api.Response made = api.post("/api/calls/current/consult/conference", "", bearer(alice));
      assertThat(made.status()).as(made.body()).isEqualTo(200);
      assertThat(made.json().getString("callId")).isEqualTo(call);
      List<AmiFrame> redirects = peer.received("Redirect");
      assertThat(redirects).hasSize(2);
      assertThat(redirects.get(0).get("Channel")).isEqualTo("PJSIP/pstn-00000000");
      assertThat(redirects.get(0).get("ExtraChannel")).isEqualTo("PJSIP/acme-1002-00000002");
      assertThat(redirects.get(0).get("Exten")).isEqualTo("17953155140");
      assertThat(redirects.get(1).get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
      assertThat(redirects.get(1).get("ExtraChannel")).isNull();
      assertThat(redirects.get(1).get("Context")).isEqualTo("acme-conf");

      JsonObject three = awaitConference(aliceTab, c -> connected(c) == 3);
      assertThat(kinds(three.getJsonObject("conference").getJsonArray("parties")))
          .containsExactlyInAnyOrder("customer", "agent", "agent");
      awaitConference(bobTab, c -> c.getValue("conference") == null);
      awaitConference(aliceTab, c -> c.getValue("conference") == null);
      assertThat(lastStatus(bobTab))
          .as("bob's consultation was a direct call: no wrap-up")
          .isEqualTo("READY");
    }
    await(
        () ->
            server
                    .database()
                    .dsl()
                    .fetchValue(
                        "select ended_at from call_record where tenant_id = "
                            + tenant
                            + " and call_id = '"
                            + call
                            + "'")
                != null,
        "the call record ends");
    assertThat(
            server
                .database()
                .dsl()
                .fetch(
                    "select p.role, p.party_kind, p.end_reason from call_party p join "
                        + "call_record r on r.id = p.call_record_id where r.tenant_id = "
                        + tenant
                        + " and r.call_id = '"
                        + call
                        + "'")
                .map(r -> r.get("role") + "/" + r.get("party_kind") + "/" + r.get("end_reason")))
        .containsExactlyInAnyOrder(
            "primary/agent/left", "consult/agent/left", "conference/customer/left");
    Object id =
        server
            .database()
            .dsl()
            .fetchValue(
                "select id from call_record where tenant_id = "
                    + tenant
                    + " and call_id = '"
                    + call
                    + "'");
    Api.Response history = api.get("/api/history/calls/" + id, bearer(token("admin")));
    assertThat(history.status()).as(history.body()).isEqualTo(200);
    assertThat(
            history.json().getJsonArray("timeline").stream()
                .map(e -> ((JsonObject) e).getString("kind")))
        .as("the call history tells the consultation and the conference")
        .containsSubsequence(
            "queued", "ringing", "answered", "consulted", "conferenced", "left", "ended");
  }

  @Test
  @DisplayName(
      "refusals: not an agent 403, no call 409, bad target 400, another tenant's agent 404, target not Ready 409")
  void refusals() throws Exception {
    start(false);
    String admin = token("admin");
    String body = "{\"target\":{\"agentId\":" + agentId(bob) + "}}";
    assertThat(api.post("/api/calls/current/conference/parties", body, bearer(admin)).status())
        .isEqualTo(403);
    assertThat(api.post("/api/calls/current/conference/parties", body, bearer(bob)).code())
        .isEqualTo("not-on-call");
    assertThat(api.post("/api/calls/current/conference/parties", body).status()).isEqualTo(401);

    try (PushClient aliceTab = PushClient.authenticated(server.port(), alice)) {
      api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
      awaitCallState(aliceTab, "TALKING");

      Api.Response notReady =
          api.post("/api/calls/current/conference/parties", body, bearer(alice));
      assertThat(notReady.status()).isEqualTo(409);
      assertThat(notReady.code()).isEqualTo("target-not-ready");
      assertThat(notReady.json().getString("detail")).startsWith("Bob Agent is Not Ready");

      var other = TestTenants.create(server.database(), "conf-other");
      Api.Response foreign =
          api.post(
              "/api/calls/current/conference/parties",
              "{\"target\":{\"agentId\":" + other.bobAgent() + "}}",
              bearer(alice));
      assertThat(foreign.status()).isEqualTo(404);
      assertThat(foreign.code()).isEqualTo("unknown-target");
      // the other tenant's agents cannot reach acme's call: for them there is no current call
      String otherAlice = api.tokenOf("alice", other.domain());
      assertThat(
              api.post(
                      "/api/calls/current/conference/parties",
                      "{\"target\":{\"agentId\":" + agentId(bob) + "}}",
                      bearer(otherAlice))
                  .code())
          .isEqualTo("not-on-call");
      assertThat(api.post("/api/calls/current/conference/end", "", bearer(otherAlice)).code())
          .isEqualTo("not-on-call");
      assertThat(
              api.send(
                      java.net.http.HttpRequest.newBuilder(
                              java.net.URI.create(
                                  api.base() + "/api/calls/current/conference/parties/p1"))
                          .DELETE(),
                      null,
                      bearer(otherAlice))
                  .code())
          .isEqualTo("not-on-call");

      assertThat(
              api.post(
                      "/api/calls/current/conference/parties",
                      "{\"target\":{\"number\":\"12;3\"}}",
                      bearer(alice))
                  .status())
          .isEqualTo(400);
      assertThat(
              api.post("/api/calls/current/conference/parties", "{\"target\":{}}", bearer(alice))
                  .status())
          .isEqualTo(400);
      assertThat(
              api.send(
                      java.net.http.HttpRequest.newBuilder(
                              java.net.URI.create(
                                  api.base() + "/api/calls/current/conference/parties/p9"))
                          .DELETE(),
                      null,
                      bearer(alice))
                  .code())
          .isEqualTo("unknown-party");
      assertThat(api.post("/api/calls/current/conference/end", "", bearer(alice)).code())
          .isEqualTo("not-in-conference");
      assertThat(api.post("/api/calls/current/consult/conference", "", bearer(alice)).code())
          .isEqualTo("no-consult");
      assertThat(peer.received("Redirect")).as("nothing refused reached the PBX").isEmpty();
      assertThat(peer.received("Originate")).isEmpty();
    }
  }

  // ---- helpers

  private static int connected(JsonObject message) {
    JsonObject conf = message.getJsonObject("conference");
    if (conf == null) {
      return 0;
    }
    int n = 0;
    for (Object p : conf.getJsonArray("parties")) {
      if ("connected".equals(((JsonObject) p).getString("state"))) {
        n++;
      }
    }
    return n;
  }

  private static List<String> kinds(JsonArray parties) {
    List<String> kinds = new ArrayList<>();
    parties.forEach(p -> kinds.add(((JsonObject) p).getString("kind")));
    return kinds;
  }

  private static JsonObject find(
      JsonArray parties, java.util.function.Predicate<JsonObject> which) {
    for (Object p : parties) {
      if (which.test((JsonObject) p)) {
        return (JsonObject) p;
      }
    }
    throw new AssertionError("no such party in " + parties.encode());
  }

  private static JsonObject awaitConference(
      PushClient tab, java.util.function.Predicate<JsonObject> which) throws Exception {
    for (JsonObject m : tab.seen()) {
      if ("call.conference".equals(m.getString("type")) && which.test(m)) {
        return m;
      }
    }
    long deadline = System.nanoTime() + SOON.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m = tab.nextOfType("call.conference", SOON);
      if (m != null && which.test(m)) {
        return m;
      }
    }
    throw new AssertionError("no such call.conference push; seen: " + tab.seen());
  }

  private static JsonObject awaitChange(
      PushClient tab, String kind, java.util.function.Predicate<JsonObject> party)
      throws Exception {
    return awaitConference(
        tab,
        m ->
            m.getJsonObject("change") != null
                && kind.equals(m.getJsonObject("change").getString("kind"))
                && party.test(m.getJsonObject("change").getJsonObject("party")));
  }

  private static void awaitCallState(PushClient tab, String callState) throws Exception {
    callStates(tab, callState);
  }

  private static List<String> callStates(PushClient tab, String until) throws Exception {
    List<String> states = new ArrayList<>();
    for (JsonObject m : tab.seen()) {
      if ("agent.state".equals(m.getString("type"))) {
        states.add(describe(m.getJsonObject("state")));
      }
    }
    while (states.stream().noneMatch(s -> s.endsWith("/" + until))) {
      JsonObject m = tab.nextOfType("agent.state", SOON);
      assertThat(m).as("states so far: " + states).isNotNull();
      states.add(describe(m.getJsonObject("state")));
    }
    return states;
  }

  private static String lastStatus(PushClient tab) throws Exception {
    String last = null;
    long deadline = System.nanoTime() + SOON.toNanos();
    while (System.nanoTime() < deadline) {
      for (JsonObject m : tab.seen()) {
        if ("agent.state".equals(m.getString("type"))) {
          last = describe(m.getJsonObject("state"));
        }
      }
      if (last != null && last.endsWith("/IDLE")) {
        return last.substring(0, last.indexOf('/'));
      }
      tab.nextOfType("agent.state", Duration.ofMillis(200));
    }
    return last;
  }

  private static String describe(JsonObject st) {
    return st.getString("status")
        + "/"
        + (st.getValue("call") == null ? "IDLE" : st.getJsonObject("call").getString("state"));
  }

  private String token(String user) {
    Api.Response login =
        api.post("/api/login", Api.login(user, DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json().getString("accessToken");
  }

  /** Earlier runs on the shared database may have left this call's record: start it afresh. */
  private void forgetEarlierRuns() {
    long tenant = acmeId();
    server
        .database()
        .dsl()
        .execute(
            "delete from call_party where call_record_id in (select id from call_record "
                + "where tenant_id = "
                + tenant
                + " and call_id = '"
                + CALL
                + "')");
    server
        .database()
        .dsl()
        .execute(
            "update call_record set ended_at = null where tenant_id = "
                + tenant
                + " and call_id = '"
                + CALL
                + "'");
  }

  private long agentId(String token) {
    return api.get("/api/agent/state", bearer(token)).json().getLong("agentId");
  }

  private long acmeId() {
    return ((Number)
            server.database().dsl().fetchValue("select id from tenant where domain = 'acme'"))
        .longValue();
  }

  private Object endedAt() {
    return server
        .database()
        .dsl()
        .fetchValue(
            "select ended_at from call_record where tenant_id = "
                + acmeId()
                + " and call_id = '"
                + CALL
                + "'");
  }

  private List<Record> partyRows() {
    return server
        .database()
        .dsl()
        .fetch(
            "select p.role, p.party_kind, p.end_reason, p.left_at from call_party p "
                + "join call_record r on r.id = p.call_record_id where r.tenant_id = "
                + acmeId()
                + " and r.call_id = '"
                + CALL
                + "' and r.started_at > now() - interval '5 minutes'");
  }

  private static void await(Await.Check check, String what) throws Exception {
    Await.until(check, what, SOON);
  }

  private static void await(Await.Check check, String what, Duration timeout) throws Exception {
    Await.until(check, what, timeout);
  }
}
