package io.tandemcc.report;

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
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The three reports against a fixture whose totals are worked out by hand below, in a Europe/Berlin
 * tenant over 2026-03-28 (CET, UTC+1, 24 h: 27T23:00Z to 28T23:00Z) and 2026-03-29, the day clocks
 * go forward at 02:00 CET to 03:00 CEST (23 h: 28T23:00Z to 29T22:00Z). Local times are in the
 * comments; the rows are written in UTC.
 *
 * <pre>
 * alice (Support)                                       bob (Support)
 *  21:00Z  (28th 22:00 CET)  READY                        19:00Z (28th 20:00) NOT_READY break
 *  22:50Z  (23:50)           RINGING c1                   23:30Z (29th 00:30) NOT_READY lunch
 *  22:50:30Z                 TALKING c1 (answered)        00:00Z (29th 01:00) LOGGED_OUT
 *  23:10Z  (29th 00:10)      WRAPUP                     carol (Sales, not Sam's)
 *  23:11Z  (00:11)           READY                        09:00Z (28th 10:00) READY
 *  00:30Z  (01:30 CET)       NOT_READY break              10:00Z (28th 11:00) LOGGED_OUT
 *  01:30Z  (03:30 CEST)      READY
 *  02:00Z  (04:00)           RINGING c2
 *  02:00:20Z                 READY (c2 missed)
 *  02:05Z                    DIALING c3
 *  02:05:10Z                 TALKING c3
 *  02:06:10Z                 HELD c3
 *  02:07:10Z                 TALKING c3
 *  02:08:10Z                 WRAPUP
 *  02:08:40Z                 NOT_READY lunch
 *  03:00Z  (05:00 CEST)      LOGGED_OUT
 * </pre>
 */
@DisplayName("Reports: agent performance, queues and pause reasons, by hand-computed fixture")
class ReportApiTest {
  private static final String DAYS = "from=2026-03-28&to=2026-03-29";
  private Server server;
  private Api api;
  private TestTenant t;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    t = TestTenants.create(server.database(), "reports");
    String support = t.domain() + "-support";
    String sales = t.domain() + "-sales";
    new ReportFixture(server.database(), t, "Europe/Berlin")
        .state(t.aliceAgent(), "2026-03-28T21:00:00Z", "READY", null, "IDLE", null)
        .state(t.aliceAgent(), "2026-03-28T22:50:00Z", "READY", null, "RINGING", "c1")
        .state(t.aliceAgent(), "2026-03-28T22:50:30Z", "READY", null, "TALKING", "c1")
        .state(t.aliceAgent(), "2026-03-28T23:10:00Z", "WRAPUP", null, "IDLE", null)
        .state(t.aliceAgent(), "2026-03-28T23:11:00Z", "READY", null, "IDLE", null)
        .state(t.aliceAgent(), "2026-03-29T00:30:00Z", "NOT_READY", "break", "IDLE", null)
        .state(t.aliceAgent(), "2026-03-29T01:30:00Z", "READY", null, "IDLE", null)
        .state(t.aliceAgent(), "2026-03-29T02:00:00Z", "READY", null, "RINGING", "c2")
        .state(t.aliceAgent(), "2026-03-29T02:00:20Z", "READY", null, "IDLE", null)
        .state(t.aliceAgent(), "2026-03-29T02:05:00Z", "READY", null, "DIALING", "c3")
        .state(t.aliceAgent(), "2026-03-29T02:05:10Z", "READY", null, "TALKING", "c3")
        .state(t.aliceAgent(), "2026-03-29T02:06:10Z", "READY", null, "HELD", "c3")
        .state(t.aliceAgent(), "2026-03-29T02:07:10Z", "READY", null, "TALKING", "c3")
        .state(t.aliceAgent(), "2026-03-29T02:08:10Z", "WRAPUP", null, "IDLE", null)
        .state(t.aliceAgent(), "2026-03-29T02:08:40Z", "NOT_READY", "lunch", "IDLE", null)
        .state(t.aliceAgent(), "2026-03-29T03:00:00Z", "LOGGED_OUT", null, "IDLE", null)
        .state(t.bobAgent(), "2026-03-28T19:00:00Z", "NOT_READY", "break", "IDLE", null)
        .state(t.bobAgent(), "2026-03-28T23:30:00Z", "NOT_READY", "lunch", "IDLE", null)
        .state(t.bobAgent(), "2026-03-29T00:00:00Z", "LOGGED_OUT", null, "IDLE", null)
        .state(t.carolAgent(), "2026-03-28T09:00:00Z", "READY", null, "IDLE", null)
        .state(t.carolAgent(), "2026-03-28T10:00:00Z", "LOGGED_OUT", null, "IDLE", null)
        // Support queue (service level threshold 20 s)
        .queueCall(
            support,
            "2026-03-28T22:59:00Z",
            15,
            "answered",
            600) // q1 28th 23:59 CET, spans midnight
        .queueCall(support, "2026-03-28T23:30:00Z", 40, "answered", 100) // q2 29th 00:30 CET
        .queueCall(
            support,
            "2026-03-29T01:10:00Z",
            5,
            "abandoned",
            null) // q3 29th 03:10 CEST, short abandon
        .queueCall(support, "2026-03-29T01:20:00Z", 45, "abandoned", null) // q4 29th 03:20 CEST
        .queueCall(support, "2026-03-29T08:00:00Z", 10, "answered", 200) // q5 29th 10:00 CEST
        .queueCall(support, "2026-03-29T08:05:00Z", 130, "not_answered", null) // q6 29th 10:05 CEST
        .queueCall(sales, "2026-03-29T07:00:00Z", 3, "answered", 50); // s1, Sales: not Sam's
  }

  private JsonObject get(String user, String path) {
    Response r = api.get(path, bearer(api.tokenOf(user, t.domain())));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static JsonObject row(JsonObject report, String key, Object id, String intervalStart) {
    return report.getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(
            o ->
                o.getValue(key).toString().equals(id.toString())
                    && (intervalStart == null
                        || o.getString("intervalStart").equals(intervalStart)))
        .findFirst()
        .orElseThrow(
            () ->
                new AssertionError(
                    "no row "
                        + key
                        + "="
                        + id
                        + " "
                        + intervalStart
                        + " in "
                        + report.encodePrettily()));
  }

  @Test
  @DisplayName(
      "agent report per day: state time clipped at local midnight on a DST day, calls counted when they happen")
  void agentReportPerDay() {
    JsonObject r = get("sam", "/api/reports/agents?" + DAYS + "&interval=day");
    assertThat(r.getString("timeZone")).isEqualTo("Europe/Berlin");
    JsonObject day1 = row(r, "agentId", t.aliceAgent(), "2026-03-28T00:00:00+01:00");
    // 28th: signed in 21:00Z..23:00Z (local midnight) = 7200; ready 21:00Z..22:50Z = 6600; ringing
    // 30;
    // talk 22:50:30Z..23:00Z = 570 (c1 goes on past midnight); 6600 + 30 + 570 = 7200
    assertThat(day1.getLong("signedIn")).isEqualTo(7200);
    assertThat(day1.getLong("ready")).isEqualTo(6600);
    assertThat(day1.getLong("ringing")).isEqualTo(30);
    assertThat(day1.getLong("talk")).isEqualTo(570);
    assertThat(day1.getLong("notReady")).isZero();
    // c1 offered and answered on the 28th; AHT = (570 + 0 + 0) / 1 connected = 570
    assertThat(
            List.of(
                day1.getLong("offered"),
                day1.getLong("answered"),
                day1.getLong("missed"),
                day1.getLong("made"),
                day1.getLong("connected")))
        .containsExactly(1L, 1L, 0L, 0L, 1L);
    assertThat(day1.getLong("averageHandling")).isEqualTo(570);

    JsonObject day2 = row(r, "agentId", t.aliceAgent(), "2026-03-29T00:00:00+01:00");
    // 29th (23 h): signed in 23:00Z..03:00Z = 14400
    // talk: c1 23:00Z..23:10Z = 600, c3 60 + 60 = 120 -> 720; hold c3 60; wrap-up 60 + 30 = 90
    // ready: 23:11Z..00:30Z = 4740, 01:30Z..02:00Z = 1800, 02:00:20Z..02:05Z = 280 -> 6820
    // ringing: c2 20 + dialling c3 10 = 30; not ready: break 00:30Z..01:30Z = 3600 (local 01:30
    // CET..03:30 CEST,
    // one real hour), lunch 02:08:40Z..03:00Z = 3080 -> 6680. Sum 720+60+90+6820+30+6680 = 14400
    assertThat(day2.getLong("signedIn")).isEqualTo(14400);
    assertThat(day2.getLong("talk")).isEqualTo(720);
    assertThat(day2.getLong("hold")).isEqualTo(60);
    assertThat(day2.getLong("wrapup")).isEqualTo(90);
    assertThat(day2.getLong("ready")).isEqualTo(6820);
    assertThat(day2.getLong("ringing")).isEqualTo(30);
    assertThat(day2.getLong("notReady")).isEqualTo(6680);
    assertThat(day2.getLong("notReady_break")).isEqualTo(3600);
    assertThat(day2.getLong("notReady_lunch")).isEqualTo(3080);
    assertThat(day2.getLong("notReady_other")).isZero();
    // c2 offered and missed, c3 made and connected (not "answered": the agent dialled it); HELD ->
    // TALKING is
    // the same connection. AHT = (720 + 60 + 90) / 1 = 870
    assertThat(
            List.of(
                day2.getLong("offered"),
                day2.getLong("answered"),
                day2.getLong("missed"),
                day2.getLong("made"),
                day2.getLong("connected")))
        .containsExactly(1L, 0L, 1L, 1L, 1L);
    assertThat(day2.getLong("averageHandling")).isEqualTo(870);

    // bob: break 19:00Z..23:00Z = 14400 on the 28th, then break 23:00Z..23:30Z = 1800 + lunch 1800
    // on the 29th
    assertThat(
            row(r, "agentId", t.bobAgent(), "2026-03-28T00:00:00+01:00").getLong("notReady_break"))
        .isEqualTo(14400);
    JsonObject bob2 = row(r, "agentId", t.bobAgent(), "2026-03-29T00:00:00+01:00");
    assertThat(bob2.getLong("notReady_break")).isEqualTo(1800);
    assertThat(bob2.getLong("notReady_lunch")).isEqualTo(1800);
    assertThat(bob2.getLong("signedIn")).isEqualTo(3600);
    // Sam supervises Support only: carol (Sales) is not in his report
    assertThat(
            r.getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .noneMatch(o -> o.getLong("agentId") == t.carolAgent()))
        .isTrue();
  }

  @Test
  @DisplayName(
      "agent report per hour on the DST day: 23 local hours, 02:00 does not exist, a pause split at 03:00 CEST")
  void agentReportPerHourAcrossDst() {
    JsonObject r =
        get(
            "admin",
            "/api/reports/agents?from=2026-03-29&to=2026-03-29&interval=hour&agentId="
                + t.aliceAgent());
    List<String> starts =
        r.getJsonArray("items").stream()
            .map(o -> ((JsonObject) o).getString("intervalStart"))
            .toList();
    // alice is signed in 23:00Z..03:00Z: local hours 00:00 CET, 01:00 CET, 03:00 CEST, 04:00 CEST
    assertThat(starts)
        .containsExactly(
            "2026-03-29T00:00:00+01:00",
            "2026-03-29T01:00:00+01:00",
            "2026-03-29T03:00:00+02:00",
            "2026-03-29T04:00:00+02:00");
    // 00:00 CET hour (23:00Z..00:00Z): talk 600, wrap-up 60, ready 23:11Z..00:00Z = 2940 -> 3600
    JsonObject h0 = row(r, "agentId", t.aliceAgent(), "2026-03-29T00:00:00+01:00");
    assertThat(
            List.of(
                h0.getLong("talk"),
                h0.getLong("wrapup"),
                h0.getLong("ready"),
                h0.getLong("signedIn")))
        .containsExactly(600L, 60L, 2940L, 3600L);
    // the break 00:30Z..01:30Z: 1800 in 01:00 CET (00:00Z..01:00Z) and 1800 in 03:00 CEST
    // (01:00Z..02:00Z)
    assertThat(
            row(r, "agentId", t.aliceAgent(), "2026-03-29T01:00:00+01:00")
                .getLong("notReady_break"))
        .isEqualTo(1800);
    assertThat(
            row(r, "agentId", t.aliceAgent(), "2026-03-29T03:00:00+02:00")
                .getLong("notReady_break"))
        .isEqualTo(1800);
    // 04:00 CEST (02:00Z..03:00Z): ringing 20 + dialling 10 = 30, talk 120, hold 60, wrap-up 30,
    // lunch 3080,
    // ready 280 -> 3600
    JsonObject h4 = row(r, "agentId", t.aliceAgent(), "2026-03-29T04:00:00+02:00");
    assertThat(
            List.of(
                h4.getLong("ringing"),
                h4.getLong("talk"),
                h4.getLong("hold"),
                h4.getLong("wrapup"),
                h4.getLong("notReady_lunch"),
                h4.getLong("ready"),
                h4.getLong("signedIn")))
        .containsExactly(30L, 120L, 60L, 30L, 3080L, 280L, 3600L);
  }

  @Test
  @DisplayName(
      "queue report per day: offered, answered, abandoned and after how long, service level, waits")
  void queueReportPerDay() {
    JsonObject r = get("sam", "/api/reports/queues?" + DAYS);
    // Sam sees Support only
    assertThat(
            r.getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getLong("groupId"))
                .distinct()
                .toList())
        .containsExactly(t.supportGroup());
    // 28th: q1 (23:59 CET, answered after 15 s, talk 600; its talk goes on past midnight, it counts
    // on the day
    // it entered the queue). SL = 1 within 20 s / (1 answered + 0 late abandons) = 100 %
    JsonObject d1 = row(r, "groupId", t.supportGroup(), "2026-03-28T00:00:00+01:00");
    assertThat(
            List.of(
                d1.getLong("offered"),
                d1.getLong("answered"),
                d1.getLong("abandoned"),
                d1.getLong("answeredInThreshold")))
        .containsExactly(1L, 1L, 0L, 1L);
    assertThat(d1.getDouble("serviceLevelPercent")).isEqualTo(100.0);
    assertThat(d1.getDouble("averageWait")).isEqualTo(15.0);
    assertThat(d1.getDouble("averageTalk")).isEqualTo(600.0);
    // 29th: q2 answered 40 s, q3 abandoned 5 s, q4 abandoned 45 s, q5 answered 10 s, q6 not
    // answered 130 s
    // answered 2, abandoned 2, other 1; within 20 s: q5 -> 1; late abandons: q4 -> 1; SL = 1 / (2 +
    // 1) = 33.3 %
    // average wait (answered) (40 + 10) / 2 = 25; longest 130; average talk (100 + 200) / 2 = 150
    // abandoned after (5 + 45) / 2 = 25 s on average: 1 within 10 s, 1 within 31..60 s
    JsonObject d2 = row(r, "groupId", t.supportGroup(), "2026-03-29T00:00:00+01:00");
    assertThat(
            List.of(
                d2.getLong("offered"),
                d2.getLong("answered"),
                d2.getLong("abandoned"),
                d2.getLong("other"),
                d2.getLong("answeredInThreshold")))
        .containsExactly(5L, 2L, 2L, 1L, 1L);
    assertThat(d2.getLong("serviceLevelCalls")).isEqualTo(3);
    assertThat(d2.getDouble("serviceLevelPercent")).isEqualTo(33.3);
    assertThat(d2.getDouble("averageWait")).isEqualTo(25.0);
    assertThat(d2.getLong("longestWait")).isEqualTo(130);
    assertThat(d2.getDouble("averageTalk")).isEqualTo(150.0);
    assertThat(d2.getDouble("averageAbandonWait")).isEqualTo(25.0);
    assertThat(
            List.of(
                d2.getLong("abandonedIn10"),
                d2.getLong("abandonedIn30"),
                d2.getLong("abandonedIn60"),
                d2.getLong("abandonedIn120"),
                d2.getLong("abandonedAfter120")))
        .containsExactly(1L, 0L, 1L, 0L, 0L);
    assertThat(d2.getInteger("serviceLevelThreshold")).isEqualTo(20);

    // per hour: q3 (03:10 CEST) and q4 (03:20 CEST) share the 03:00+02:00 hour, the first after the
    // gap
    JsonObject hourly =
        get(
            "admin",
            "/api/reports/queues?from=2026-03-29&to=2026-03-29&interval=hour&groupId="
                + t.supportGroup());
    JsonObject h3 = row(hourly, "groupId", t.supportGroup(), "2026-03-29T03:00:00+02:00");
    assertThat(List.of(h3.getLong("offered"), h3.getLong("abandoned"))).containsExactly(2L, 2L);
    // the admin also sees Sales: s1 on the 29th
    JsonObject all = get("admin", "/api/reports/queues?" + DAYS);
    assertThat(row(all, "groupId", t.salesGroup(), "2026-03-29T00:00:00+01:00").getLong("answered"))
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "pause report: count and time per reason per agent and per group; a carried-in pause is time, not a count")
  void pauseReport() {
    JsonObject r = get("sam", "/api/reports/pauses?" + DAYS);
    assertThat(r.getString("interval")).isEqualTo("period");
    // alice: break 1 x 3600, lunch 1 x 3080; bob: break 14400 + 1800 = 16200 (one pause), lunch 1 x
    // 1800
    assertThat(pause(r, "agentId", t.aliceAgent(), "break")).containsExactly(1L, 3600L);
    assertThat(pause(r, "agentId", t.aliceAgent(), "lunch")).containsExactly(1L, 3080L);
    assertThat(pause(r, "agentId", t.bobAgent(), "break")).containsExactly(1L, 16200L);
    assertThat(pause(r, "agentId", t.bobAgent(), "lunch")).containsExactly(1L, 1800L);
    assertThat(row(r, "agentId", t.aliceAgent(), null).getString("reasonLabel"))
        .isIn("Break", "Lunch");

    // per group: Support = alice + bob: break 2 x (3600 + 16200 = 19800), lunch 2 x (3080 + 1800 =
    // 4880)
    JsonObject g = get("sam", "/api/reports/pauses?" + DAYS + "&by=group");
    assertThat(pause(g, "groupId", t.supportGroup(), "break")).containsExactly(2L, 19800L);
    assertThat(pause(g, "groupId", t.supportGroup(), "lunch")).containsExactly(2L, 4880L);

    // per day: bob's break began on the 28th (1 x 14400); on the 29th it goes on for 1800 s without
    // a new count
    JsonObject d =
        get("sam", "/api/reports/pauses?" + DAYS + "&interval=day&agentId=" + t.bobAgent());
    List<String> rows =
        d.getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .map(
                o ->
                    o.getString("intervalStart").substring(0, 10)
                        + " "
                        + o.getString("reasonCode")
                        + " "
                        + o.getLong("count")
                        + " "
                        + o.getLong("seconds"))
            .toList();
    assertThat(rows)
        .containsExactly(
            "2026-03-28 break 1 14400", "2026-03-29 break 0 1800", "2026-03-29 lunch 1 1800");
  }

  private static List<Long> pause(JsonObject report, String key, long id, String reason) {
    JsonObject o =
        report.getJsonArray("items").stream()
            .map(JsonObject.class::cast)
            .filter(x -> x.getLong(key) == id && reason.equals(x.getString("reasonCode")))
            .findFirst()
            .orElseThrow();
    return List.of(o.getLong("count"), o.getLong("seconds"));
  }

  @Test
  @DisplayName(
      "the CSV of a report has the JSON's columns as its header and the same figures, in local time")
  void csvOfTheAgentReport() {
    String token = api.tokenOf("sam", t.domain());
    Response r =
        api.get(
            "/api/reports/agents?" + DAYS + "&agentId=" + t.aliceAgent(),
            "Accept",
            "text/csv",
            bearer(token)[0],
            bearer(token)[1]);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("text/csv; charset=utf-8");
    assertThat(r.raw().headers().firstValue("Content-Disposition").orElse(""))
        .contains("agents-2026-03-28-2026-03-29.csv");
    List<String> lines = r.body().lines().toList();
    JsonArray columns = get("sam", "/api/reports/agents?" + DAYS).getJsonArray("columns");
    assertThat(lines.get(0))
        .isEqualTo(columns.stream().map(Object::toString).collect(Collectors.joining(",")));
    assertThat(lines.get(0))
        .startsWith(
            "intervalStart,agentId,agentNumber,agentName,signedIn,ready,notReady,"
                + "notReady_break,notReady_lunch,notReady_other,ringing,talk,hold,wrapup,offered,answered,missed,made,");
    assertThat(lines).hasSize(3);
    // 28th: 7200 signed in, 6600 ready, 0 not ready (0 0 0 per reason), 30 ringing, 570 talk ...
    // AHT 570
    assertThat(lines.get(1))
        .isEqualTo(
            "2026-03-28T00:00:00+01:00,"
                + t.aliceAgent()
                + ",1001,Alice Test,7200,6600,0,0,0,0,30,570,0,0,1,1,0,0,1,570");
    assertThat(r.body()).contains("\r\n");
    // ?format=csv is the same download
    Response f =
        api.get(
            "/api/reports/agents?" + DAYS + "&agentId=" + t.aliceAgent() + "&format=csv",
            bearer(token));
    assertThat(f.body()).isEqualTo(r.body());
  }

  @Test
  @DisplayName(
      "pages by agent: each page holds every interval of its agents, and 'next' leads to the rest")
  void pagesByAgent() {
    JsonObject first = get("admin", "/api/reports/agents?" + DAYS + "&limit=1");
    assertThat(
            first.getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getLong("agentId"))
                .distinct()
                .toList())
        .containsExactly(t.aliceAgent());
    assertThat(first.getJsonArray("items")).hasSize(2);
    assertThat(first.getString("next")).isEqualTo(Long.toString(t.aliceAgent()));
    JsonObject second =
        get("admin", "/api/reports/agents?" + DAYS + "&limit=1&cursor=" + first.getString("next"));
    assertThat(second.getJsonArray("items").getJsonObject(0).getLong("agentId"))
        .isEqualTo(t.bobAgent());
    JsonObject third =
        get("admin", "/api/reports/agents?" + DAYS + "&limit=1&cursor=" + second.getString("next"));
    assertThat(third.getJsonArray("items").getJsonObject(0).getLong("agentId"))
        .isEqualTo(t.carolAgent());
    // carol is the last agent: the page says so (it looked one agent ahead)
    assertThat(third.getValue("next")).isNull();
  }
}
