package io.tandemcc.pbx.ami;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.db.EmbeddedDatabase;
import io.tandemcc.pbx.ami.AmiScript.Close;
import io.tandemcc.pbx.ami.AmiScript.End;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Gate;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.PushClient;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15, fault test 2: the server, a process of its own ({@code java io.tandemcc.Main} on the
 * test class path, configured from the environment like a deployment), is killed with SIGKILL in
 * the middle of trace 04's queue call, a moment after it acknowledged a change of alice's state
 * that only its journal holds (PostgreSQL is stopped), and started again on the same database
 * (back) and DATA_DIR. Asterisk (the scripted peer) still has the call: its CoreShowChannels lists
 * alice's leg Up, bridged with the customer (the items of CallResyncOverAmiTest, hand-made in
 * Asterisk 22's layout).
 */
@DisplayName(
    "The server killed with -9 mid-call and started again: acknowledged state back, the call rediscovered")
class ServerCrashOverAmiTest {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCrashOverAmiTest.class);
  private static final String CALL = "1795315375.0";

  private final CompletableFuture<Void> crashed = new CompletableFuture<>();
  private EmbeddedDatabase pg;
  private ScriptedAmiPeer peer;
  private Process server;
  private Path dataDir;
  private Path log;

  @AfterEach
  void tearDown() throws Exception {
    crashed.complete(null);
    if (server != null) {
      server.destroyForcibly().waitFor();
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
      "alice talking; PostgreSQL away; Ready acknowledged; kill -9: after the restart she is Ready, on the "
          + "call, which the PBX resynchronisation found; her history has every acknowledged change, from the journal")
  void killedMidCall() throws Exception {
    Path pgDir = Files.createTempDirectory("tandemcc-crash-pg");
    pg = EmbeddedDatabase.start(pgDir, 0);
    int pgPort = pg.port();
    dataDir = Files.createTempDirectory("tandemcc-crash-data");
    peer =
        ScriptedAmiPeer.acceptingAfterScript(
            script(), Duration.ofSeconds(120)); // a JVM to start, twice
    int port = startServer();
    Api api = new Api(port);
    Await.until(
        () -> api.get("/api/health").status() == 200, "PBX link up", Duration.ofSeconds(60));
    sql("update tenant set disposition_required = false where domain = '" + DemoData.DOMAIN + "'");
    String alice = token(api);

    try (PushClient browser = PushClient.authenticated(port, alice)) {
      assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice)).status())
          .isEqualTo(200);
      awaitState(browser, "READY/TALKING");
      Api.Response notReady =
          api.put(
              "/api/agent/state",
              "{\"status\":\"NOT_READY\",\"reasonCode\":\"break\"}",
              bearer(alice));
      assertThat(notReady.status()).as(notReady.body()).isEqualTo(200);
      assertThat(notReady.json().getString("status")).isEqualTo("PENDING_NOT_READY");
      Await.until(
          () -> history().contains("PENDING_NOT_READY/TALKING/NotReadyRequested"),
          "Not Ready written",
          Duration.ofSeconds(10));

      pg.close(); // the database goes away; she changes her mind: Ready after the call after all
      Api.Response ready = api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
      server.destroyForcibly(); // SIGKILL, right after the acknowledgement
      assertThat(ready.status()).as(ready.body()).isEqualTo(200);
      assertThat(ready.json().getString("status")).isEqualTo("READY");
    }
    assertThat(server.waitFor()).isEqualTo(137);
    String journal = Files.readString(dataDir.resolve("journal/agent-state.jsonl"));
    LOG.info("journal left by the killed server: {} lines", journal.lines().count());
    assertThat(journal)
        .as("the acknowledged Ready is only in the journal")
        .contains("ReadyRequested");
    pg = EmbeddedDatabase.start(pgDir, pgPort);

    crashed.complete(null); // Asterisk still has the call; the next AMI session lists it
    long restart = System.nanoTime();
    port = startServer();
    Api again = new Api(port);
    Await.until(
        () -> again.get("/api/health").status() == 200,
        "restarted, PBX link up",
        Duration.ofSeconds(60));
    LOG.info(
        "MEASURED restart to healthy: {} ms (JVM start, migrations, journal replay, AMI link-up)",
        (System.nanoTime() - restart) / 1_000_000);
    String token = token(again);
    Await.until(
        () -> {
          JsonObject call =
              again.get("/api/agent/state", bearer(token)).json().getJsonObject("call");
          return call != null && "TALKING".equals(call.getString("state"));
        },
        "the call rediscovered",
        Duration.ofSeconds(15));
    JsonObject state = again.get("/api/agent/state", bearer(token)).json();
    assertThat(state.getString("status")).isEqualTo("READY");
    assertThat(state.getJsonObject("call").getString("callId")).isEqualTo(CALL);

    assertThat(history())
        .as("every acknowledged change, in order")
        .containsSubsequence(
            "READY/IDLE/ReadyRequested",
            "READY/TALKING/CallAnswered",
            "PENDING_NOT_READY/TALKING/NotReadyRequested",
            "READY/TALKING/ReadyRequested");
    String replayed =
        Files.readString(log)
            .lines()
            .filter(l -> l.contains("journalled agent state changes replayed"))
            .findFirst()
            .orElseThrow(
                () -> new AssertionError("no journal replay in the restarted server's log"));
    LOG.info("MEASURED {}", replayed);
  }

  /** Alice's state history: status/call state/event, oldest first. */
  private List<String> history() throws Exception {
    List<String> history = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl());
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "select h.status || '/' || h.call_state || '/' ||"
                        + " split_part(h.cause, ':', 1)"
                        + " from agent_state_history h join agent a on a.id = h.agent_id join app_user u on u.id = a.user_id"
                        + " where u.username = 'alice' order by h.id")) {
      while (r.next()) {
        history.add(r.getString(1));
      }
    }
    return history;
  }

  /**
   * Session 1: trace 04 up to alice's AgentConnect (her check-in answered); then Asterisk waits for
   * the crash. Session 2 (the restarted server): CoreShowChannels lists alice's leg Up in the queue
   * call, bridged with the customer.
   */
  private AmiScript script() {
    List<Step> first = new ArrayList<>();
    for (Step s :
        AmiScript.fromTrace("04-queue-call-answered-agent-hangs-up", "QueueAdd").steps()) {
      first.add(s);
      if (s instanceof Expect e && "QueueAdd".equalsIgnoreCase(e.action())) {
        first.add(
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
    List<Step> steps =
        new ArrayList<>(
            new AmiScript(first)
                .cutAfter(AmiScript.event("AgentConnect"), new Gate(crashed), new Close())
                .steps());
    steps.addAll(CallResyncOverAmiTest.login());
    steps.add(
        new Expect(
            AmiFrame.of("Action: CoreShowChannels", "ActionID: x"),
            List.of(
                AmiFrame.of(
                    "Response: Success",
                    "ActionID: x",
                    "EventList: start",
                    "Message: Channels will follow"),
                CallResyncOverAmiTest.channel(
                    "PJSIP/pstn-00000000",
                    "+14155550123",
                    "Jane Customer",
                    "1001",
                    "Alice Agent",
                    "acme-inbound",
                    "1795315375.0",
                    "Queue",
                    "acme-support,t",
                    "00:00:09"),
                CallResyncOverAmiTest.channel(
                    "PJSIP/acme-1001-00000001",
                    "1001",
                    "Alice Agent",
                    "+14155550123",
                    "Jane Customer",
                    "acme-agents",
                    "1795315375.1",
                    "AppQueue",
                    "(Outgoing Line)",
                    "00:00:05"),
                AmiFrame.of(
                    "Event: CoreShowChannelsComplete",
                    "ActionID: x",
                    "EventList: Complete",
                    "ListItems: 2")),
            true));
    steps.add(new End());
    return new AmiScript(steps);
  }

  /** Starts {@code java io.tandemcc.Main} as a child process; returns its HTTP port. */
  private int startServer() throws Exception {
    Path portFile = dataDir.resolve("port");
    Files.deleteIfExists(portFile);
    log = Files.createTempFile("tandemcc-crash-server", ".log");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "io.tandemcc.Main");
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("CC_MODE", "dev");
    pb.environment().put("HTTP_HOST", "127.0.0.1");
    pb.environment().put("HTTP_PORT", "0");
    pb.environment().put("PORT_FILE", portFile.toString());
    pb.environment().put("DATA_DIR", dataDir.toString());
    pb.environment().put("DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + pg.port() + "/postgres");
    pb.environment().put("DATABASE_USER", "postgres");
    pb.environment().put("DEMO_DATA", "true");
    pb.environment().put("AMI_HOST", "127.0.0.1");
    pb.environment().put("AMI_PORT", Integer.toString(peer.port()));
    pb.environment().put("AMI_SECRET", "test-secret");
    pb.environment().put("AMI_TIMEOUT_SECONDS", "30");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    server = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError(
            "the server did not start:\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      Thread.sleep(100);
    }
    return Integer.parseInt(Files.readString(portFile).trim());
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl())) {
      c.createStatement().execute(statement);
    }
  }

  private static String token(Api api) {
    Api.Response login =
        api.post("/api/login", Api.login("alice", DemoData.PASSWORD, DemoData.DOMAIN));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    return login.json().getString("accessToken");
  }

  private static void awaitState(PushClient browser, String wanted) throws Exception {
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
        return;
      }
    }
    throw new AssertionError("no " + wanted + " state; seen " + seen);
  }
}
