package io.tandemcc.admin;

import static io.tandemcc.admin.AdminApiTests.assertProblem;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("GET /api/admin/audit: the tenant's audit log for its admins")
class AdminAuditApiTest {
  private static final String TRUNK_PASSWORD = "hunter2-trunk-secret";
  private Server server;
  private Api api;
  private TestTenant tenant;
  private String admin;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "adminaudit");
    admin = api.tokenOf("admin", tenant.domain());
  }

  private JsonArray items(String query) {
    Response r = api.get("/api/admin/audit" + query, bearer(admin));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().getJsonArray("items");
  }

  private static List<String> actions(JsonArray items) {
    return items.stream().map(i -> ((JsonObject) i).getString("action")).toList();
  }

  /** A reason created, the trunk given a password, then a supervisor's intervention on alice. */
  private void someHistory() {
    assertThat(
            api.post(
                    "/api/admin/reasons",
                    "{\"code\":\"coaching\",\"label\":\"Coaching\"}",
                    bearer(admin))
                .status())
        .isEqualTo(201);
    Response trunk =
        api.patch(
            "/api/admin/trunk",
            "{\"name\":\""
                + tenant.domain()
                + "-pstn\",\"host\":"
                + "\"sip.example.net\",\"username\":\"acct1\",\"password\":\""
                + TRUNK_PASSWORD
                + "\"}",
            bearer(admin));
    assertThat(trunk.status()).as(trunk.body()).isEqualTo(200);
    String sam = api.tokenOf("sam", tenant.domain());
    // alice never signed in: refused (409), and recorded as refused
    api.post(
        "/api/supervisor/agents/" + tenant.aliceAgent() + "/state",
        "{\"status\":\"READY\"}",
        bearer(sam));
  }

  @Test
  void agentsAndSupervisorsGet403AndNoTokenGets401() {
    assertProblem(
        api.get("/api/admin/audit", bearer(api.tokenOf("alice", tenant.domain()))),
        403,
        "forbidden");
    assertProblem(
        api.get("/api/admin/audit", bearer(api.tokenOf("sam", tenant.domain()))), 403, "forbidden");
    assertThat(api.get("/api/admin/audit").status()).isEqualTo(401);
  }

  @Test
  void adminChangesAndInterventionsAreListedNewestFirstWithWhoWhatAndNoSecret() {
    someHistory();
    Response r = api.get("/api/admin/audit", bearer(admin));
    assertThat(r.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(r.body()).doesNotContain(TRUNK_PASSWORD);
    JsonArray items = r.json().getJsonArray("items");
    assertThat(actions(items)).containsExactly("state.ready", "create", "create");
    JsonObject intervention = items.getJsonObject(0);
    assertThat(intervention.getString("kind")).isEqualTo("intervention");
    assertThat(intervention.getString("entityType")).isEqualTo("agent");
    assertThat(intervention.getString("entityId")).isEqualTo(String.valueOf(tenant.aliceAgent()));
    assertThat(intervention.getString("outcome")).isEqualTo("refused:agent-logged-out");
    assertThat(intervention.getJsonObject("actor").getString("username")).isEqualTo("sam");
    JsonObject trunk = items.getJsonObject(1);
    assertThat(trunk.getString("kind")).isEqualTo("admin-change");
    assertThat(trunk.getString("entityType")).isEqualTo("trunk");
    assertThat(trunk.getJsonObject("after").getString("password")).isEqualTo("changed");
    assertThat(trunk.getJsonObject("after").getString("host")).isEqualTo("sip.example.net");
    assertThat(trunk.getJsonObject("actor").getString("username")).isEqualTo("admin");
    JsonObject reason = items.getJsonObject(2);
    assertThat(reason.getString("entityType")).isEqualTo("reason");
    assertThat(reason.getValue("before")).isNull();
    assertThat(reason.getJsonObject("after").getString("code")).isEqualTo("coaching");
    assertThat(Instant.parse(reason.getString("occurredAt")))
        .isBefore(Instant.now().plusSeconds(1));
  }

  @Test
  void filtersByKindActorEntityAndPeriod() {
    someHistory();
    assertThat(actions(items("?kind=intervention"))).containsExactly("state.ready");
    assertThat(actions(items("?kind=admin-change"))).containsExactly("create", "create");
    assertThat(items("?kind=refused-call")).isEmpty();
    assertThat(actions(items("?actor=" + tenant.samUser()))).containsExactly("state.ready");
    JsonArray trunk = items("?entityType=trunk");
    assertThat(trunk).hasSize(1);
    JsonArray alice = items("?entityType=agent&entityId=" + tenant.aliceAgent());
    assertThat(actions(alice)).containsExactly("state.ready");
    assertThat(items("?entityType=agent&entityId=" + tenant.bobAgent())).isEmpty();
    String now = URLEncoder.encode(Instant.now().plusSeconds(5).toString(), StandardCharsets.UTF_8);
    String past =
        URLEncoder.encode(Instant.now().minusSeconds(3600).toString(), StandardCharsets.UTF_8);
    assertThat(items("?from=" + now)).isEmpty();
    assertThat(items("?from=" + past + "&to=" + now)).hasSize(3);
    assertThat(items("?to=" + past)).isEmpty();
  }

  @Test
  void pagesByKeysetWithoutRepeatsOrGaps() {
    someHistory();
    List<Long> all = items("").stream().map(i -> ((JsonObject) i).getLong("id")).toList();
    List<Long> walked = new ArrayList<>();
    String next = null;
    do {
      Response page =
          api.get(
              "/api/admin/audit?limit=1" + (next == null ? "" : "&after=" + next), bearer(admin));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      page.json().getJsonArray("items").forEach(i -> walked.add(((JsonObject) i).getLong("id")));
      next = page.json().getString("next");
    } while (next != null && walked.size() < 10);
    assertThat(walked).containsExactlyElementsOf(all);
    assertThat(all).isSortedAccordingTo(java.util.Comparator.reverseOrder());
  }

  @Test
  void anotherTenantsEntriesAreNeverListed() {
    someHistory();
    TestTenant other = TestTenants.create(server.database(), "adminaudit2");
    String otherAdmin = api.tokenOf("admin", other.domain());
    assertThat(
            api.post(
                    "/api/admin/reasons",
                    "{\"code\":\"elsewhere\",\"label\":\"X\"}",
                    bearer(otherAdmin))
                .status())
        .isEqualTo(201);
    assertThat(items("")).hasSize(3);
    assertThat(items("?actor=" + other.samUser())).isEmpty();
    Response theirs = api.get("/api/admin/audit", bearer(otherAdmin));
    assertThat(actions(theirs.json().getJsonArray("items"))).containsExactly("create");
  }

  @Test
  void badParametersAreClearProblems() {
    assertProblem(
        api.get("/api/admin/audit?kind=everything", bearer(admin)), 400, "invalid-request");
    assertProblem(
        api.get("/api/admin/audit?from=yesterday", bearer(admin)), 400, "invalid-request");
    assertProblem(
        api.get(
            "/api/admin/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", bearer(admin)),
        400,
        "invalid-request");
    assertProblem(
        api.get("/api/admin/audit?after=not-a-cursor", bearer(admin)), 400, "invalid-request");
    assertProblem(api.get("/api/admin/audit?actor=-1", bearer(admin)), 400, "invalid-request");
    assertProblem(api.get("/api/admin/audit?entityId=7", bearer(admin)), 400, "invalid-request");
    assertProblem(
        api.get("/api/admin/audit?entityType=a%3Bb", bearer(admin)), 400, "invalid-request");
    assertProblem(api.get("/api/admin/audit?limit=0", bearer(admin)), 400, "invalid-request");
  }

  @Test
  void aSecretLeftInAStoredValueIsScrubbedOnRead() {
    // a writer that forgot to redact (defence in depth: the reader scrubs again)
    var v =
        AuditTrail.scrubbed(
            org.jooq.JSON.valueOf(
                "{\"password\":\"plain\",\"passwordSet\":true,\"nested\":{\"token\":\"t0k\"},\"name\":\"x\"}"));
    assertThat(v.encode()).doesNotContain("plain").doesNotContain("t0k");
    assertThat(v.getBoolean("passwordSet")).isTrue();
    assertThat(v.getString("name")).isEqualTo("x");
  }
}
