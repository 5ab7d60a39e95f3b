package io.tandemcc.web;

import static io.tandemcc.db.generated.Tables.API_KEY;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.TENANT_OUTBOUND_RULES;
import static io.tandemcc.web.LoginApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.auth.ApiKeys;
import io.tandemcc.support.Api;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * POST /api/dial without a phone system: the API key picks the tenant, and only that tenant's
 * agents are found.
 */
@DisplayName("Click-to-dial API: keys, tenants and input")
class DialApiTest {
  private Server server;
  private Api api;
  private TestTenant tenant;
  private TestTenant other;
  private String key;
  private String otherKey;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "dial");
    other = TestTenants.create(server.database(), "dialother");
    key = "key-" + tenant.domain();
    otherKey = "key-" + other.domain();
    ApiKeys keys = new ApiKeys(server.database());
    var dsl = server.database().dsl();
    dsl.insertInto(API_KEY)
        .set(API_KEY.TENANT_ID, tenant.id())
        .set(API_KEY.NAME, "CRM")
        .set(API_KEY.KEY_HASH, keys.hash(key))
        .execute();
    dsl.insertInto(API_KEY)
        .set(API_KEY.TENANT_ID, other.id())
        .set(API_KEY.NAME, "CRM")
        .set(API_KEY.KEY_HASH, keys.hash(otherKey))
        .set(API_KEY.REVOKED_AT, OffsetDateTime.now())
        .execute();
    dsl.update(APP_USER)
        .set(APP_USER.USERNAME, "zed")
        .where(APP_USER.TENANT_ID.eq(other.id()).and(APP_USER.USERNAME.eq("carol")))
        .execute();
  }

  private Api.Response dial(String body, String apiKey) {
    return apiKey == null
        ? api.post("/api/dial", body)
        : api.post("/api/dial", body, "X-Api-Key", apiKey);
  }

  @Test
  @DisplayName("a key reaches its own tenant's agents only; a missing, wrong or revoked key is 401")
  void tenants() {
    assertProblem(dial("{\"agent\":\"zed\",\"number\":\"123\"}", key), 404, "unknown-agent");
    assertProblem(dial("{\"agent\":\"alice\",\"number\":\"123\"}", null), 401, "invalid-api-key");
    assertProblem(dial("{\"agent\":\"alice\",\"number\":\"123\"}", "nope"), 401, "invalid-api-key");
    assertProblem(dial("{\"agent\":\"zed\",\"number\":\"123\"}", otherKey), 401, "invalid-api-key");
    // found (by username or agent number): without a phone system it cannot be dialled
    assertProblem(dial("{\"agent\":\"alice\",\"number\":\"123\"}", key), 503, "pbx-unavailable");
    assertProblem(dial("{\"agent\":\"1002\",\"number\":\"123\"}", key), 503, "pbx-unavailable");
  }

  @Test
  @DisplayName("bad input is a clear 400")
  void input() {
    assertProblem(dial("{\"number\":\"123\"}", key), 400, "invalid-request");
    assertProblem(dial("{\"agent\":\"alice\"}", key), 400, "invalid-request");
    assertProblem(
        dial("{\"agent\":\"alice\",\"number\":\"123\",\"attachedData\":[1]}", key),
        400,
        "invalid-request");
    assertProblem(
        dial("{\"agent\":\"alice\",\"number\":\"123\",\"attachedData\":{\"CustomerId\":5}}", key),
        400,
        "invalid-request");
    assertProblem(
        dial("{\"agent\":\"alice\",\"number\":\"" + "1".repeat(33) + "\"}", key),
        400,
        "invalid-request");
    assertThat(dial("not json", key).status()).isEqualTo(400);
  }

  @Test
  @DisplayName(
      "a premium, international or blocked number is refused by the tenant's outbound rules (403 outbound-refused)")
  void outboundRules() {
    // a tenant without rules of its own has the defaults: no premium, no international
    server
        .database()
        .dsl()
        .deleteFrom(TENANT_OUTBOUND_RULES)
        .where(TENANT_OUTBOUND_RULES.TENANT_ID.eq(tenant.id()))
        .execute();
    for (String premium :
        new String[] {"00900123456", "900900123456", "+900123456", "+19005550100"}) {
      Api.Response r = dial("{\"agent\":\"alice\",\"number\":\"" + premium + "\"}", key);
      assertProblem(r, 403, "outbound-refused");
      assertThat(r.json().getString("detail")).contains("Premium");
    }
    assertProblem(
        dial("{\"agent\":\"alice\",\"number\":\"+441234567\"}", key), 403, "outbound-refused");
    // each refusal is audited: actor and target alice (the CRM dials for her), rule and masked
    // number only
    var audits =
        server
            .database()
            .dsl()
            .fetch(
                "select * from audit_log where tenant_id = ? and action = "
                    + "'outbound-refused' order by id",
                tenant.id());
    assertThat(audits)
        .extracting(a -> a.get("detail", String.class))
        .containsExactly(
            "click-to-dial: premium +90012xxxx",
            "click-to-dial: premium +90012xxxx",
            "click-to-dial: premium +90012xxxx",
            "click-to-dial: premium +19005xxxxxx",
            "click-to-dial: international +44123xxxx");
    assertThat(audits)
        .allSatisfy(
            a -> {
              assertThat(a.get("actor_user_id", Long.class)).isEqualTo(tenant.aliceUser());
              assertThat(a.get("target_agent_id", Long.class)).isEqualTo(tenant.aliceAgent());
              assertThat(a.get("outcome", String.class)).isEqualTo("refused:outbound-refused");
            });
    server
        .database()
        .dsl()
        .insertInto(TENANT_OUTBOUND_RULES)
        .set(TENANT_OUTBOUND_RULES.TENANT_ID, tenant.id())
        .set(TENANT_OUTBOUND_RULES.COUNTRY_CODE, "49")
        .set(TENANT_OUTBOUND_RULES.BLOCKED_PREFIXES, "030666")
        .set(TENANT_OUTBOUND_RULES.ALLOWED_PREFIXES, "030")
        .execute();
    Api.Response blocked = dial("{\"agent\":\"alice\",\"number\":\"9030666123\"}", key);
    assertProblem(blocked, 403, "outbound-refused");
    assertThat(blocked.json().getString("detail")).contains("030666");
    // an allowed number gets as far as the phone system (absent here)
    assertProblem(
        dial("{\"agent\":\"alice\",\"number\":\"+4930123\"}", key), 503, "pbx-unavailable");
  }

  @Test
  @DisplayName(
      "an inbound-only agent (working way) makes no outside call: refused and audited, an extension still rings")
  void inboundOnlyAgentDialsNoOutsideNumber() {
    server
        .database()
        .dsl()
        .execute(
            "update agent set working_way = 'inbound' where tenant_id = ? and id = ?",
            tenant.id(),
            tenant.aliceAgent());
    try {
      Api.Response r = dial("{\"agent\":\"alice\",\"number\":\"+14155550199\"}", key);
      assertProblem(r, 403, "outbound-refused");
      assertThat(r.json().getString("detail")).contains("inbound calls only");
      assertThat(
              server
                  .database()
                  .dsl()
                  .fetch(
                      "select detail from audit_log where tenant_id = ? and action = "
                          + "'outbound-refused' and target_agent_id = ? order by id desc limit 1",
                      tenant.id(),
                      tenant.aliceAgent())
                  .get(0)
                  .get("detail", String.class))
          .isEqualTo("click-to-dial: inbound only +14155xxxxxx");
      // a colleague's extension never reaches the trunk: it is no outside call (the PBX is absent
      // here)
      assertProblem(dial("{\"agent\":\"alice\",\"number\":\"1002\"}", key), 503, "pbx-unavailable");
    } finally {
      server
          .database()
          .dsl()
          .execute(
              "update agent set working_way = 'both' where tenant_id = ? and id = ?",
              tenant.id(),
              tenant.aliceAgent());
    }
  }
}
