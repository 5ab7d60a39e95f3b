package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.PushClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Alice consults an outside number, then turns the consultation into a conference. No trace records
 * an attended transfer to a number, so the script is composed from real frames: trace 11 (Atxfer
 * through {@code Local/<exten>@acme-agents}, whose {@code ;2} half Dials the consulted phone) with
 * bob's phone leg renamed into a trunk leg to the number trace 08 dials ({@code PJSIP/pstn-…},
 * 90155501234, no agent name), then trace 12's ConfbridgeStart/Join/Leave/End frames with trace
 * 11's ids and our room's name, like ConferenceOverAmiTest#consultationBecomesConference.
 */
@DisplayName(
    "Call control over AMI: a consultation of an outside number becomes a conference (traces 11, 08, 12)")
class NumberConsultConferenceOverAmiTest extends CallControlOverAmi {
  private static final String CALL = "1795315514.0";
  private static final String NUMBER = "90155501234";
  private static final String ROOM = "acme-room-17953155140";

  @Test
  @DisplayName(
      "the number's leg is learnt from the Local half's Dial, shows talking, and is redirected into the room")
  void numberConsultationBecomesConference() throws Exception {
    startWith("11-attended-transfer", NumberConsultConferenceOverAmiTest::compose, "Atxfer");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(
              api.post("/api/calls/current/consult", target("number", NUMBER), bearer(alice))
                  .status())
          .isEqualTo(200);
      assertThat(peer.received("Atxfer").get(0).get("Exten")).isEqualTo(NUMBER);
      JsonObject ringing = browser.nextOfType("call.consult", SOON).getJsonObject("consult");
      assertThat(ringing.getString("state")).isEqualTo("ringing");
      assertThat(ringing.getJsonObject("target").getString("number")).isEqualTo(NUMBER);
      JsonObject talking = browser.nextOfType("call.consult", SOON).getJsonObject("consult");
      assertThat(talking.getString("state"))
          .as("the trunk leg's DialEnd ANSWER")
          .isEqualTo("talking");
      assertThat(talking.getJsonObject("target").getString("number")).isEqualTo(NUMBER);
      assertThat(talking.getJsonObject("target").getValue("agentId")).isNull();

      Api.Response made = api.post("/api/calls/current/consult/conference", "", bearer(alice));
      assertThat(made.status()).as(made.body()).isEqualTo(200);
      assertThat(made.json().getString("callId")).isEqualTo(CALL);
      List<AmiFrame> redirects = peer.received("Redirect");
      assertThat(redirects).hasSize(2);
      assertThat(redirects.get(0).get("Channel")).isEqualTo("PJSIP/pstn-00000000");
      assertThat(redirects.get(0).get("ExtraChannel"))
          .as("the trunk leg, not the Local half")
          .isEqualTo("PJSIP/pstn-00000002");
      assertThat(redirects.get(1).get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
      assertThat(redirects.get(1).get("ExtraChannel")).isNull();

      JsonObject three = awaitPush(browser, "call.conference", m -> connected(m) == 3);
      List<String> kinds = new ArrayList<>();
      String number = null;
      for (Object p : three.getJsonObject("conference").getJsonArray("parties")) {
        JsonObject party = (JsonObject) p;
        kinds.add(party.getString("kind"));
        if ("number".equals(party.getString("kind"))) {
          number = party.getString("number");
        }
      }
      assertThat(kinds).containsExactlyInAnyOrder("customer", "agent", "number");
      assertThat(number).isEqualTo(NUMBER);
      awaitPush(browser, "call.conference", m -> m.getValue("conference") == null);
    }
    await(() -> callEnded(CALL), "the call record ends");
  }

  @Test
  @DisplayName(
      "consulting a number whose leg the PBX has not dialled yet: no-consult, nothing redirected")
  void numberNotDialledYet() throws Exception {
    startWith(
        "11-attended-transfer",
        s ->
            s.cutAfter(
                step -> step instanceof AmiScript.Send send && "Hold".equals(send.frame().event()),
                new AmiScript.End()),
        "Atxfer");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(
              api.post("/api/calls/current/consult", target("number", NUMBER), bearer(alice))
                  .status())
          .isEqualTo(200);
      assertThat(
              browser.nextOfType("call.consult", SOON).getJsonObject("consult").getString("state"))
          .isEqualTo("ringing");
      assertThat(api.post("/api/calls/current/consult/conference", "", bearer(alice)).code())
          .isEqualTo("no-consult");
      assertThat(peer.received("Redirect")).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "the consulted number hangs up: its leg's Hangup ends the consultation on alice's screen")
  void numberHangsUp() throws Exception {
    startWith("11-attended-transfer", NumberConsultConferenceOverAmiTest::numberHangsUp, "Atxfer");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(
              api.post("/api/calls/current/consult", target("number", NUMBER), bearer(alice))
                  .status())
          .isEqualTo(200);
      assertThat(
              browser.nextOfType("call.consult", SOON).getJsonObject("consult").getString("state"))
          .isEqualTo("ringing");
      assertThat(
              browser.nextOfType("call.consult", SOON).getJsonObject("consult").getString("state"))
          .isEqualTo("talking");
      JsonObject over = browser.nextOfType("call.consult", SOON);
      assertThat(over).as("a call.consult push once the number hung up").isNotNull();
      assertThat(over.getValue("consult")).isNull();
      assertThat(api.post("/api/calls/current/consult/conference", "", bearer(alice)).code())
          .isEqualTo("no-consult");
    }
  }

  /**
   * Trace 11 (bob's leg renamed into the trunk leg, as {@link #compose}) up to alice's Local;1
   * answering, then the number hangs up: trace 11's own Hangup frames of bob's leg and of the Local
   * pair, sent at that point. No Unhold follows (the customer stays held until alice takes her
   * back), so only the outside leg's Hangup tells.
   */
  static AmiScript numberHangsUp(AmiScript trace11) {
    List<Step> renamed = new ArrayList<>();
    List<Step> hangups = new ArrayList<>();
    for (Step step : trace11.steps()) {
      Step out =
          step instanceof AmiScript.Send send
              ? new AmiScript.Send(outside(send.frame(), Map.of()))
              : step;
      renamed.add(out);
      if (out instanceof AmiScript.Send send
          && "Hangup".equals(send.frame().event())
          && !send.frame().get("Channel").startsWith("PJSIP/acme-1001")
          && !"PJSIP/pstn-00000000".equals(send.frame().get("Channel"))) {
        hangups.add(out);
      }
    }
    assertThat(hangups).hasSize(3);
    hangups.add(new AmiScript.End());
    return new AmiScript(renamed)
        .cutAfter(
            step ->
                step instanceof AmiScript.Send send
                    && "DialEnd".equals(send.frame().event())
                    && "Local/90155501234@acme-agents-00000000;1"
                        .equals(send.frame().get("DestChannel")),
            hangups.toArray(Step[]::new));
  }

  /**
   * Trace 11 up to alice's Local;1 answering, bob's phone leg renamed into the trunk leg, then the
   * room (trace 12).
   */
  static AmiScript compose(AmiScript trace11) {
    Map<String, String> ids =
        Map.of(
            "1795315557.0",
            CALL,
            "1795315557.1",
            "1795315514.1",
            "1795315562.4",
            "1795315518.4",
            "Linkedid: 1795315518.4",
            "Linkedid: " + CALL,
            "acme-room-8000",
            ROOM);
    List<Step> room12 = new ArrayList<>();
    for (Step step : AmiScript.fromTrace("12-conference").steps()) {
      if (step instanceof AmiScript.Send send
          && send.frame().event() != null
          && send.frame().event().startsWith("Confbridge")) {
        room12.add(new AmiScript.Send(outside(send.frame(), ids)));
      }
    }
    AmiFrame redirected =
        AmiFrame.of("Response: Success", "ActionID: x", "Message: Redirect successful");
    List<Step> tail = new ArrayList<>();
    tail.add(new Expect(AmiFrame.of("Action: Redirect", "ActionID: x"), List.of(redirected), true));
    tail.add(new Expect(AmiFrame.of("Action: Redirect", "ActionID: x"), List.of(redirected), true));
    tail.addAll(room12);
    tail.add(new AmiScript.End());
    List<Step> renamed = new ArrayList<>();
    for (Step step : trace11.steps()) {
      renamed.add(
          step instanceof AmiScript.Send send
              ? new AmiScript.Send(outside(send.frame(), Map.of()))
              : step);
    }
    return new AmiScript(renamed)
        .cutAfter(
            step ->
                step instanceof AmiScript.Send send
                    && "DialEnd".equals(send.frame().event())
                    && "Local/90155501234@acme-agents-00000000;1"
                        .equals(send.frame().get("DestChannel")),
            tail.toArray(Step[]::new));
  }

  /**
   * Bob's phone leg (acme-1002) becomes the outside leg to {@link #NUMBER} on the trunk; ids mapped
   * as given.
   */
  private static AmiFrame outside(AmiFrame frame, Map<String, String> ids) {
    Map<String, String> names = new LinkedHashMap<>(ids);
    names.put("Local/1002@acme-agents", "Local/" + NUMBER + "@acme-agents");
    names.put("PJSIP/acme-1002-00000002", "PJSIP/pstn-00000002");
    names.put("PJSIP/acme-1002", "PJSIP/pstn");
    return new AmiFrame(
        frame.lines().stream()
            .map(
                line -> {
                  String out = line;
                  for (var e : names.entrySet()) {
                    out = out.replace(e.getKey(), e.getValue());
                  }
                  if (out.endsWith(": 1002") && (out.contains("Exten") || out.contains("Num"))) {
                    out = out.substring(0, out.length() - 4) + NUMBER;
                  }
                  if (out.endsWith(": Bob Agent")) {
                    out = out.substring(0, out.length() - "Bob Agent".length()) + "<unknown>";
                  }
                  return out;
                })
            .toList());
  }

  private static int connected(JsonObject message) {
    JsonObject conf = message.getJsonObject("conference");
    int n = 0;
    if (conf != null) {
      for (Object p : conf.getJsonArray("parties")) {
        n += "connected".equals(((JsonObject) p).getString("state")) ? 1 : 0;
      }
    }
    return n;
  }

  private static JsonObject awaitPush(
      PushClient tab, String type, java.util.function.Predicate<JsonObject> which)
      throws Exception {
    for (JsonObject m : tab.seen()) {
      if (type.equals(m.getString("type")) && which.test(m)) {
        return m;
      }
    }
    long deadline = System.nanoTime() + SOON.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m = tab.nextOfType(type, SOON);
      if (m != null && which.test(m)) {
        return m;
      }
    }
    throw new AssertionError("no such " + type + " push; seen: " + tab.seen());
  }
}
