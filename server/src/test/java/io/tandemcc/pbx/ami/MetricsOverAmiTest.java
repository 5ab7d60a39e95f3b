package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.tenant.DemoData;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} after a replayed call: trace 04 (a queue call alice answers, then wrap-up)
 * through the scripted Asterisk, then the figures the operators' dashboards read, each with the
 * value the call must have left.
 */
@DisplayName("Metrics after a replayed queue call")
class MetricsOverAmiTest {
  private static final Duration SOON = Duration.ofSeconds(5);
  private ScriptedAmiPeer peer;
  private Server server;
  private Api api;
  private String token;

  @AfterEach
  void tearDown() throws Exception {
    TraceCalls.tearDown(server, peer, api, token);
  }

  @Test
  @DisplayName(
      "screen-pop latency, agents per state, queue waiting, PBX link and events, sockets, HTTP and pool")
  void figuresAfterACall() throws Exception {
    String trace = "04-queue-call-answered-agent-hangs-up";
    Server shared = TestServer.get();
    TraceCalls.startAfresh(shared, trace);
    peer = ScriptedAmiPeer.start(TraceCalls.agentReadyScript(trace, null));
    server = TraceCalls.serverOn(shared, peer);
    api = new Api(server.port());
    Await.until(
        () -> api.get("/api/health").status() == 200, "PBX link up", Duration.ofSeconds(40));
    token =
        api.post("/api/login", Api.login("alice", DemoData.PASSWORD, DemoData.DOMAIN))
            .json()
            .getString("accessToken");
    long tenant =
        server
                    .database()
                    .dsl()
                    .fetchValue("select id from tenant where domain = ?", DemoData.DOMAIN)
                instanceof Number n
            ? n.longValue()
            : -1;

    try (PushClient browser = PushClient.authenticated(server.port(), token)) {
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(token)).status())
          .isEqualTo(200);
      assertThat(browser.nextOfType("call.offer", SOON)).as("call offer").isNotNull();
      Await.until(
          () ->
              value(scrape(), "tandem_agents", "state=\"wrapup\",tenant_id=\"" + tenant + "\"")
                  == 1,
          "alice counted in wrap-up",
          SOON);

      String text = scrape();
      assertThat(value(text, "tandem_screen_pop_seconds_count", ""))
          .as("one screen-pop timed")
          .isEqualTo(1);
      assertThat(value(text, "tandem_agents", "state=\"ready\",tenant_id=\"" + tenant + "\""))
          .isZero();
      assertThat(value(text, "tandem_pbx_link_up", "pbx=\"asterisk\"")).isEqualTo(1);
      assertThat(value(text, "tandem_pbx_events_total", "type=\"QueueCallerJoined\"")).isEqualTo(1);
      assertThat(value(text, "tandem_queue_waiting", "queue=\"support\",tenant=\"acme\""))
          .as("the caller left the queue when alice answered")
          .isZero();
      assertThat(value(text, "tandem_push_connections", "")).as("alice's tab").isEqualTo(1);
      assertThat(value(text, "tandem_sip_sockets", "")).isZero();
      // the route label is the chain of routes that handled the request (the body handler's, then
      // the login's)
      assertThat(
              value(
                  text,
                  "vertx_http_server_requests_total",
                  "code=\"200\",method=\"POST\",route=\"/api/>/api/login\""))
          .isEqualTo(1);
      assertThat(text).contains("hikaricp_connections_max{pool=\"tandemcc-db\"}");
      assertThat(text)
          .as("buckets for p99 per route")
          .contains(
              "vertx_http_server_response_time_seconds_bucket{code=\"200\",method=\"POST\",route=\"/api/>/api/login\",le=\"0.025\"}");
      assertThat(text).contains("jvm_memory_used_bytes");
      assertThat(value(text, "tandem_event_loop_lag_seconds_count", ""))
          .as("the owners' loop measured")
          .isPositive();
    }
  }

  private String scrape() {
    Api.Response r = api.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/plain; version=0.0.4");
    return r.body();
  }

  /**
   * The sum of the series {@code name{…}} whose label set contains {@code labels} (in Prometheus'
   * order), NaN when there is none.
   */
  static double value(String text, String name, String labels) {
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(text);
    double sum = 0;
    boolean found = false;
    while (m.find()) {
      String set = m.group(1) == null ? "" : m.group(1);
      if (set.contains(labels)) {
        sum += Double.parseDouble(m.group(2));
        found = true;
      }
    }
    return found ? sum : Double.NaN;
  }
}
