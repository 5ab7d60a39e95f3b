package io.tandemcc.pbx.ami;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_STATE_HISTORY;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.Server;
import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.config.AppConfig;
import io.tandemcc.support.Api;
import io.tandemcc.tenant.DemoData;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The calls of a recorded trace in the demo tenant. Every trace starts its channel counters afresh,
 * so its calls keep the same ids (Asterisk's linked ids) from one replay to the next; tests that
 * replay a trace into the shared demo tenant forget what earlier replays — of any test class —
 * recorded for those ids, so counts and parties they check are this replay's own. Likewise each
 * replay starts with the demo agents logged out, whatever an earlier test's server left them in
 * (the state history is shared through the database and restored at start).
 */
final class TraceCalls {
  private TraceCalls() {}

  /** The call ids (linked ids) a trace's events carry. */
  static Set<String> of(String traceName) {
    Set<String> ids = new TreeSet<>();
    try {
      for (String line : Files.readAllLines(TraceFiles.trace(traceName), StandardCharsets.UTF_8)) {
        if (line.startsWith("Linkedid: ")) {
          ids.add(line.substring("Linkedid: ".length()).trim());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ids;
  }

  /**
   * Deletes the demo tenant's records of the trace's calls, with every row of any table that hangs
   * on them.
   */
  static void forget(Server server, String traceName) {
    String ids = String.join(",", of(traceName).stream().map(id -> "'" + id + "'").toList());
    String records =
        "select r.id from call_record r join tenant t on t.id = r.tenant_id where t.domain = '"
            + DemoData.DOMAIN
            + "' and r.call_id in ("
            + ids
            + ")";
    server
        .database()
        .dsl()
        .transaction(
            tx -> {
              DSLContext dsl = DSL.using(tx);
              for (Object table :
                  dsl.fetchValues(
                      "select table_name from information_schema.columns where column_name ="
                          + " 'call_record_id' and table_schema = current_schema()")) {
                dsl.execute("delete from " + table + " where call_record_id in (" + records + ")");
              }
              dsl.execute("delete from call_record where id in (" + records + ")");
            });
  }

  /**
   * A trace's script once the agent is in the queue and has been unpaused (Ready), as on a live
   * system: the trace from its QueueAdd on, with the QueuePause that Ready sends answered. Asterisk
   * sends nothing from the first {@code stopAtEvent} on (null: the whole trace).
   */
  static AmiScript agentReadyScript(String trace, String stopAtEvent) {
    AmiScript recorded = AmiScript.fromTrace(trace, "QueueAdd");
    java.util.List<AmiScript.Step> steps = new java.util.ArrayList<>();
    boolean silent = false;
    for (AmiScript.Step s : recorded.steps()) {
      silent |=
          stopAtEvent != null
              && s instanceof AmiScript.Send send
              && stopAtEvent.equals(send.frame().event());
      if (silent && s instanceof AmiScript.Send) {
        continue;
      }
      steps.add(s);
      if (s instanceof AmiScript.Expect e && "QueueAdd".equalsIgnoreCase(e.action())) {
        steps.add(
            new AmiScript.Expect(
                AmiFrame.of("Action: QueuePause", "ActionID: x"),
                java.util.List.of(
                    AmiFrame.of(
                        "Response: Success",
                        "ActionID: x",
                        "Message: Interface paused successfully")),
                true));
      }
    }
    return new AmiScript(steps);
  }

  /**
   * A second server on the shared database (no demo data of its own: the shared server made it),
   * linked to the scripted Asterisk {@code peer}, on a random port and a fresh data directory.
   */
  static Server serverOn(Server shared, ScriptedAmiPeer peer) throws IOException {
    return Server.start(
        AppConfig.fromEnvironment(
            Map.of(
                "CC_MODE",
                "dev",
                "HTTP_PORT",
                "0",
                "DATA_DIR",
                Files.createTempDirectory("tandemcc-ami").toString(),
                "DATABASE_URL",
                shared.embeddedJdbcUrl().orElseThrow(),
                "DATABASE_USER",
                "postgres",
                "DEMO_DATA",
                "false",
                "AMI_HOST",
                "127.0.0.1",
                "AMI_PORT",
                Integer.toString(peer.port()),
                "AMI_SECRET",
                "test-secret",
                "AMI_TIMEOUT_SECONDS",
                "30")));
  }

  /**
   * Signs a demo agent off after a replay: a call the trace left up is ended in the agent's state
   * (the next test's server must not restore it), then wrap-up is ended and the agent logged out,
   * as far as they are allowed.
   */
  static void signOff(Server server, Api api, String token) throws Exception {
    JsonObject state = api.get("/api/agent/state", Api.bearer(token)).json();
    if (state.getValue("call") != null) {
      long tenant =
          server
              .database()
              .dsl()
              .select(TENANT.ID)
              .from(TENANT)
              .where(TENANT.DOMAIN.eq(DemoData.DOMAIN))
              .fetchOne(TENANT.ID);
      new AgentStateClient(server.vertx())
          .send(
              tenant,
              state.getLong("agentId"),
              new AgentEvent.CallEnded(state.getJsonObject("call").getString("callId")),
              "test")
          .toCompletionStage()
          .toCompletableFuture()
          .get(5, TimeUnit.SECONDS);
    }
    api.post("/api/agent/wrapup/end", "", Api.bearer(token));
    api.post("/api/session/logout", "", Api.bearer(token));
  }

  /**
   * Ends an over-AMI test: signs off every agent that signed in ({@link #signOff}), then stops the
   * server and the scripted Asterisk; any of them may be null (a set-up that failed half-way).
   */
  static void tearDown(Server server, ScriptedAmiPeer peer, Api api, String... tokens)
      throws Exception {
    for (String token : tokens) {
      if (api != null && token != null) {
        signOff(server, api, token);
      }
    }
    if (server != null) {
      server.close();
    }
    if (peer != null) {
      peer.close();
    }
  }

  /**
   * Forgets the trace's calls and logs every demo agent out; call it before the replaying server
   * starts.
   */
  static void startAfresh(Server server, String traceName) {
    forget(server, traceName);
    logOutDemoAgents(server);
  }

  /** Appends a logged-out row to every demo agent's state history (the history is append-only). */
  static void logOutDemoAgents(Server server) {
    server
        .database()
        .dsl()
        .transaction(
            tx -> {
              DSLContext dsl = DSL.using(tx);
              OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
              for (var agent :
                  dsl.select(AGENT.TENANT_ID, AGENT.ID)
                      .from(AGENT)
                      .join(TENANT)
                      .on(TENANT.ID.eq(AGENT.TENANT_ID))
                      .where(TENANT.DOMAIN.eq(DemoData.DOMAIN))
                      .fetch()) {
                dsl.insertInto(AGENT_STATE_HISTORY)
                    .set(AGENT_STATE_HISTORY.TENANT_ID, agent.value1())
                    .set(AGENT_STATE_HISTORY.AGENT_ID, agent.value2())
                    .set(AGENT_STATE_HISTORY.STATUS, "LOGGED_OUT")
                    .set(AGENT_STATE_HISTORY.CALL_STATE, "IDLE")
                    .set(AGENT_STATE_HISTORY.CAUSE, "test-reset")
                    .set(AGENT_STATE_HISTORY.OCCURRED_AT, now)
                    .execute();
              }
            });
  }
}
