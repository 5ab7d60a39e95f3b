package io.tandemcc.report;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Who may see which report figures, and the problems of bad parameters. */
@DisplayName("Reports: access, tenant and group isolation, bad parameters")
class ReportAccessTest {
  private static final List<String> REPORTS = List.of("agents", "queues", "pauses");
  private static final String DAY = "from=2026-03-28&to=2026-03-28";
  private Server server;
  private Api api;
  private TestTenant t;
  private TestTenant other;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    t = TestTenants.create(server.database(), "repacc");
    other = TestTenants.create(server.database(), "repaccother");
    new ReportFixture(server.database(), t, "Europe/Berlin")
        .state(t.aliceAgent(), "2026-03-28T09:00:00Z", "READY", null, "IDLE", null)
        .queueCall(t.domain() + "-support", "2026-03-28T09:10:00Z", 5, "answered", 60);
    // the other tenant has figures of its own on the same day, in UTC
    new ReportFixture(server.database(), other, "UTC")
        .state(other.aliceAgent(), "2026-03-28T08:00:00Z", "READY", null, "IDLE", null)
        .state(other.carolAgent(), "2026-03-28T08:00:00Z", "READY", null, "IDLE", null)
        .queueCall(other.domain() + "-support", "2026-03-28T09:10:00Z", 5, "abandoned", null);
  }

  private Response get(String user, TestTenant tenant, String path) {
    return api.get(path, bearer(api.tokenOf(user, tenant.domain())));
  }

  private static void assertProblem(Response r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.code()).isEqualTo(code);
  }

  @Test
  @DisplayName("agents get 403 for every report; without a token 401")
  void agentsAreRefused() {
    for (String report : REPORTS) {
      assertProblem(get("alice", t, "/api/reports/" + report + "?" + DAY), 403, "forbidden");
      assertThat(api.get("/api/reports/" + report + "?" + DAY).status()).isEqualTo(401);
    }
  }

  @Test
  @DisplayName("another tenant's figures never show, and its ids are unknown")
  void tenantIsolation() {
    JsonObject agents = get("admin", t, "/api/reports/agents?" + DAY).json();
    assertThat(
            agents.getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getLong("agentId"))
                .toList())
        .containsExactly(t.aliceAgent());
    // alice signed in 09:00Z = 10:00 CET until local midnight 23:00Z: 14 h = 50400 s
    assertThat(agents.getJsonArray("items").getJsonObject(0).getLong("signedIn"))
        .isEqualTo(14 * 3600);
    JsonObject queues = get("admin", t, "/api/reports/queues?" + DAY).json();
    assertThat(queues.getJsonArray("items")).hasSize(1);
    assertThat(queues.getJsonArray("items").getJsonObject(0).getLong("abandoned")).isZero();
    for (String report : REPORTS) {
      assertProblem(
          get(
              "admin",
              t,
              "/api/reports/" + report + "?" + DAY + "&groupId=" + other.supportGroup()),
          404,
          "unknown-group");
    }
    assertProblem(
        get("admin", t, "/api/reports/agents?" + DAY + "&agentId=" + other.aliceAgent()),
        404,
        "unknown-agent");
  }

  @Test
  @DisplayName(
      "a supervisor sees own groups only: another group of the tenant is as unknown as none")
  void groupIsolation() {
    assertProblem(
        get("sam", t, "/api/reports/queues?" + DAY + "&groupId=" + t.salesGroup()),
        404,
        "unknown-group");
    assertProblem(
        get("sam", t, "/api/reports/agents?" + DAY + "&agentId=" + t.carolAgent()),
        404,
        "unknown-agent");
    assertProblem(
        get("sam", t, "/api/reports/pauses?" + DAY + "&agentId=" + t.carolAgent()),
        404,
        "unknown-agent");
    JsonObject agents = get("sam", t, "/api/reports/agents?" + DAY + "&interval=period").json();
    assertThat(
            agents.getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getLong("agentId"))
                .toList())
        .doesNotContain(t.carolAgent());
    // the admin may ask for carol (no figures that day: an empty report, not an error)
    assertThat(
            get("admin", t, "/api/reports/agents?" + DAY + "&agentId=" + t.carolAgent())
                .json()
                .getJsonArray("items"))
        .isEmpty();
  }

  @Test
  @DisplayName(
      "the choices of the report screen are the caller's groups and their agents; agents get 403")
  void choices() {
    JsonObject sam = get("sam", t, "/api/reports/choices").json();
    assertThat(sam.getString("timeZone")).isEqualTo("Europe/Berlin");
    assertThat(
            sam.getJsonArray("groups").stream().map(o -> ((JsonObject) o).getLong("id")).toList())
        .containsExactly(t.supportGroup());
    assertThat(
            sam.getJsonArray("agents").stream().map(o -> ((JsonObject) o).getLong("id")).toList())
        .containsExactly(t.aliceAgent(), t.bobAgent());
    JsonObject admin = get("admin", t, "/api/reports/choices").json();
    assertThat(admin.getJsonArray("groups")).hasSize(2);
    assertThat(
            admin.getJsonArray("agents").stream().map(o -> ((JsonObject) o).getLong("id")).toList())
        .containsExactly(t.aliceAgent(), t.bobAgent(), t.carolAgent());
    assertProblem(get("alice", t, "/api/reports/choices"), 403, "forbidden");
  }

  @Test
  @DisplayName(
      "bad dates, periods, intervals, ids and paging parameters are problems with stable codes")
  void badParameters() {
    record Case(String query, int status, String code) {}
    List<Case> cases =
        List.of(
            new Case("to=2026-03-28", 400, "invalid-date"),
            new Case("from=2026-03-28", 400, "invalid-date"),
            new Case("from=2026-13-01&to=2026-13-02", 400, "invalid-date"),
            new Case("from=28.03.2026&to=2026-03-29", 400, "invalid-date"),
            new Case("from=2026-03-29&to=2026-03-28", 400, "invalid-period"),
            new Case("from=2025-01-01&to=2026-01-02", 400, "period-too-long"),
            new Case(DAY + "&interval=week", 400, "invalid-interval"),
            new Case(DAY + "&limit=0", 400, "invalid-limit"),
            new Case(DAY + "&limit=501", 400, "invalid-limit"),
            new Case(DAY + "&limit=x", 400, "invalid-limit"),
            new Case(DAY + "&cursor=-1", 400, "invalid-cursor"),
            new Case(DAY + "&format=xml", 400, "invalid-format"),
            new Case(DAY + "&groupId=999999999", 404, "unknown-group"),
            new Case(DAY + "&groupId=abc", 404, "unknown-group"),
            new Case(DAY + "&agentId=999999999", 404, "unknown-agent"),
            new Case(DAY + "&agentId=0", 404, "unknown-agent"));
    for (String report : REPORTS) {
      for (Case c : cases) {
        Response r = get("admin", t, "/api/reports/" + report + "?" + c.query());
        assertThat(r.status()).as(report + " " + c.query() + " " + r.body()).isEqualTo(c.status());
        assertThat(r.code()).as(report + " " + c.query()).isEqualTo(c.code());
      }
    }
    // a CSV request with bad parameters gets the problem, not a broken download
    Response csv =
        api.get(
            "/api/reports/agents?from=2026-03-29&to=2026-03-28&format=csv",
            bearer(api.tokenOf("admin", t.domain())));
    assertProblem(csv, 400, "invalid-period");
    assertProblem(get("admin", t, "/api/reports/agents?" + DAY + "&by=group"), 400, "invalid-by");
    // exactly 366 days is allowed
    assertThat(get("admin", t, "/api/reports/pauses?from=2025-01-01&to=2026-01-01").status())
        .isEqualTo(200);
  }
}
