package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.support.Api;
import io.tandemcc.support.PushClient;
import io.tandemcc.tenant.DemoData;
import java.util.List;
import org.jooq.Record;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Toll fraud through call control (issue 13 item 6): a transfer, a consultation or a conference
 * party to an outside number passes the tenant's outbound rules and caps like a dialled call, and a
 * refusal reaches neither the PBX nor the trunk; it is written to the audit log with the number
 * masked. Trace 10 (alice talks to a queue caller); the demo tenant acme has country code 1, no
 * premium, no international, 10 outside calls per tenant and 1 per agent.
 */
@DisplayName(
    "Call control over AMI: outbound rules and caps for transfers, consultations and conference parties")
class OutboundCallControlOverAmiTest extends CallControlOverAmi {
  private static final String PREMIUM =
      "900900123456"; // 9 + 00900...: +900..., an international premium number
  private static final String ABROAD =
      "90044201234567"; // 9 + 0044...: +44 20..., international for acme (+1)

  @Test
  @DisplayName(
      "a transfer, consultation or conference party to a premium or international number is 403 "
          + "outbound-refused; no BlindTransfer, Atxfer, Redirect or Originate reaches the PBX; each is audited, masked")
  void refusedBeforeThePbx() throws Exception {
    startWith("10-blind-transfer", s -> s, "BlindTransfer");
    long before = audits().size();
    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      aliceTalks(browser);

      refused(
          api.post("/api/calls/current/transfer", target("number", PREMIUM), bearer(alice)),
          "Premium");
      refused(
          api.post("/api/calls/current/transfer", target("number", ABROAD), bearer(alice)),
          "International");
      refused(
          api.post("/api/calls/current/consult", target("number", PREMIUM), bearer(alice)),
          "Premium");
      refused(
          api.post("/api/calls/current/consult", target("number", "+441234567"), bearer(alice)),
          "International");
      refused(
          api.post(
              "/api/calls/current/conference/parties", target("number", PREMIUM), bearer(alice)),
          "Premium");
      refused(
          api.post(
              "/api/calls/current/conference/parties",
              target("number", "0044201234567"),
              bearer(alice)),
          "International");
      assertThat(peer.received("BlindTransfer")).as("nothing refused reached the PBX").isEmpty();
      assertThat(peer.received("Atxfer")).isEmpty();
      assertThat(peer.received("Redirect")).isEmpty();
      assertThat(peer.received("Originate")).isEmpty();

      List<Record> rows = audits();
      assertThat(rows).hasSize((int) before + 6);
      long aliceUser =
          ((Number)
                  server
                      .database()
                      .dsl()
                      .fetchValue(
                          "select u.id from app_user u join tenant t on "
                              + "t.id = u.tenant_id where t.domain = ? and u.username = 'alice'",
                          DemoData.DOMAIN))
              .longValue();
      for (Record row : rows.subList(0, 6)) {
        assertThat(row.get("actor_user_id", Long.class)).isEqualTo(aliceUser);
        assertThat(row.get("target_agent_id", Long.class)).isEqualTo(agentId(alice));
        assertThat(row.get("outcome", String.class)).isEqualTo("refused:outbound-refused");
        String detail = row.get("detail", String.class);
        assertThat(detail)
            .as("masked: no full number in the audit log")
            .doesNotContain("900123456")
            .doesNotContain("1234567")
            .doesNotContain("201234567");
      }
      assertThat(rows.get(5).get("detail", String.class)).isEqualTo("transfer: premium +90012xxxx");
      assertThat(rows.get(0).get("detail", String.class))
          .isEqualTo("conference: international +44201xxxxxx");

      // a national number still goes: the rules do not stand in the way of what worked
      Api.Response done =
          api.post("/api/calls/current/transfer", target("number", "1002"), bearer(alice));
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(peer.received("BlindTransfer").get(0).get("Exten")).isEqualTo("1002");
      await(() -> "WRAPUP".equals(status(alice)), "alice released to wrap-up");
    }
  }

  @Test
  @DisplayName(
      "with the agent's cap used up (0 outside calls allowed) a transfer to a number is 403 outbound-cap")
  void capRefusesATransfer() throws Exception {
    startWith("10-blind-transfer", s -> s, "BlindTransfer");
    try {
      server
          .database()
          .dsl()
          .execute(
              "update tenant_outbound_rules set max_outbound_per_agent = 0 where tenant_id = "
                  + "(select id from tenant where domain = ?)",
              DemoData.DOMAIN);
      try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
        aliceTalks(browser);
        Api.Response capped =
            api.post("/api/calls/current/transfer", target("number", "90155501234"), bearer(alice));
        assertThat(capped.status()).as(capped.body()).isEqualTo(403);
        assertThat(capped.contentType()).startsWith("application/problem+json");
        assertThat(capped.code()).isEqualTo("outbound-cap");
        assertThat(peer.received("BlindTransfer")).isEmpty();
        assertThat(audits().get(0).get("detail", String.class))
            .isEqualTo("transfer: agent cap +11555xxxxx");
      }
    } finally {
      server
          .database()
          .dsl()
          .execute(
              "update tenant_outbound_rules set max_outbound_per_agent = 1 where tenant_id = "
                  + "(select id from tenant where domain = ?)",
              DemoData.DOMAIN);
    }
    Api.Response done =
        api.post("/api/calls/current/transfer", target("number", "90155501234"), bearer(alice));
    assertThat(done.status()).as(done.body()).isEqualTo(200);
    assertThat(peer.received("BlindTransfer").get(0).get("Exten")).isEqualTo("90155501234");
    await(() -> "WRAPUP".equals(status(alice)), "alice released to wrap-up");
  }

  private static void refused(Api.Response r, String rule) {
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.code()).isEqualTo("outbound-refused");
    assertThat(r.json().getString("detail")).contains(rule);
  }

  /** The demo tenant's outbound refusals in the audit log, newest first. */
  private List<Record> audits() {
    return server
        .database()
        .dsl()
        .fetch(
            "select a.* from audit_log a join tenant t on t.id = a.tenant_id where "
                + "t.domain = ? and a.action = 'outbound-refused' order by a.id desc",
            DemoData.DOMAIN);
  }
}
