package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.support.Api;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestTenants;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Blind transfers, bad targets, tenant isolation and PBX failures of call control (traces 10, 10b,
 * 14).
 */
@DisplayName(
    "Call control over AMI: blind transfers to an agent, a number or a queue, driven by REST over real traces")
class CallTransferOverAmiTest extends CallControlOverAmi {

  @Test
  @DisplayName(
      "10: transfer to a Not Ready bob is refused naming him; once Ready, BlindTransfer releases alice to "
          + "wrap-up and bob takes the call")
  void blindTransferToAgent() throws Exception {
    startWith("10-blind-transfer", s -> s, "BlindTransfer");
    long bobId = agentId(bob);
    assertThat(
            api.post("/api/calls/current/transfer", target("agentId", bobId), bearer(alice)).code())
        .as("no call yet")
        .isEqualTo("not-on-call");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);

      Api.Response refused =
          api.post("/api/calls/current/transfer", target("agentId", bobId), bearer(alice));
      assertThat(refused.status()).isEqualTo(409);
      assertThat(refused.code()).isEqualTo("target-not-ready");
      assertThat(refused.json().getString("detail")).isEqualTo("Bob Agent is Not Ready (Login).");
      assertThat(peer.received("BlindTransfer")).isEmpty();

      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status())
          .isEqualTo(200);
      Api.Response done =
          api.post("/api/calls/current/transfer", target("agentId", bobId), bearer(alice));
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(done.json().getString("callId")).isEqualTo("1795315478.0");

      AmiFrame sent = peer.received("BlindTransfer").get(0);
      assertThat(sent.get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
      assertThat(sent.get("Exten")).isEqualTo("1002");
      assertThat(sent.get("Context")).isEqualTo("acme-agents");
      await(
          () -> "WRAPUP".equals(status(alice)) && callState(alice) == null,
          "alice released to wrap-up");
    }
    await(() -> "1002".equals(callOwner("1795315478.0")), "bob owns the call");
    await(() -> !"TALKING".equals(callState(bob)) && callEnded("1795315478.0"), "bob's leg ended");
    assertThat(status(bob)).isIn("WRAPUP", "READY");
  }

  @Test
  @DisplayName(
      "10: blind transfer to a number sends BlindTransfer to that number; bad targets are refused")
  void blindTransferToNumberAndBadTargets() throws Exception {
    startWith("10-blind-transfer", s -> s, "BlindTransfer");
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      var other = TestTenants.create(server.database(), "xfer");
      assertThat(
              api.post(
                      "/api/calls/current/transfer",
                      target("agentId", other.bobAgent()),
                      bearer(alice))
                  .code())
          .as("another tenant's agent")
          .isEqualTo("unknown-target");
      assertThat(
              api.post(
                      "/api/calls/current/transfer",
                      "{\"target\":{\"queue\":\"" + other.domain() + "-support\"}}",
                      bearer(alice))
                  .code())
          .as("another tenant's queue")
          .isEqualTo("unknown-target");
      assertThat(
              api.post(
                      "/api/calls/current/transfer",
                      "{\"target\":{\"number\":\"12ab\"}}",
                      bearer(alice))
                  .code())
          .isEqualTo("invalid-request");
      assertThat(api.post("/api/calls/current/transfer", "{\"target\":{}}", bearer(alice)).code())
          .isEqualTo("invalid-request");
      assertThat(api.post("/api/calls/current/consult/complete", "", bearer(alice)).code())
          .isEqualTo("no-consult");
      assertThat(
              api.post("/api/calls/current/transfer", target("number", "1002"), bearer(bob)).code())
          .as("bob is on no call")
          .isEqualTo("not-on-call");

      JsonObject current = api.get("/api/calls/current", bearer(alice)).json();
      assertThat(current.getString("callId")).isEqualTo("1795315478.0");
      assertThat(current.getString("role")).isEqualTo("primary");
      assertThat(current.getBoolean("recording")).isFalse();
      assertThat(current.getValue("consult")).isNull();
      assertThat(api.get("/api/calls/current", bearer(bob)).code()).isEqualTo("not-on-call");

      // another tenant's agent with the same name and extension reaches nothing of acme's call, nor
      // its queues
      server
          .database()
          .dsl()
          .execute(
              "insert into agent_group (tenant_id, name, queue_name) values (?, 'Billing', ?)",
              other.id(),
              other.domain() + "-billing");
      String otherAlice = api.tokenOf("alice", other.domain());
      assertThat(api.get("/api/calls/current", bearer(otherAlice)).code()).isEqualTo("not-on-call");
      assertThat(
              api.post("/api/calls/current/transfer", target("number", "1002"), bearer(otherAlice))
                  .code())
          .isEqualTo("not-on-call");
      assertThat(api.post("/api/calls/current/recording", "", bearer(otherAlice)).code())
          .isEqualTo("not-on-call");
      assertThat(
              api.get("/api/queues", bearer(otherAlice)).json().getJsonArray("queues").stream()
                  .map(q -> ((JsonObject) q).getString("label")))
          .containsExactly("Billing", "Sales", "Support");
      assertThat(
              api.get("/api/queues", bearer(alice)).json().getJsonArray("queues").stream()
                  .map(q -> ((JsonObject) q).getString("label")))
          .containsExactly("Sales", "Support");
      assertThat(
              api.post(
                      "/api/calls/current/transfer",
                      "{\"target\":{\"queue\":\"billing\"}}",
                      bearer(alice))
                  .code())
          .as("another tenant's queue by its short name")
          .isEqualTo("unknown-target");
      api.post("/api/session/logout", "", bearer(otherAlice));
      // supervisors control no calls
      String sam = login("sam");
      assertThat(
              api.post("/api/calls/current/transfer", target("number", "1002"), bearer(sam))
                  .status())
          .isEqualTo(403);
      assertThat(api.get("/api/calls/current", bearer(sam)).status()).isEqualTo(403);
      api.post("/api/session/logout", "", bearer(sam));

      Api.Response done =
          api.post("/api/calls/current/transfer", target("number", "1002"), bearer(alice));
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(peer.received("BlindTransfer").get(0).get("Exten")).isEqualTo("1002");
      await(() -> "WRAPUP".equals(status(alice)), "alice released to wrap-up");
    }
  }

  @Test
  @DisplayName(
      "10b: transfer to a queue redirects the customer into it with its attached data; bob gets it, alice "
          + "wraps up")
  void transferToQueue() throws Exception {
    startWith("10b-redirect-to-queue", s -> s, "Redirect");
    try (PushClient browser = PushClient.authenticated(server.port(), alice);
        PushClient bobsBrowser = PushClient.authenticated(server.port(), bob)) {
      aliceTalks(browser);
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status())
          .isEqualTo(200);
      JsonObject queues = api.get("/api/queues", bearer(alice)).json();
      assertThat(
              queues.getJsonArray("queues").stream().map(q -> ((JsonObject) q).getString("name")))
          .containsExactly("sales", "support");
      assertThat(
              api.post(
                      "/api/calls/current/transfer",
                      "{\"target\":{\"queue\":\"nowhere\"}}",
                      bearer(alice))
                  .code())
          .isEqualTo("unknown-target");

      Api.Response done =
          api.post(
              "/api/calls/current/transfer", "{\"target\":{\"queue\":\"Support\"}}", bearer(alice));
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      AmiFrame sent = peer.received("Redirect").get(0);
      assertThat(sent.get("Channel")).as("the customer's leg").isEqualTo("PJSIP/pstn-00000000");
      assertThat(sent.get("Context")).isEqualTo("acme-queue-entry");
      assertThat(sent.get("Exten"))
          .as("the generated acme-queue-entry has one extension per PBX queue name")
          .isEqualTo("acme-support");

      JsonObject offer = bobsBrowser.nextOfType("call.offer", SOON);
      assertThat(offer).as("bob is offered the customer").isNotNull();
      assertThat(
              offer.getJsonObject("call").getJsonArray("attachedData").stream()
                  .map(i -> ((JsonObject) i).getString("value")))
          .as("the attached data came along")
          .contains("CRM-4711");
      await(
          () -> "WRAPUP".equals(status(alice)) && callState(alice) == null,
          "alice released to wrap-up");
    }
    await(
        () -> "1002".equals(callOwner("1795315496.0")) && callEnded("1795315496.0"),
        "bob took the call");
  }

  @Test
  @DisplayName(
      "14: with the PBX refusing an action the agent gets 502 with its words; with the link down, 503")
  void pbxRefusedAndUnavailable() throws Exception {
    // 14's script holds no BlindTransfer: the peer answers it as Asterisk answers an action it does
    // not know; then
    // the trace is cut after alice answered and Asterisk goes away (EOF, nothing accepts the
    // reconnection)
    startWith(
        "14-mixmonitor",
        s ->
            s.cutAfter(
                AmiScript.event("AgentConnect"),
                new AmiScript.Gate(linkGoesDown),
                new AmiScript.Close(),
                new AmiScript.End()));
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);
      Api.Response refused =
          api.post("/api/calls/current/transfer", target("number", "1002"), bearer(alice));
      assertThat(refused.status()).isEqualTo(502);
      assertThat(refused.code()).isEqualTo("pbx-refused");
      assertThat(refused.json().getString("detail"))
          .startsWith("The phone system refused: Invalid/unknown command");

      linkGoesDown.complete(null);
      await(() -> api.get("/api/health").status() == 503, "the PBX link is down");
      Api.Response unavailable = api.post("/api/calls/current/recording", "", bearer(alice));
      assertThat(unavailable.status()).isEqualTo(503);
      assertThat(unavailable.code()).isEqualTo("pbx-unavailable");
    }
  }

  private final java.util.concurrent.CompletableFuture<Void> linkGoesDown =
      new java.util.concurrent.CompletableFuture<>();
}
