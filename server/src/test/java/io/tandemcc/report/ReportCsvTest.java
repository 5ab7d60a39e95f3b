package io.tandemcc.report;

import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The CSV download of the reports through the API: quoting of what users typed, and streaming of a
 * big export.
 */
@DisplayName("Reports as CSV: quoting, formula guard and a streamed export")
class ReportCsvTest {
  private Server server;
  private Api api;
  private TestTenant t;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    t = TestTenants.create(server.database(), "repcsv");
  }

  @Test
  @DisplayName(
      "an agent name with a formula, a comma, quotes and a newline arrives quoted and defused")
  void namesAreQuotedAndDefused() {
    server
        .database()
        .dsl()
        .update(APP_USER)
        .set(APP_USER.DISPLAY_NAME, "=cmd|' /C calc'!A0, \"Bob\"\nX")
        .where(APP_USER.ID.eq(t.aliceUser()))
        .execute();
    new ReportFixture(server.database(), t, "UTC")
        .state(t.aliceAgent(), "2026-03-28T10:00:00Z", "READY", null, "IDLE", null)
        .state(t.aliceAgent(), "2026-03-28T11:00:00Z", "LOGGED_OUT", null, "IDLE", null);
    String token = api.tokenOf("admin", t.domain());
    var r = api.get("/api/reports/agents?from=2026-03-28&to=2026-03-28&format=csv", bearer(token));
    assertThat(r.status()).isEqualTo(200);
    // one hour Ready in UTC: 10:00..11:00 = 3600
    assertThat(r.body())
        .contains(
            "2026-03-28T00:00:00Z,"
                + t.aliceAgent()
                + ",1001,\"'=cmd|' /C calc'!A0, \"\"Bob\"\"\nX\",3600,3600,0,");
  }

  @Test
  @DisplayName(
      "a year of hourly rows (8760) streams as a chunked download, header first, every row there")
  void bigExportStreams() throws Exception {
    // carol is Ready from before 2025 until long after: every local hour of 2025 has a row (Berlin:
    // 8760 hours,
    // the lost hour of March and the extra hour of October cancel out)
    new ReportFixture(server.database(), t, "Europe/Berlin")
        .state(t.carolAgent(), "2024-12-01T00:00:00Z", "READY", null, "IDLE", null)
        .state(t.carolAgent(), "2026-02-01T00:00:00Z", "LOGGED_OUT", null, "IDLE", null);
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    api.base() + "/api/reports/agents?from=2025-01-01&to=2025-12-31&interval=hour"))
            .header("Authorization", "Bearer " + api.tokenOf("admin", t.domain()))
            .header("Accept", "text/csv")
            .timeout(Duration.ofSeconds(60))
            .build();
    HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(r.statusCode()).isEqualTo(200);
    // no length up front: the body is sent in chunks as the cursor is read (Java's client hides the
    // Transfer-Encoding header itself)
    assertThat(r.headers().firstValue("Content-Length")).isEmpty();
    int rows = 0;
    String first;
    String last = null;
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
      first = in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        rows++;
        last = line;
      }
    }
    assertThat(first).startsWith("intervalStart,agentId,");
    assertThat(rows).isEqualTo(8760);
    // the last local hour of 2025: 23:00 CET, Ready all of it
    assertThat(last)
        .startsWith("2025-12-31T23:00:00+01:00," + t.carolAgent() + ",1003,Carol Test,3600,3600,");
  }

  @Test
  @DisplayName(
      "a client that goes away mid-export does not keep the server busy: the next request is served")
  void abandonedDownload() throws Exception {
    new ReportFixture(server.database(), t, "UTC")
        .state(t.carolAgent(), "2024-12-01T00:00:00Z", "READY", null, "IDLE", null);
    HttpClient http = HttpClient.newHttpClient();
    String token = api.tokenOf("admin", t.domain());
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(
                    api.base()
                        + "/api/reports/agents?from=2025-01-01&to=2025-12-31&interval=hour&format=csv"))
            .header("Authorization", "Bearer " + token)
            .timeout(Duration.ofSeconds(60))
            .build();
    HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      assertThat(in.readNBytes(100)).hasSize(100);
    }
    var next = api.get("/api/reports/agents?from=2025-01-01&to=2025-01-01", bearer(token));
    assertThat(next.status()).isEqualTo(200);
  }
}
