package io.tandemcc.report;

import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.AUDIT_LOG;
import static io.tandemcc.db.generated.Tables.GROUP_SUPERVISOR;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.JSON;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The audit report: supervisor interventions and administration changes of a period, scoped (a
 * supervisor sees the interventions on agents of its own groups only; an admin everything of its
 * tenant), paged, as CSV, and its bad parameters. Europe/Berlin tenant; the entries are written in
 * UTC with the local time beside them.
 */
@DisplayName("Reports: the audit report, scoped by tenant and group")
class ReportAuditTest {
  private static final String DAY = "from=2026-03-28&to=2026-03-28";
  private Server server;
  private Api api;
  private TestTenant t;
  private TestTenant other;
  private long admin;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    t = TestTenants.create(server.database(), "repaud");
    other = TestTenants.create(server.database(), "repaudother");
    new ReportFixture(server.database(), t, "Europe/Berlin");
    var dsl = server.database().dsl();
    admin =
        dsl.select(APP_USER.ID)
            .from(APP_USER)
            .where(APP_USER.TENANT_ID.eq(t.id()).and(APP_USER.USERNAME.eq("admin")))
            .fetchOne(APP_USER.ID);
    // sue supervises Sales (carol), not Support (alice, bob): another supervisor's group for sam
    long sue =
        dsl.insertInto(APP_USER)
            .set(APP_USER.TENANT_ID, t.id())
            .set(APP_USER.USERNAME, "sue")
            .set(APP_USER.DISPLAY_NAME, "Sue Test")
            .set(APP_USER.ROLE, "supervisor")
            .set(
                APP_USER.PASSWORD_HASH,
                dsl.select(APP_USER.PASSWORD_HASH)
                    .from(APP_USER)
                    .where(APP_USER.ID.eq(t.samUser()))
                    .fetchOne(APP_USER.PASSWORD_HASH))
            .returning(APP_USER.ID)
            .fetchOne(APP_USER.ID);
    dsl.insertInto(GROUP_SUPERVISOR)
        .set(GROUP_SUPERVISOR.TENANT_ID, t.id())
        .set(GROUP_SUPERVISOR.GROUP_ID, t.salesGroup())
        .set(GROUP_SUPERVISOR.USER_ID, sue)
        .execute();
    // written in the order they happen, as the server writes them (the report pages by entry id)
    intervention(t, t.samUser(), t.aliceAgent(), "not-ready", "2026-03-28T08:00:00Z"); // 09:00 CET
    intervention(t, sue, t.carolAgent(), "logout", "2026-03-28T09:00:00Z"); // 10:00, Sales
    change(
        t,
        admin,
        "queue",
        "7",
        "{\"name\": \"old\"}",
        "{\"name\": \"new\"}",
        "2026-03-28T10:00:00Z");
    refused(t, t.bobAgent(), "2026-03-28T11:00:00Z");
    intervention(
        t, admin, t.bobAgent(), "monitor.listen", "2026-03-28T22:59:00Z"); // 23:59, still the 28th
    intervention(
        t, t.samUser(), t.aliceAgent(), "logout", "2026-03-28T23:00:00Z"); // 29th 00:00: not in DAY
    // the other tenant's entries, same day: never seen
    intervention(other, other.samUser(), other.aliceAgent(), "not-ready", "2026-03-28T08:30:00Z");
  }

  private void intervention(TestTenant tenant, long actor, long agent, String action, String utc) {
    server
        .database()
        .dsl()
        .insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.TENANT_ID, tenant.id())
        .set(AUDIT_LOG.ACTOR_USER_ID, actor)
        .set(AUDIT_LOG.TARGET_AGENT_ID, agent)
        .set(AUDIT_LOG.TARGET_ID, Long.toString(agent))
        .set(AUDIT_LOG.ACTION, action)
        .set(AUDIT_LOG.OUTCOME, "done")
        .set(AUDIT_LOG.OCCURRED_AT, Instant.parse(utc).atOffset(ZoneOffset.UTC))
        .execute();
  }

  private void change(
      TestTenant tenant,
      long actor,
      String kind,
      String id,
      String before,
      String after,
      String utc) {
    server
        .database()
        .dsl()
        .insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.TENANT_ID, tenant.id())
        .set(AUDIT_LOG.ACTOR_USER_ID, actor)
        .set(AUDIT_LOG.TARGET_KIND, kind)
        .set(AUDIT_LOG.TARGET_ID, id)
        .set(AUDIT_LOG.ACTION, kind + ".update")
        .set(AUDIT_LOG.OUTCOME, "done")
        .set(AUDIT_LOG.BEFORE_VALUE, JSON.valueOf(before))
        .set(AUDIT_LOG.AFTER_VALUE, JSON.valueOf(after))
        .set(AUDIT_LOG.OCCURRED_AT, Instant.parse(utc).atOffset(ZoneOffset.UTC))
        .execute();
  }

  private void refused(TestTenant tenant, long agent, String utc) {
    server
        .database()
        .dsl()
        .insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.TENANT_ID, tenant.id())
        .set(AUDIT_LOG.ACTOR_USER_ID, t.samUser())
        .set(AUDIT_LOG.TARGET_AGENT_ID, agent)
        .set(AUDIT_LOG.ACTION, io.tandemcc.tenant.OutboundAudit.ACTION)
        .set(AUDIT_LOG.DETAIL, "webphone: premium 1900***")
        .set(AUDIT_LOG.OUTCOME, "refused:outbound-refused")
        .set(AUDIT_LOG.OCCURRED_AT, Instant.parse(utc).atOffset(ZoneOffset.UTC))
        .execute();
  }

  private Response get(String user, TestTenant tenant, String path) {
    return api.get(path, bearer(api.tokenOf(user, tenant.domain())));
  }

  private JsonObject ok(String user, String path) {
    Response r = get(user, t, path);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static List<String> actions(JsonObject r) {
    return r.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .map(o -> o.getString("kind") + " " + o.getString("action"))
        .toList();
  }

  private static void assertProblem(Response r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.code()).isEqualTo(code);
  }

  @Test
  @DisplayName(
      "an admin sees every entry of the local day, newest first: interventions, admin changes, refused calls")
  void adminSeesAll() {
    JsonObject r = ok("admin", "/api/reports/audit?" + DAY);
    assertThat(actions(r))
        .containsExactly(
            "intervention monitor.listen",
            "refused-call outbound-refused",
            "admin-change queue.update",
            "intervention logout",
            "intervention not-ready");
    JsonObject change = r.getJsonArray("items").getJsonObject(2);
    assertThat(change.getString("occurredAt")).isEqualTo("2026-03-28T11:00:00+01:00");
    assertThat(change.getString("actorRole")).isEqualTo("admin");
    assertThat(change.getString("targetKind")).isEqualTo("queue");
    assertThat(new JsonObject(change.getString("after")).getString("name")).isEqualTo("new");
    JsonObject listen = r.getJsonArray("items").getJsonObject(0);
    assertThat(listen.getLong("agentId")).isEqualTo(t.bobAgent());
    assertThat(listen.getString("agentNumber")).isEqualTo("1002");
    assertThat(listen.getString("agentName")).isEqualTo("Bob Test");

    assertThat(actions(ok("admin", "/api/reports/audit?" + DAY + "&kind=admin-change")))
        .containsExactly("admin-change queue.update");
    assertThat(
            actions(
                ok(
                    "admin",
                    "/api/reports/audit?" + DAY + "&kind=intervention&agentId=" + t.aliceAgent())))
        .containsExactly("intervention not-ready");
  }

  @Test
  @DisplayName(
      "a supervisor sees interventions on agents of its own groups only, whoever made them; no admin changes")
  void supervisorSeesOwnGroups() {
    assertThat(actions(ok("sam", "/api/reports/audit?" + DAY)))
        .containsExactly("intervention monitor.listen", "intervention not-ready");
    assertThat(actions(ok("sue", "/api/reports/audit?" + DAY)))
        .containsExactly("intervention logout");
    // another supervisor's agent or group is unknown; admin changes are just not there
    assertProblem(
        get("sam", t, "/api/reports/audit?" + DAY + "&agentId=" + t.carolAgent()),
        404,
        "unknown-agent");
    assertProblem(
        get("sam", t, "/api/reports/audit?" + DAY + "&groupId=" + t.salesGroup()),
        404,
        "unknown-group");
    assertThat(actions(ok("sam", "/api/reports/audit?" + DAY + "&kind=admin-change"))).isEmpty();
    assertProblem(get("alice", t, "/api/reports/audit?" + DAY), 403, "forbidden");
  }

  @Test
  @DisplayName(
      "another tenant's admin sees none of these entries, and this tenant's agent id is unknown to it")
  void otherTenant() {
    Response r = get("admin", other, "/api/reports/audit?" + DAY);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(actions(r.json())).containsExactly("intervention not-ready");
    assertProblem(
        get("admin", other, "/api/reports/audit?" + DAY + "&agentId=" + t.aliceAgent()),
        404,
        "unknown-agent");
  }

  @Test
  @DisplayName(
      "pages by entry, newest first, and the CSV holds every entry with a header row in local time")
  void pagesAndCsv() {
    JsonObject first = ok("admin", "/api/reports/audit?" + DAY + "&limit=2");
    assertThat(actions(first))
        .containsExactly("intervention monitor.listen", "refused-call outbound-refused");
    JsonObject second =
        ok("admin", "/api/reports/audit?" + DAY + "&limit=2&cursor=" + first.getString("next"));
    assertThat(actions(second)).containsExactly("admin-change queue.update", "intervention logout");
    JsonObject third =
        ok("admin", "/api/reports/audit?" + DAY + "&limit=2&cursor=" + second.getString("next"));
    assertThat(actions(third)).containsExactly("intervention not-ready");
    assertThat(third.getString("next")).isNull();

    Response csv = get("admin", t, "/api/reports/audit?" + DAY + "&format=csv");
    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.get(0)).startsWith("occurredAt,entryId,kind,actorUserId");
    assertThat(lines).hasSize(6);
    assertThat(lines.get(1)).contains("2026-03-28T23:59:00").contains("monitor.listen");
  }

  @Test
  @DisplayName(
      "bad parameters are problems: dates, a period over a year, an unknown kind, an interval, a cursor")
  void badParameters() {
    assertProblem(
        get("admin", t, "/api/reports/audit?from=2026-13-01&to=2026-03-28"), 400, "invalid-date");
    assertProblem(get("admin", t, "/api/reports/audit?to=2026-03-28"), 400, "invalid-date");
    assertProblem(
        get("admin", t, "/api/reports/audit?from=2025-01-01&to=2026-03-28"),
        400,
        "period-too-long");
    assertProblem(
        get("admin", t, "/api/reports/audit?" + DAY + "&kind=everything"), 400, "invalid-kind");
    assertProblem(
        get("admin", t, "/api/reports/audit?" + DAY + "&interval=day"), 400, "invalid-interval");
    assertProblem(
        get("admin", t, "/api/reports/audit?" + DAY + "&cursor=abc"), 400, "invalid-cursor");
    assertProblem(
        get("admin", t, "/api/reports/agents?" + DAY + "&kind=intervention"), 400, "invalid-kind");
  }
}
