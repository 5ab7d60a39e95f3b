package io.tandemcc.pbx.ami;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_STATE_HISTORY;
import static io.tandemcc.db.generated.Tables.TENANT;

import io.tandemcc.Server;
import io.tandemcc.tenant.DemoData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The calls of a recorded trace in the demo tenant. Every trace starts its channel counters afresh, so its calls
 * keep the same ids (Asterisk's linked ids) from one replay to the next; tests that replay a trace into the shared
 * demo tenant forget what earlier replays — of any test class — recorded for those ids, so counts and parties they
 * check are this replay's own. Likewise each replay starts with the demo agents logged out, whatever an earlier
 * test's server left them in (the state history is shared through the database and restored at start).
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

  /** Deletes the demo tenant's records of the trace's calls, with every row of any table that hangs on them. */
  static void forget(Server server, String traceName) {
    String ids = String.join(",", of(traceName).stream().map(id -> "'" + id + "'").toList());
    String records = "select r.id from call_record r join tenant t on t.id = r.tenant_id where t.domain = '"
        + DemoData.DOMAIN + "' and r.call_id in (" + ids + ")";
    server.database().dsl().transaction(tx -> {
      DSLContext dsl = DSL.using(tx);
      for (Object table : dsl.fetchValues("select table_name from information_schema.columns where column_name ="
          + " 'call_record_id' and table_schema = current_schema()")) {
        dsl.execute("delete from " + table + " where call_record_id in (" + records + ")");
      }
      dsl.execute("delete from call_record where id in (" + records + ")");
    });
  }

  /** Forgets the trace's calls and logs every demo agent out; call it before the replaying server starts. */
  static void startAfresh(Server server, String traceName) {
    forget(server, traceName);
    logOutDemoAgents(server);
  }

  /** Appends a logged-out row to every demo agent's state history (the history is append-only). */
  static void logOutDemoAgents(Server server) {
    server.database().dsl().transaction(tx -> {
      DSLContext dsl = DSL.using(tx);
      OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
      for (var agent : dsl.select(AGENT.TENANT_ID, AGENT.ID).from(AGENT).join(TENANT).on(TENANT.ID.eq(AGENT.TENANT_ID))
          .where(TENANT.DOMAIN.eq(DemoData.DOMAIN)).fetch()) {
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
