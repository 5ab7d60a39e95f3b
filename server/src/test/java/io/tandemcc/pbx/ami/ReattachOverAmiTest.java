package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.call.SipSocketClosed;
import io.tandemcc.support.Api;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestTenants;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Reload survival over AMI (docs/webphone.md), on the composed trace 18 (the real 10b up to its
 * Redirect, then the hold-and-reattach sequence built from the field shapes of 10b and 15; see
 * testdata/ami-traces/README.md): alice's SIP socket closes mid-call, the customer is moved into
 * the holding context, her old leg's hang-up ends nothing, her reloaded page takes the call back on
 * a new leg bridged to the customer, with the same call id and data.
 */
@DisplayName(
    "Reload survival over AMI: the customer is held for the agent's reloaded page, which takes the call back")
class ReattachOverAmiTest extends CallControlOverAmi {
  private static final String CALL = "1795315496.0";
  private static final String NEW_LEG = "PJSIP/acme-1001-00000003";
  private final CompletableFuture<Void> never = new CompletableFuture<>();

  private long tenantId() {
    return ((Number)
            server.database().dsl().fetchValue("select id from tenant where domain = 'acme'"))
        .longValue();
  }

  private long userId(String username) {
    return ((Number)
            server
                .database()
                .dsl()
                .fetchValue(
                    "select u.id from app_user u join tenant t on t.id ="
                        + " u.tenant_id where t.domain = 'acme' and u.username = ?",
                    username))
        .longValue();
  }

  /** What the proxy publishes when alice's page goes away (its own test: SipReattachTest). */
  private void alicesPageGoesAway() {
    server
        .vertx()
        .eventBus()
        .publish(
            SipSocketClosed.ADDRESS,
            new SipSocketClosed(
                tenantId(), userId("alice"), "1001", "closed by the browser (1001)"));
  }

  private void setTenant(int graceSeconds, String after) {
    io.tandemcc.support.TestServer.get()
        .database()
        .dsl()
        .execute(
            "update tenant set reattach_grace_seconds = ?, reattach_after = ? where domain"
                + " = 'acme'",
            graceSeconds,
            after);
  }

  private String partyEndReason(String channelId) {
    Object r =
        server
            .database()
            .dsl()
            .fetchValue(
                "select p.end_reason from call_party p join call_record r on r.id ="
                    + " p.call_record_id where r.call_id = ? and p.channel_id = ?",
                CALL,
                channelId);
    return r == null ? null : r.toString();
  }

  @Test
  @DisplayName(
      "18: socket closed → Setvar grace + Redirect of the customer into acme-reattach; alice HELD (pushed); "
          + "only alice may take it back; Originate with X-Tandem-Reattach and auto-answer, Setvar, Bridge; TALKING again "
          + "on the same call with its data; the end of the new leg ends the call")
  void heldAndTakenBack() throws Exception {
    setTenant(60, "requeue");
    CompletableFuture<Void> aliceHangsUp = new CompletableFuture<>();
    startWith(
        "18-reattach-composed",
        s ->
            s.insertBefore(
                step ->
                    step instanceof AmiScript.Send send
                        && "Hangup".equals(send.frame().event())
                        && NEW_LEG.equals(send.frame().get("Channel")),
                new AmiScript.Gate(aliceHangsUp)),
        "Setvar",
        "Redirect",
        "Originate",
        "Bridge");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      long closedAt = System.nanoTime();
      alicesPageGoesAway();

      await(() -> peer.received("Redirect").size() == 1, "the customer redirected");
      AmiFrame grace = peer.received("Setvar").get(0);
      assertThat(grace.get("Channel")).as("the customer's leg").isEqualTo("PJSIP/pstn-00000000");
      assertThat(grace.get("Variable")).isEqualTo("TANDEM_REATTACH_GRACE");
      assertThat(grace.get("Value")).isEqualTo("60");
      AmiFrame redirect = peer.received("Redirect").get(0);
      assertThat(redirect.get("Channel")).isEqualTo("PJSIP/pstn-00000000");
      assertThat(redirect.get("Context")).isEqualTo("acme-reattach");
      assertThat(redirect.get("Exten"))
          .as("back to this queue after the grace")
          .isEqualTo("acme-support");
      assertThat(redirect.get("Priority")).isEqualTo("1");
      assertThat(redirect.get("ExtraChannel")).as("the old leg is left to the bridge").isNull();

      JsonObject held =
          browser.nextMatching(
              "agent.state",
              m ->
                  m.getJsonObject("state").getJsonObject("call") != null
                      && "HELD"
                          .equals(
                              m.getJsonObject("state").getJsonObject("call").getString("state")),
              SOON);
      assertThat(held)
          .as("the agent's other tabs (and the reloaded page) are told the call is held")
          .isNotNull();
      // the old leg's hang-up (10b's real reaction to a Redirect) ends nothing
      await(
          () -> "page_closed".equals(partyEndReason("1795315496.1")),
          "the old leg left, as a closed page");
      assertThat(callState(alice)).isEqualTo("HELD");
      assertThat(status(alice)).isNotEqualTo("WRAPUP");
      assertThat(callEnded(CALL)).isFalse();
      assertThat(api.get("/api/calls/current", bearer(alice)).json().getBoolean("held")).isTrue();

      // only alice's own sessions may take it back; another tenant's agent sees nothing
      assertThat(api.post("/api/calls/" + CALL + "/reattach", "", bearer(bob)).code())
          .isEqualTo("no-reattach");
      var other = TestTenants.create(server.database(), "reatt");
      String otherAlice = api.tokenOf("alice", other.domain());
      assertThat(api.post("/api/calls/" + CALL + "/reattach", "", bearer(otherAlice)).status())
          .isEqualTo(404);
      api.post("/api/session/logout", "", bearer(otherAlice));
      assertThat(api.post("/api/calls/unknown.1/reattach", "", bearer(alice)).status())
          .isEqualTo(404);
      assertThat(peer.received("Originate")).isEmpty();

      PushClient reloaded =
          PushClient.authenticated(server.port(), alice); // the reloaded page's push socket
      long asked = System.nanoTime();
      Api.Response back = api.post("/api/calls/" + CALL + "/reattach", "", bearer(alice));
      long tookMillis = (System.nanoTime() - asked) / 1_000_000;
      assertThat(back.status()).as(back.body()).isEqualTo(200);
      assertThat(back.json().getString("callId")).isEqualTo(CALL);
      System.out.printf(
          "reattach: POST → 200 in %d ms (PBX part %d ms); socket closed → call back %d ms%n",
          tookMillis, back.json().getLong("millis"), (System.nanoTime() - closedAt) / 1_000_000);

      AmiFrame originate = peer.received("Originate").get(0);
      assertThat(originate.get("Channel")).isEqualTo("PJSIP/acme-1001");
      assertThat(originate.get("Context")).isEqualTo("acme-reattach");
      assertThat(originate.get("Exten")).isEqualTo("agent");
      assertThat(originate.get("Async")).isEqualTo("true");
      List<String> vars =
          originate.lines().stream()
              .filter(l -> l.regionMatches(true, 0, "Variable:", 0, 9))
              .map(l -> l.substring(9).trim())
              .toList();
      assertThat(vars)
          .contains(
              "PJSIP_HEADER(add,X-Tandem-Reattach)=" + CALL,
              "PJSIP_HEADER(add,Call-Info)=<sip:127.0.0.1>;answer-after=0",
              "__CC_CALLID=" + CALL,
              "__CC_TENANT=acme");
      AmiFrame reattached = peer.received("Setvar").get(1);
      assertThat(reattached.get("Channel")).isEqualTo("PJSIP/pstn-00000000");
      assertThat(reattached.get("Variable")).isEqualTo("TANDEM_REATTACHED");
      assertThat(reattached.get("Value")).isEqualTo("1");
      AmiFrame bridge = peer.received("Bridge").get(0);
      assertThat(bridge.get("Channel1")).isEqualTo("PJSIP/pstn-00000000");
      assertThat(bridge.get("Channel2")).isIn("PJSIP/acme-1001-00000003", "1795315496.3");
      assertThat(bridge.get("Tone")).isEqualTo("false");

      await(() -> "TALKING".equals(callState(alice)), "alice talks to the customer again");
      JsonObject current = api.get("/api/calls/current", bearer(alice)).json();
      assertThat(current.getString("callId")).as("the same call").isEqualTo(CALL);
      assertThat(current.getBoolean("held")).isFalse();
      JsonObject offer = reloaded.nextOfType("call.offer", SOON);
      reloaded.close();
      assertThat(offer).as("the reloaded page gets the call with its data again").isNotNull();
      assertThat(offer.getJsonObject("call").getString("callId")).isEqualTo(CALL);
      assertThat(
              offer.getJsonObject("call").getJsonArray("attachedData").stream()
                  .map(i -> ((JsonObject) i).getString("value")))
          .as("its attached data")
          .contains("CRM-4711");
      await(
          () ->
              count(
                      "select count(*) from call_party p join call_record r on r.id = p.call_record_id where"
                          + " r.call_id = '"
                          + CALL
                          + "' and p.channel_id = '1795315496.3' and p.role = 'primary' and p.left_at is null")
                  == 1,
          "the new leg is the agent's leg now (written behind)");
      assertThat(
              count(
                  "select count(*) from call_record r join tenant t on t.id = r.tenant_id where t.domain = 'acme'"
                      + " and r.call_id = '"
                      + CALL
                      + "'"))
          .as("one call record")
          .isEqualTo(1);
      assertThat(callOwner(CALL)).isEqualTo("1001");
      assertThat(api.post("/api/calls/" + CALL + "/reattach", "", bearer(alice)).code())
          .as("taken back once")
          .isEqualTo("no-reattach");

      // the new leg ends (composed Hangup), then app_queue's AgentComplete for the first session
      aliceHangsUp.complete(null);
      await(
          () -> "WRAPUP".equals(status(alice)) && callState(alice) == null,
          "alice's call ended: wrap-up");
      await(() -> callEnded(CALL), "the call record ended");
      assertThat(partyEndReason("1795315496.3")).isEqualTo("hangup");
      assertThat(
              count(
                  "select count(*) from call_party p join call_record r on r.id = p.call_record_id"
                      + " where r.call_id = '"
                      + CALL
                      + "' and p.answered_at is not null"))
          .as("both legs answered")
          .isEqualTo(2);
    }
    peer.scriptDone().get(10, java.util.concurrent.TimeUnit.SECONDS);
  }

  @Test
  @DisplayName(
      "18, grace over (requeue): alice is released to wrap-up, the call record stays open for the next "
          + "agent, and a late request is refused with 410/404")
  void graceOverRequeues() throws Exception {
    setTenant(10, "requeue");
    startWith(
        "18-reattach-composed",
        s ->
            s.cutAfter(
                AmiScript.event("BridgeDestroy"), new AmiScript.Gate(never), new AmiScript.End()),
        "Setvar",
        "Redirect");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      long closedAt = System.nanoTime();
      alicesPageGoesAway();
      await(() -> peer.received("Redirect").size() == 1, "the customer redirected");
      assertThat(peer.received("Setvar").get(0).get("Value")).isEqualTo("10");
      assertThat(peer.received("Redirect").get(0).get("Exten")).isEqualTo("acme-support");
      await(() -> "HELD".equals(callState(alice)), "held for her page");
      await(
          () -> "WRAPUP".equals(status(alice)) && callState(alice) == null,
          "released after the grace",
          Duration.ofSeconds(15));
      long seconds = (System.nanoTime() - closedAt) / 1_000_000_000L;
      assertThat(seconds)
          .as("the server gives up a little before the dialplan's 10 s")
          .isBetween(7L, 11L);
      assertThat(callEnded(CALL)).as("the call goes on in the queue").isFalse();
      assertThat(api.post("/api/calls/" + CALL + "/reattach", "", bearer(alice)).status())
          .isEqualTo(404);
      assertThat(peer.received("Originate")).isEmpty();
      assertThat(peer.received("Hangup"))
          .as("the dialplan requeues; the server hangs nothing up")
          .isEmpty();
    } finally {
      never.complete(null);
    }
  }

  @Test
  @DisplayName(
      "18, grace over (hangup): the Redirect goes to the hangup extension and the call record ends")
  void graceOverEnds() throws Exception {
    setTenant(10, "hangup");
    startWith(
        "18-reattach-composed",
        s ->
            s.cutAfter(
                AmiScript.event("BridgeDestroy"), new AmiScript.Gate(never), new AmiScript.End()),
        "Setvar",
        "Redirect");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      alicesPageGoesAway();
      await(() -> peer.received("Redirect").size() == 1, "the customer redirected");
      assertThat(peer.received("Redirect").get(0).get("Exten")).isEqualTo("hangup");
      await(() -> "HELD".equals(callState(alice)), "held for her page");
      await(
          () -> callEnded(CALL) && "WRAPUP".equals(status(alice)),
          "the call ended after the grace",
          Duration.ofSeconds(15));
    } finally {
      never.complete(null);
      setTenant(60, "requeue");
    }
  }
}
