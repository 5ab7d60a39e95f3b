package io.tandemcc.history;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/history/calls} as CSV ({@code format=csv} or {@code Accept: text/csv}): the very
 * calls of the JSON list for the same scope and filters, every page of them, one row each under a
 * header row, times in the tenant's zone; bad parameters are still problems.
 */
@DisplayName("Call history: the CSV export of the list")
class CallHistoryCsvTest {
  private Server server;
  private Api api;
  private HistoryFixture f;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    f = new HistoryFixture(server, api);
  }

  private List<String> lines(String token, String query, String... headers) {
    List<String> all = new ArrayList<>(List.of(bearer(token)));
    all.addAll(List.of(headers));
    Response r = api.get("/api/history/calls?" + query, all.toArray(String[]::new));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("text/csv; charset=utf-8");
    return r.body().lines().toList();
  }

  private static List<Long> ids(List<String> lines) {
    return lines.stream().skip(1).map(l -> Long.parseLong(l.substring(0, l.indexOf(',')))).toList();
  }

  @Test
  @DisplayName(
      "the CSV holds the list's calls for each scope and filter, whatever 'limit' says, under a header")
  void sameCallsAsTheList() {
    String week = "from=2026-01-13&to=2026-01-15";
    List<String> admin = lines(f.admin, week + "&format=csv&limit=2");
    assertThat(admin.get(0)).isEqualTo(String.join(",", CallSummary.COLUMNS));
    assertThat(ids(admin)).containsExactly(f.c8, f.c6, f.c5, f.c4, f.c3, f.c2, f.c1, f.c7);
    assertThat(ids(lines(f.sam, week, "Accept", "text/csv")))
        .containsExactly(f.c6, f.c5, f.c4, f.c2, f.c1, f.c7);
    assertThat(ids(lines(f.alice, week + "&format=csv"))).containsExactly(f.c6, f.c1, f.c7);
    assertThat(ids(lines(f.otherAdmin, week + "&format=csv"))).containsExactly(f.foreign);
    assertThat(ids(lines(f.admin, week + "&format=csv&outcome=abandoned"))).containsExactly(f.c2);
    assertThat(ids(lines(f.admin, week + "&format=csv&sort=startedAt")))
        .containsExactly(f.c7, f.c1, f.c2, f.c3, f.c4, f.c5, f.c6, f.c8);
    // the day of the 14th in Berlin (+01:00): c1's row carries its local start and its queue and
    // agent
    JsonObject c1 = api.get("/api/history/calls/" + f.c1, bearer(f.admin)).json();
    String row = admin.stream().filter(l -> l.startsWith(f.c1 + ",")).findFirst().orElseThrow();
    assertThat(row).contains("+01:00").contains(c1.getString("callId"));
    assertThat(row).contains("Alice Test");
  }

  @Test
  @DisplayName(
      "more calls than one export batch: every call once, in order, across the keyset pages (ties included)")
  void manyCallsStreamInOrder() {
    int n = 2 * CallHistoryRepository.EXPORT_BATCH + 17;
    // two calls per second, so pairs share their start: the cursor must order them by id too
    server
        .database()
        .dsl()
        .execute(
            """
        insert into call_record (tenant_id, call_id, kind, started_at, offered_at, ended_at, outcome)
        select ?, 'bulk-' || g, 'queue', timestamptz '2026-02-01 08:00:00+00' + (g / 2) * interval '1 second',
          timestamptz '2026-02-01 08:00:00+00' + (g / 2) * interval '1 second',
          timestamptz '2026-02-01 08:00:00+00' + (g / 2) * interval '1 second' + interval '5 seconds', 'abandoned'
        from generate_series(1, ?) g
        """,
            f.other.id(),
            n);
    List<Long> ids = ids(lines(f.otherAdmin, "from=2026-02-01&to=2026-02-01&format=csv"));
    assertThat(ids).hasSize(n).doesNotHaveDuplicates();
    List<Long> bulkIds =
        server
            .database()
            .dsl()
            .resultQuery(
                "select id from call_record where tenant_id = ? and "
                    + "call_id like 'bulk-%' order by started_at desc, id desc",
                f.other.id())
            .fetch(r -> r.get(0, Long.class));
    assertThat(ids).containsExactlyElementsOf(bulkIds);
    assertThat(lines(f.admin, "from=2026-02-01&to=2026-02-01&format=csv"))
        .as("another tenant's calls")
        .hasSize(1);
  }

  @Test
  @DisplayName("bad parameters of an export are problems, as for the list; without a token 401")
  void badParameters() {
    Response r = api.get("/api/history/calls?from=2026-13-01&format=csv", bearer(f.admin));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(
            api.get("/api/history/calls?from=2025-01-01&to=2026-03-01&format=csv", bearer(f.admin))
                .code())
        .isEqualTo("period-too-long");
    assertThat(
            api.get("/api/history/calls?format=csv&agent=" + f.other.aliceAgent(), bearer(f.admin))
                .status())
        .isEqualTo(400);
    assertThat(api.get("/api/history/calls?format=xml", bearer(f.admin)).code())
        .isEqualTo("invalid-format");
    assertThat(api.get("/api/history/calls?format=csv").status()).isEqualTo(401);
  }
}
