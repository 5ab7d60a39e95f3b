package io.tandemcc.history;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/history/calls} and {@code /api/history/calls/{id}} over the calls of {@link
 * HistoryFixture}: every expected list below is read off the fixture's table by hand (Berlin days,
 * scopes, filters).
 */
@DisplayName(
    "Call history: filters in the tenant's time zone, scopes, paging, the detail, bad parameters")
class CallHistoryApiTest {
  private Server server;
  private Api api;
  private HistoryFixture f;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    f = new HistoryFixture(server, api);
  }

  @Test
  @DisplayName(
      "a Berlin day holds the calls started in it: 23:59:30 is the 14th, 00:30 (23:30 UTC) the 15th")
  void periodIsReadInTheTenantsTimeZone() {
    assertThat(ids(f.admin, "from=2026-01-14&to=2026-01-14")).containsExactly(f.c2, f.c1);
    assertThat(ids(f.admin, "from=2026-01-15&to=2026-01-15"))
        .containsExactly(f.c8, f.c6, f.c5, f.c4, f.c3);
    // instants are taken as given: the UTC day of the 14th has the sales call started 23:30 UTC
    assertThat(ids(f.admin, "from=2026-01-14T00:00:00Z&to=2026-01-15T00:00:00Z"))
        .containsExactly(f.c3, f.c2, f.c1);
    // a local time is Berlin's
    assertThat(ids(f.admin, "from=2026-01-15T00:00&to=2026-01-15T01:00")).containsExactly(f.c3);
    Response r = api.get("/api/history/calls?from=2026-01-14&to=2026-01-14", bearer(f.admin));
    assertThat(r.json().getString("timeZone")).isEqualTo("Europe/Berlin");
    assertThat(r.json().getString("from")).isEqualTo("2026-01-13T23:00:00Z");
    assertThat(r.json().getString("to")).isEqualTo("2026-01-14T23:00:00Z");
  }

  @Test
  @DisplayName(
      "direction, outcome, agent (any leg), queue, disposition, caller prefix and attached data filter")
  void filters() {
    String week = "from=2026-01-13&to=2026-01-15&";
    assertThat(ids(f.admin, week + "direction=inbound"))
        .containsExactly(f.c8, f.c3, f.c2, f.c1, f.c7);
    assertThat(ids(f.admin, week + "direction=outbound")).containsExactly(f.c4);
    assertThat(ids(f.admin, week + "direction=internal")).containsExactly(f.c5);
    assertThat(ids(f.admin, week + "direction=click-to-dial")).containsExactly(f.c6);
    assertThat(ids(f.admin, week + "outcome=answered"))
        .containsExactly(f.c6, f.c5, f.c4, f.c3, f.c1);
    assertThat(ids(f.admin, week + "outcome=abandoned")).containsExactly(f.c2);
    assertThat(ids(f.admin, week + "outcome=missed")).containsExactly(f.c8);
    assertThat(ids(f.admin, week + "outcome=transferred")).containsExactly(f.c7);
    assertThat(ids(f.admin, week + "agent=" + f.t.aliceAgent())).containsExactly(f.c6, f.c1, f.c7);
    assertThat(ids(f.admin, week + "agent=" + f.t.bobAgent())).containsExactly(f.c5, f.c4, f.c2);
    assertThat(ids(f.admin, week + "queue=Support")).containsExactly(f.c2, f.c1, f.c7);
    assertThat(ids(f.admin, week + "queue=support"))
        .as("its short name, as GET /api/queues gives it")
        .containsExactly(f.c2, f.c1, f.c7);
    assertThat(ids(f.admin, week + "queue=" + f.t.domain() + "-sales")).containsExactly(f.c3);
    assertThat(ids(f.admin, week + "disposition=sale")).containsExactly(f.c1);
    assertThat(ids(f.admin, week + "caller=" + enc("+493022"))).containsExactly(f.c2);
    assertThat(ids(f.admin, week + "caller=030"))
        .as("an outbound call's dialled number")
        .containsExactly(f.c4);
    assertThat(ids(f.admin, week + "dataKey=CustomerId&dataValue=CRM-1")).containsExactly(f.c1);
    assertThat(ids(f.admin, week + "dataKey=CustomerId&dataValue=CRM-"))
        .as("a value matches whole")
        .isEmpty();
    assertThat(
            ids(
                f.admin,
                week + "outcome=answered&agent=" + f.t.aliceAgent() + "&direction=inbound"))
        .containsExactly(f.c1);
  }

  @Test
  @DisplayName(
      "an admin sees the tenant, a supervisor its groups' queues and agents, an agent its own legs")
  void scopes() {
    String week = "from=2026-01-13&to=2026-01-15";
    assertThat(ids(f.admin, week)).containsExactly(f.c8, f.c6, f.c5, f.c4, f.c3, f.c2, f.c1, f.c7);
    assertThat(ids(f.sam, week)).containsExactly(f.c6, f.c5, f.c4, f.c2, f.c1, f.c7);
    assertThat(ids(f.alice, week)).containsExactly(f.c6, f.c1, f.c7);
    assertThat(ids(f.alice, week + "&agent=" + f.t.carolAgent()))
        .as("filters only narrow the scope")
        .containsExactly(f.c7);
    assertThat(ids(f.otherAdmin, week)).containsExactly(f.foreign);

    assertThat(api.get("/api/history/calls/" + f.c1, bearer(f.alice)).status()).isEqualTo(200);
    assertNotFound(api.get("/api/history/calls/" + f.c3, bearer(f.alice)));
    assertNotFound(api.get("/api/history/calls/" + f.c3, bearer(f.sam)));
    assertNotFound(api.get("/api/history/calls/" + f.c8, bearer(f.sam)));
    assertThat(api.get("/api/history/calls/" + f.c7, bearer(f.sam)).status()).isEqualTo(200);
    assertNotFound(api.get("/api/history/calls/" + f.c1, bearer(f.otherAdmin)));
    assertNotFound(api.get("/api/history/calls/" + f.foreign, bearer(f.admin)));
    assertThat(api.get("/api/history/calls?" + week).status()).isEqualTo(401);
  }

  @Test
  @DisplayName(
      "pages follow each other by key, newest first or oldest first, with no call twice or left out")
  void keysetPaging() {
    String week = "from=2026-01-13&to=2026-01-15&limit=3";
    List<Long> seen = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String next = null;
    do {
      JsonObject page =
          api.get(
                  "/api/history/calls?" + week + (next == null ? "" : "&after=" + next),
                  bearer(f.admin))
              .json();
      JsonArray items = page.getJsonArray("items");
      sizes.add(items.size());
      items.forEach(i -> seen.add(((JsonObject) i).getLong("id")));
      next = page.getString("next");
    } while (next != null);
    assertThat(sizes).containsExactly(3, 3, 2);
    assertThat(seen).containsExactly(f.c8, f.c6, f.c5, f.c4, f.c3, f.c2, f.c1, f.c7);
    assertThat(ids(f.admin, "from=2026-01-13&to=2026-01-15&sort=startedAt"))
        .containsExactly(f.c7, f.c1, f.c2, f.c3, f.c4, f.c5, f.c6, f.c8);
  }

  @Test
  @DisplayName(
      "a call's detail: the list's facts, its timeline with times, parties, named data, disposition, notes")
  void detail() {
    JsonObject c1 = api.get("/api/history/calls/" + f.c1, bearer(f.sam)).json();
    assertThat(c1.getString("callId")).isEqualTo("c1");
    assertThat(c1.getString("direction")).isEqualTo("inbound");
    assertThat(c1.getString("outcome")).isEqualTo("answered");
    assertThat(c1.getJsonObject("queue").getString("label")).isEqualTo("Support");
    assertThat(c1.getJsonObject("agent").getString("extension")).isEqualTo("1001");
    assertThat(c1.getInteger("waitSeconds")).isEqualTo(10);
    assertThat(c1.getInteger("talkSeconds")).as("talk is not in the fixture's rows").isNull();
    assertThat(c1.getInteger("heldSeconds")).isEqualTo(20);
    assertThat(timeline(c1))
        .containsExactly(
            "2026-01-14T08:00:00Z queued -",
            "2026-01-14T08:00:02Z ringing 1001",
            "2026-01-14T08:00:10Z answered 1001",
            "2026-01-14T08:00:30Z recording_started -",
            "2026-01-14T08:01:00Z held -",
            "2026-01-14T08:01:20Z resumed -",
            "2026-01-14T08:02:10Z left 1001",
            "2026-01-14T08:02:10Z recording_stopped -",
            "2026-01-14T08:02:10Z ended -",
            "2026-01-14T08:02:30Z disposition 1001");
    assertThat(c1.getJsonArray("attachedData"))
        .containsExactly(
            new JsonObject()
                .put("position", 1)
                .put("key", "CustomerId")
                .put("label", "Customer number")
                .put("value", "CRM-1"),
            new JsonObject()
                .put("position", 2)
                .put("key", "Language")
                .put("label", "Language")
                .put("value", "de"));
    assertThat(c1.getJsonObject("disposition").getString("label")).isEqualTo("Sale");
    assertThat(c1.getJsonObject("disposition").getString("note")).isEqualTo("wants a quote");
    assertThat(c1.getJsonArray("notes").stream().map(n -> ((JsonObject) n).getString("text")))
        .containsExactly("wants a quote", "angry customer");
    JsonObject rec = c1.getJsonArray("recordings").getJsonObject(0);
    assertThat(rec.getLong("id")).isEqualTo(f.c1Recording);
    assertThat(rec.getString("url"))
        .startsWith(
            "/api/history/calls/" + f.c1 + "/recordings/" + f.c1Recording + "/audio?ticket=");
    assertThat(rec.encode()).as("the file's name stays on the server").doesNotContain("c1.wav");

    JsonObject c2 = api.get("/api/history/calls/" + f.c2, bearer(f.admin)).json();
    assertThat(timeline(c2))
        .containsExactly(
            "2026-01-14T22:59:30Z queued -",
            "2026-01-14T22:59:35Z ringing 1002",
            "2026-01-14T22:59:50Z not_answered 1002",
            "2026-01-14T23:00:30Z abandoned -");
    assertThat(c2.getJsonArray("timeline").getJsonObject(3).getString("detail"))
        .isEqualTo("after 60 s");

    JsonObject c7 = api.get("/api/history/calls/" + f.c7, bearer(f.admin)).json();
    assertThat(timeline(c7))
        .containsExactly(
            "2026-01-13T12:00:00Z queued -",
            "2026-01-13T12:00:05Z ringing 1001",
            "2026-01-13T12:00:10Z answered 1001",
            "2026-01-13T12:02:00Z transferred 1001",
            "2026-01-13T12:02:00Z ringing 1003",
            "2026-01-13T12:02:05Z answered 1003",
            "2026-01-13T12:05:00Z left 1003",
            "2026-01-13T12:05:00Z ended -");
    assertThat(
            c7.getJsonArray("parties").stream()
                .map(
                    p ->
                        ((JsonObject) p).getString("role")
                            + ":"
                            + ((JsonObject) p).getString("endReason")))
        .containsExactly("primary:transferred", "transfer:hangup");
  }

  @Test
  @DisplayName(
      "bad dates, backwards or over-a-year periods, unknown names and ids get a problem with a stable code")
  void badParameters() {
    problem("from=2026-02-30", 400, "invalid-date");
    problem("to=yesterday", 400, "invalid-date");
    problem("from=2026-01-15&to=2026-01-14", 400, "invalid-period");
    problem("from=2025-01-01&to=2026-01-15", 400, "period-too-long");
    problem("direction=sideways", 400, "invalid-request");
    problem("outcome=great", 400, "invalid-request");
    problem("limit=0", 400, "invalid-request");
    problem("limit=1000", 400, "invalid-request");
    problem("sort=caller", 400, "invalid-request");
    problem("caller=" + enc("1%"), 400, "invalid-request");
    problem("dataKey=CustomerId", 400, "invalid-request");
    problem("after=garbage", 400, "invalid-cursor");
    problem("agent=abc", 400, "unknown-agent");
    problem("agent=" + f.other.aliceAgent(), 400, "unknown-agent");
    problem("queue=nope", 400, "unknown-queue");
    problem("queue=" + f.other.domain() + "-support", 400, "unknown-queue");
    problem("disposition=nope", 400, "unknown-disposition");
    problem("dataKey=Nope&dataValue=x", 400, "unknown-key");
    assertNotFound(api.get("/api/history/calls/abc", bearer(f.admin)));
    assertNotFound(api.get("/api/history/calls/0", bearer(f.admin)));
    assertNotFound(api.get("/api/history/calls/999999999", bearer(f.admin)));
  }

  private void problem(String query, int status, String code) {
    Response r = api.get("/api/history/calls?" + query, bearer(f.admin));
    assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.code()).as(query).isEqualTo(code);
    assertThat(r.json().getString("detail")).isNotBlank();
  }

  private static void assertNotFound(Response r) {
    assertThat(r.status()).as(r.body()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  private List<Long> ids(String token, String query) {
    Response r = api.get("/api/history/calls?" + query, bearer(token));
    assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(200);
    return r.json().getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getLong("id"))
        .toList();
  }

  /** "at kind extension-of-agent" per entry. */
  private static List<String> timeline(JsonObject call) {
    return call.getJsonArray("timeline").stream()
        .map(o -> (JsonObject) o)
        .map(
            e ->
                e.getString("at")
                    + " "
                    + e.getString("kind")
                    + " "
                    + (e.getJsonObject("agent") == null
                        ? "-"
                        : e.getJsonObject("agent").getString("extension")))
        .toList();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
