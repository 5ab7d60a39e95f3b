package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.PushClient;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Consultation (attended transfer) in every outcome, both agents' states checked (traces 11, 11b
 * and scripts composed from their frames).
 */
@DisplayName(
    "Call control over AMI: consultation completed, cancelled, refused, hung up, driven by REST over real traces")
class ConsultationOverAmiTest extends CallControlOverAmi {

  @Test
  @DisplayName(
      "11b composed: the customer hangs up during the consultation; alice's call ends, bob's leg ends after")
  void customerHangsUpDuringConsult() throws Exception {
    // composed from 11b's real frames: up to where alice cancelled, then its closing frames
    // reordered as the customer
    // hanging up first: the customer's Hangup, alice's AgentComplete (Reason caller), bob's Hangup,
    // alice's Hangup
    startWith(
        "11b-attended-transfer-cancelled", ConsultationOverAmiTest::customerHangsUpFirst, "Atxfer");
    long bobId = agentId(bob);
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status())
          .isEqualTo(200);
      assertThat(
              api.post("/api/calls/current/consult", target("agentId", bobId), bearer(alice))
                  .status())
          .isEqualTo(200);
      JsonObject over;
      do {
        over = browser.nextOfType("call.consult", SOON);
        assertThat(over).as("the consultation ends").isNotNull();
      } while (over.getValue("consult") != null);
      await(
          () -> "WRAPUP".equals(status(alice)) && callState(alice) == null,
          "alice's customer call ended");
      await(() -> callState(bob) == null, "bob's leg ended");
      assertThat(status(bob)).isIn("READY", "WRAPUP");
    }
    await(
        () -> "1001".equals(callOwner("1795315535.0")) && callEnded("1795315535.0"),
        "the call stayed alice's");
  }

  static AmiScript customerHangsUpFirst(AmiScript script) {
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
        closing.forEach(
            f ->
                out.add(
                    new AmiScript.Send(
                        "AgentComplete".equals(f.event()) ? replace(f, "Reason", "caller") : f)));
      }
      out.add(step);
    }
    return new AmiScript(out);
  }

  static int order(AmiFrame f) {
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
  @DisplayName(
      "11: consult bob (ringing, then talking), complete: alice wraps up, bob owns the call")
  void consultAndComplete() throws Exception {
    // Alice completes by our AMI Hangup instead of the trace's SIP BYE: the Hangup action is
    // answered as Asterisk
    // answers it ("Channel Hungup") just before the trace's HangupRequest of her leg
    startWith(
        "11-attended-transfer",
        s ->
            s.insertBefore(
                AmiScript.event("HangupRequest"),
                new Expect(
                    AmiFrame.of(
                        "Action: Hangup", "ActionID: x", "Channel: PJSIP/acme-1001-00000001"),
                    List.of(
                        AmiFrame.of("Response: Success", "ActionID: x", "Message: Channel Hungup")),
                    true)),
        "Atxfer");
    long bobId = agentId(bob);
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(
          browser); // first: bob's unpause must not stand in for alice's, which the script waits
      // for
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status())
          .isEqualTo(200);
      Api.Response started =
          api.post("/api/calls/current/consult", target("agentId", bobId), bearer(alice));
      assertThat(started.status()).as(started.body()).isEqualTo(200);
      AmiFrame atxfer = peer.received("Atxfer").get(0);
      assertThat(atxfer.get("Exten")).isEqualTo("1002");

      JsonObject ringing = browser.nextOfType("call.consult", SOON);
      assertThat(ringing).isNotNull();
      assertThat(ringing.getJsonObject("consult").getString("state")).isEqualTo("ringing");
      assertThat(ringing.getJsonObject("consult").getJsonObject("target").getLong("agentId"))
          .isEqualTo(bobId);
      assertThat(ringing.getJsonObject("consult").getJsonObject("target").getString("displayName"))
          .isEqualTo("Bob Agent");
      JsonObject talking = browser.nextOfType("call.consult", SOON);
      assertThat(talking.getJsonObject("consult").getString("state")).isEqualTo("talking");
      assertThat(
              api.get("/api/calls/current", bearer(alice))
                  .json()
                  .getJsonObject("consult")
                  .getString("state"))
          .isEqualTo("talking");
      assertThat(
              api.post("/api/calls/current/consult", target("number", "1003"), bearer(alice))
                  .code())
          .isEqualTo("consult-in-progress");
      assertThat(
              api.post("/api/calls/current/transfer", target("number", "1003"), bearer(alice))
                  .code())
          .isEqualTo("consult-in-progress");

      Api.Response completed = api.post("/api/calls/current/consult/complete", "", bearer(alice));
      assertThat(completed.status()).as(completed.body()).isEqualTo(200);
      assertThat(peer.received("Hangup").get(0).get("Channel"))
          .isEqualTo("PJSIP/acme-1001-00000001");
      JsonObject over = browser.nextOfType("call.consult", SOON);
      assertThat(over).isNotNull();
      assertThat(over.getValue("consult")).isNull();
      await(
          () -> "WRAPUP".equals(status(alice)) && callState(alice) == null,
          "alice released to wrap-up");
    }
    await(() -> "1002".equals(callOwner("1795315514.0")), "bob owns the call");
    await(() -> callEnded("1795315514.0") && callState(bob) == null, "bob's call ended");
  }

  @Test
  @DisplayName(
      "11b: consult bob, cancel: bob's leg ends and he is free again, alice is back with the customer")
  void consultAndCancel() throws Exception {
    startWith("11b-attended-transfer-cancelled", s -> s, "Atxfer", "CancelAtxfer");
    long bobId = agentId(bob);
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(
          browser); // first: bob's unpause must not stand in for alice's, which the script waits
      // for
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status())
          .isEqualTo(200);
      assertThat(api.post("/api/calls/current/consult/cancel", "", bearer(alice)).code())
          .isEqualTo("no-consult");
      assertThat(
              api.post("/api/calls/current/consult", target("agentId", bobId), bearer(alice))
                  .status())
          .isEqualTo(200);
      assertThat(
              browser.nextOfType("call.consult", SOON).getJsonObject("consult").getString("state"))
          .isEqualTo("ringing");
      assertThat(
              browser.nextOfType("call.consult", SOON).getJsonObject("consult").getString("state"))
          .isEqualTo("talking");
      await(() -> "TALKING".equals(callState(bob)), "bob talking with alice");

      Api.Response cancelled = api.post("/api/calls/current/consult/cancel", "", bearer(alice));
      assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
      assertThat(peer.received("CancelAtxfer").get(0).get("Channel"))
          .isEqualTo("PJSIP/acme-1001-00000001");
      JsonObject over = browser.nextOfType("call.consult", SOON);
      assertThat(over).isNotNull();
      assertThat(over.getValue("consult")).isNull();
      await(() -> callState(bob) == null, "bob's consult leg ended");
      assertThat(status(bob)).as("bob was only consulted").isIn("READY", "WRAPUP");
      await(() -> "WRAPUP".equals(status(alice)), "alice ends her own call and wraps up");
    }
    await(
        () -> "1001".equals(callOwner("1795315535.0")) && callEnded("1795315535.0"),
        "the call stayed alice's");
  }

  @Test
  @DisplayName(
      "11b without our CancelAtxfer: bob hangs up during the consultation; alice is back with the customer")
  void consultTargetHangsUp() throws Exception {
    // the trace's frames as they are; we send no CancelAtxfer, so for the server bob simply hung up
    // his phone
    startWith("11b-attended-transfer-cancelled", s -> s, "Atxfer");
    consultEndsWithoutAlice("1795315535.0");
  }

  @Test
  @DisplayName(
      "11b composed: bob refuses the consultation (busy); alice is back with the customer, bob stays free")
  void consultTargetRefuses() throws Exception {
    // composed from 11b's real frames: bob's phone answers 486 instead of 200, so the dial legs to
    // him end BUSY
    // (DialEnd DialStatus BUSY instead of ANSWER) and his leg's Hangup carries cause 17 (User busy)
    startWith(
        "11b-attended-transfer-cancelled",
        s ->
            s.mapEvents(
                    f ->
                        "DialEnd".equals(f.event())
                            && f.get("DestChannel") != null
                            && !f.get("DestChannel").startsWith("PJSIP/acme-1001"),
                    f -> replace(f, "DialStatus", "BUSY"))
                .mapEvents(
                    f ->
                        "Hangup".equals(f.event())
                            && "PJSIP/acme-1002-00000002".equals(f.get("Channel")),
                    f -> replace(replace(f, "Cause", "17"), "Cause-txt", "User busy")),
        "Atxfer");
    consultEndsWithoutAlice("1795315535.0");
  }

  @Test
  @DisplayName(
      "11b composed: alice cancels while bob's phone still rings; bob's leg ends, alice is back")
  void cancelWhileRinging() throws Exception {
    // composed from 11b's real frames: our CancelAtxfer comes before bob's phone answers, so his
    // dial legs end
    // CANCEL (as a caller's cancel ends them, see AgentRingNoAnswer's DialEnd in 06) instead of
    // ANSWER
    startWith(
        "11b-attended-transfer-cancelled",
        ConsultationOverAmiTest::cancelBeforeBobAnswers,
        "Atxfer",
        "CancelAtxfer");
    long bobId = agentId(bob);
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status())
          .isEqualTo(200);
      assertThat(
              api.post("/api/calls/current/consult", target("agentId", bobId), bearer(alice))
                  .status())
          .isEqualTo(200);
      assertThat(
              browser.nextOfType("call.consult", SOON).getJsonObject("consult").getString("state"))
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

  static AmiScript cancelBeforeBobAnswers(AmiScript script) {
    List<Step> out = new ArrayList<>();
    Expect cancel =
        script.expects().stream()
            .filter(e -> "CancelAtxfer".equalsIgnoreCase(e.action()))
            .findFirst()
            .orElseThrow();
    boolean placed = false;
    for (Step step : script.steps()) {
      if (step == cancel) {
        continue;
      }
      if (!placed
          && step instanceof AmiScript.Send send
          && "DialEnd".equals(send.frame().event())
          && String.valueOf(send.frame().get("DestChannel")).startsWith("PJSIP/acme-1002")) {
        out.add(cancel);
        placed = true;
      }
      if (step instanceof AmiScript.Send send
          && "DialEnd".equals(send.frame().event())
          && !String.valueOf(send.frame().get("DestChannel")).startsWith("PJSIP/acme-1001")) {
        out.add(new AmiScript.Send(replace(send.frame(), "DialStatus", "CANCEL")));
      } else {
        out.add(step);
      }
    }
    return new AmiScript(out);
  }

  @Test
  @DisplayName(
      "11b: consulting a number shows the number ringing once the PBX holds the customer for it")
  void consultNumber() throws Exception {
    // bob's extension dialled as a number: the PBX's Hold of alice's leg shows the number's
    // consultation; the leg
    // then turns out to be bob's phone, so the consultation names him
    startWith("11b-attended-transfer-cancelled", s -> s, "Atxfer", "CancelAtxfer");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(
              api.post("/api/calls/current/consult", target("number", "1002"), bearer(alice))
                  .status())
          .isEqualTo(200);
      assertThat(peer.received("Atxfer").get(0).get("Exten")).isEqualTo("1002");
      JsonObject number = browser.nextOfType("call.consult", SOON).getJsonObject("consult");
      assertThat(number.getString("state")).isEqualTo("ringing");
      assertThat(number.getJsonObject("target").getString("number")).isEqualTo("1002");
      assertThat(number.getJsonObject("target").getValue("agentId")).isNull();
      JsonObject agent = browser.nextOfType("call.consult", SOON).getJsonObject("consult");
      assertThat(agent.getJsonObject("target").getString("displayName")).isEqualTo("Bob Agent");
      assertThat(api.post("/api/calls/current/consult/cancel", "", bearer(alice)).status())
          .isEqualTo(200);
      JsonObject over;
      do {
        over = browser.nextOfType("call.consult", SOON);
        assertThat(over).as("the consultation ends").isNotNull();
      } while (over.getValue("consult") != null);
    }
  }

  /**
   * Alice consults bob; the trace ends bob's leg by itself: the consultation ends, both agents'
   * states are right.
   */
  private void consultEndsWithoutAlice(String callId) throws Exception {
    long bobId = agentId(bob);
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status())
          .isEqualTo(200);
      assertThat(
              api.post("/api/calls/current/consult", target("agentId", bobId), bearer(alice))
                  .status())
          .isEqualTo(200);
      assertThat(browser.nextOfType("call.consult", SOON).getJsonObject("consult")).isNotNull();
      JsonObject over;
      do {
        over = browser.nextOfType("call.consult", SOON);
        assertThat(over).as("the consultation ends").isNotNull();
      } while (over.getValue("consult") != null);
      await(() -> callState(bob) == null, "bob's leg ended");
      assertThat(status(bob)).isIn("READY", "WRAPUP");
      await(
          () -> "WRAPUP".equals(status(alice)),
          "alice ends her call with the customer and wraps up");
    }
    await(() -> "1001".equals(callOwner(callId)) && callEnded(callId), "the call stayed alice's");
    assertThat(
            server
                .database()
                .dsl()
                .fetch(
                    "select p.role, p.end_reason from call_party p join call_record r"
                        + " on r.id = p.call_record_id join tenant t on t.id = r.tenant_id where t.domain = 'acme'"
                        + " and r.call_id = ? and p.role = 'consult' order by p.id desc limit 1",
                    callId)
                .map(r -> r.get(0) + ":" + r.get(1)))
        .containsExactly("consult:consult_ended");
  }
}
