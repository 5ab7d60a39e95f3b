package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import io.tandemcc.db.EmbeddedDatabase;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Gate;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.PushClient;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jooq.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15, fault test 1: PostgreSQL stopped in the middle of a run and started again on the same
 * data directory and port. A server of its own (its own embedded PostgreSQL, the demo tenant)
 * follows trace 04's queue call: alice is rung while the database is up, then it stops; she answers
 * and the call ends during the outage; she makes changes of her own. Then the database comes back.
 */
@DisplayName(
    "PostgreSQL stopped and restarted mid-run: nothing acknowledged is lost, the API answers 503 meanwhile")
class DatabaseOutageOverAmiTest {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageOverAmiTest.class);
  private static final String CALL = "1795315375.0";
  private static final Duration FAST = Duration.ofSeconds(5);

  private final CompletableFuture<Void> outage = new CompletableFuture<>();
  private Path pgDir;
  private int pgPort;
  private EmbeddedDatabase pg;
  private Path dataDir;
  private ScriptedAmiPeer peer;
  private Server server;

  @AfterEach
  void tearDown() {
    outage.complete(null);
    if (server != null) {
      server.close();
    }
    if (peer != null) {
      peer.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  @DisplayName(
      "during the outage: 503 within seconds, health degraded, changes acknowledged or refused truthfully; "
          + "after it: every acknowledged change and the call's record and parties are in, in order, and restored")
  void outageMidCall() throws Exception {
    pgDir = Files.createTempDirectory("tandemcc-outage-pg");
    pgPort = freePort();
    pg = EmbeddedDatabase.start(pgDir, pgPort);
    dataDir = Files.createTempDirectory("tandemcc-outage-data");
    // a fresh database to migrate and seed first: more patience than the peer's default; the server
    // started afresh at
    // the end finds a PBX too
    peer = ScriptedAmiPeer.acceptingAfterScript(script(), Duration.ofSeconds(60));
    server = start();
    Api api = new Api(server.port());
    Await.until(
        () -> api.get("/api/health").status() == 200, "PBX link up", Duration.ofSeconds(40));
    // the demo tenant asks for a disposition before wrap-up ends, which needs the database: not
    // here
    server
        .database()
        .dsl()
        .execute(
            "update tenant set disposition_required = false where domain = ?", DemoData.DOMAIN);
    String alice = token(api, "alice");
    List<String> acknowledged = new ArrayList<>();

    try (PushClient browser = PushClient.authenticated(server.port(), alice)) {
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)).status())
          .isEqualTo(200);
      acknowledged.add("READY");
      awaitState(browser, "READY/RINGING");

      pg.close(); // PostgreSQL goes away while alice's phone rings
      long down = System.nanoTime();
      Await.until(
          () -> degraded(api, "database"), "health degraded: database", Duration.ofSeconds(10));
      long seen = System.nanoTime();
      LOG.info("MEASURED outage seen by /api/health after {} ms", (seen - down) / 1_000_000);

      long t0 = System.nanoTime();
      Api.Response login =
          api.post("/api/login", Api.login("bob", DemoData.PASSWORD, DemoData.DOMAIN));
      long loginMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(login.status()).as(login.body()).isEqualTo(503);
      assertThat(login.code()).isEqualTo("database-unavailable");
      assertThat(login.contentType()).startsWith("application/problem+json");
      t0 = System.nanoTime();
      Api.Response callbacks = api.get("/api/callbacks", bearer(alice));
      long callbacksMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(callbacks.status()).as(callbacks.body()).isEqualTo(503);
      assertThat(callbacks.code()).isEqualTo("database-unavailable");
      LOG.info(
          "MEASURED during the outage: login failed in {} ms, GET /api/callbacks in {} ms",
          loginMs,
          callbacksMs);
      assertThat(Duration.ofMillis(Math.max(loginMs, callbacksMs))).isLessThan(FAST);

      outage.complete(null); // alice answers, talks, and the call ends while the database is away
      awaitState(browser, "READY/TALKING");
      awaitState(browser, "WRAPUP/IDLE");

      // her own changes: each either acknowledged (200) or refused (503), never a 200 that is lost
      t0 = System.nanoTime();
      Api.Response end = api.post("/api/agent/wrapup/end", "", bearer(alice));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(FAST);
      assertThat(end.status()).as(end.body()).isIn(200, 503);
      if (end.status() == 200) {
        acknowledged.add("READY");
      }
      t0 = System.nanoTime();
      Api.Response notReady =
          api.put(
              "/api/agent/state",
              "{\"status\":\"NOT_READY\",\"reasonCode\":\"break\"}",
              bearer(alice));
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(FAST);
      assertThat(notReady.status()).as(notReady.body()).isIn(200, 503);
      if (notReady.status() == 200) {
        acknowledged.add("NOT_READY");
      } else {
        assertThat(notReady.code()).isEqualTo("database-unavailable");
      }
      LOG.info(
          "during the outage: wrap-up end answered {}, Not Ready answered {}",
          end.status(),
          notReady.status());
      assertThat(acknowledged)
          .as("the state changes that need no database are acknowledged")
          .hasSizeGreaterThan(1);
      assertThat(degraded(api, "database")).isTrue();

      long restart = System.nanoTime();
      pg = EmbeddedDatabase.start(pgDir, pgPort); // back, same data directory and port
      long pgUp = System.nanoTime();
      Await.until(
          () -> api.get("/api/health").status() == 200, "health up again", Duration.ofSeconds(15));
      long healthy = System.nanoTime();
      long aliceId = agentId(server, "alice");
      Await.until(
          () -> statuses(server, aliceId).size() >= 5 && callComplete(server),
          "the outage's rows in the database",
          Duration.ofSeconds(15));
      long caughtUp = System.nanoTime();
      LOG.info(
          "MEASURED PostgreSQL start {} ms; health up {} ms after it; outage rows written {} ms after it",
          (pgUp - restart) / 1_000_000,
          (healthy - pgUp) / 1_000_000,
          (caughtUp - pgUp) / 1_000_000);
    }

    long aliceId = agentId(server, "alice");
    List<String> history = statuses(server, aliceId);
    // the PBX's changes and hers, all in, in the order they happened
    List<String> expected =
        new ArrayList<>(List.of("READY/IDLE", "READY/RINGING", "READY/TALKING", "WRAPUP/IDLE"));
    acknowledged.subList(1, acknowledged.size()).forEach(s -> expected.add(s + "/IDLE"));
    assertThat(history).containsSubsequence(expected);
    assertThat(history.get(history.size() - 1)).isEqualTo(expected.get(expected.size() - 1));

    Record party =
        server
            .database()
            .dsl()
            .fetchOne(
                "select p.answered_at, p.left_at, r.outcome, r.ended_at"
                    + " from call_party p join call_record r on r.id = p.call_record_id where r.call_id = ? and p.agent_id = ?",
                CALL,
                aliceId);
    assertThat(party).as("alice's leg of the call").isNotNull();
    assertThat(party.get(0)).as("answered during the outage").isNotNull();
    assertThat(party.get(1)).as("left during the outage").isNotNull();
    assertThat(party.get(2)).isEqualTo("answered");
    assertThat(party.get(3)).as("the call record's end").isNotNull();

    // a server started afresh restores her last acknowledged state
    server.close();
    server = start();
    Api again = new Api(server.port());
    String token = token(again, "alice");
    JsonObject state = again.get("/api/agent/state", bearer(token)).json();
    assertThat(state.getString("status")).isEqualTo(acknowledged.get(acknowledged.size() - 1));
  }

  private Server start() {
    return Server.start(
        AppConfig.fromEnvironment(
            Map.ofEntries(
                Map.entry("CC_MODE", "dev"),
                Map.entry("HTTP_PORT", "0"),
                Map.entry("DATA_DIR", dataDir.toString()),
                Map.entry("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres"),
                Map.entry("DATABASE_USER", "postgres"),
                Map.entry("DEMO_DATA", "true"),
                Map.entry("DB_CONNECT_TIMEOUT_SECONDS", "2"),
                Map.entry("AMI_HOST", "127.0.0.1"),
                Map.entry("AMI_PORT", Integer.toString(peer.port())),
                Map.entry("AMI_SECRET", "test-secret"),
                Map.entry("AMI_TIMEOUT_SECONDS", "30"))));
  }

  /**
   * Trace 04 with alice's check-in answered; Asterisk waits for the outage before alice answers.
   */
  private AmiScript script() {
    List<Step> steps = new ArrayList<>();
    for (Step s :
        AmiScript.fromTrace("04-queue-call-answered-agent-hangs-up", "QueueAdd").steps()) {
      steps.add(s);
      if (s instanceof Expect e && "QueueAdd".equalsIgnoreCase(e.action())) {
        steps.add(
            new Expect(
                AmiFrame.of("Action: QueuePause", "ActionID: x"),
                List.of(
                    AmiFrame.of(
                        "Response: Success",
                        "ActionID: x",
                        "Message: Interface paused successfully")),
                true));
      }
    }
    return new AmiScript(steps).insertBefore(AmiScript.event("AgentConnect"), new Gate(outage));
  }

  private static String token(Api api, String username) {
    Api.Response login =
        api.post("/api/login", Api.login(username, DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json().getString("accessToken");
  }

  private static boolean degraded(Api api, String part) {
    Api.Response health = api.get("/api/health");
    return health.status() == 503 && health.json().getJsonArray("degraded").contains(part);
  }

  private static long agentId(Server server, String username) {
    return ((Number)
            server
                .database()
                .dsl()
                .fetchValue(
                    "select a.id from agent a join app_user u on u.id = a.user_id"
                        + " join tenant t on t.id = a.tenant_id where t.domain = ? and u.username = ?",
                    DemoData.DOMAIN,
                    username))
        .longValue();
  }

  private static List<String> statuses(Server server, long agentId) {
    return server
        .database()
        .dsl()
        .fetch(
            "select status, call_state from agent_state_history where agent_id = ?"
                + " order by id",
            agentId)
        .map(r -> r.get(0, String.class) + "/" + r.get(1, String.class));
  }

  private static boolean callComplete(Server server) {
    Object left =
        server
            .database()
            .dsl()
            .fetchValue(
                "select count(*) from call_party p join call_record r"
                    + " on r.id = p.call_record_id where r.call_id = ? and p.left_at is not null and r.ended_at is not null",
                CALL);
    return ((Number) left).intValue() > 0;
  }

  private static JsonObject awaitState(PushClient browser, String wanted) throws Exception {
    List<String> seen = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m = browser.nextOfType("agent.state", Duration.ofSeconds(15));
      if (m == null) {
        break;
      }
      JsonObject state = m.getJsonObject("state");
      String now =
          state.getString("status")
              + "/"
              + (state.getValue("call") == null
                  ? "IDLE"
                  : state.getJsonObject("call").getString("state"));
      seen.add(now);
      if (now.equals(wanted)) {
        return state;
      }
    }
    throw new AssertionError("no " + wanted + " state; seen " + seen);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
