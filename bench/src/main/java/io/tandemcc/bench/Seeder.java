package io.tandemcc.bench;

import io.tandemcc.auth.PasswordHasher;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Creates the benchmark tenant directly in the server's PostgreSQL before the server starts: tenant
 * {@code bench}, agents {@code agent1..N} with extensions 1001.., groups {@code Group 1..G} on
 * queues {@code bench-q1..}, one supervisor per group ({@code sup1..G}), ten attached-data keys, a
 * Not Ready reason and a CRM popup rule. Every user has the same Argon2id hash (computed once with
 * the server's {@link PasswordHasher}), so seeding is fast; logging in still costs one real Argon2
 * verification per session.
 */
final class Seeder {
  static final String DOMAIN = "bench";
  static final String PASSWORD = "bench-password";
  static final int FIRST_EXTENSION = 1001;

  private Seeder() {}

  static String agentName(int n) {
    return "agent" + n;
  }

  static String supervisorName(int g) {
    return "sup" + g;
  }

  static int extension(int n) {
    return FIRST_EXTENSION + n - 1;
  }

  /** Group (1-based) of agent n (1-based): agents are dealt round-robin over the groups. */
  static int groupOf(int n, int groups) {
    return (n - 1) % groups + 1;
  }

  static String queue(int g) {
    return DOMAIN + "-q" + g;
  }

  static void seed(Connection c, int agents, int groups, int wrapupSeconds) throws SQLException {
    String hash = new PasswordHasher().hash(PASSWORD);
    {
      c.setAutoCommit(false);
      long tenant;
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "insert into tenant (domain, name, allow_end_wrapup_early) values ('"
                      + DOMAIN
                      + "', 'Benchmark', true) returning id")) {
        r.next();
        tenant = r.getLong(1);
      }
      exec(
          c,
          "insert into agent_group (tenant_id, name, queue_name) select ?, 'Group ' || g, ? || g"
              + " from generate_series(1, ?) g",
          tenant,
          DOMAIN + "-q",
          groups);
      exec(
          c,
          "insert into app_user (tenant_id, username, display_name, password_hash, role)"
              + " select ?, 'agent' || n, 'Agent ' || n, ?, 'agent' from generate_series(1, ?) n",
          tenant,
          hash,
          agents);
      exec(
          c,
          "insert into extension (tenant_id, number) select ?, (? + n - 1)::text from generate_series(1, ?) n",
          tenant,
          FIRST_EXTENSION,
          agents);
      exec(
          c,
          "insert into agent (tenant_id, user_id, agent_number, extension_id, wrapup_seconds, after_call_work)"
              + " select u.tenant_id, u.id, e.number, e.id, ?, 'after_answer' from app_user u"
              + " join extension e on e.tenant_id = u.tenant_id and e.number = (? + substring(u.username from 6)::int - 1)::text"
              + " where u.tenant_id = ? and u.role = 'agent'",
          wrapupSeconds,
          FIRST_EXTENSION,
          tenant);
      exec(
          c,
          "insert into agent_group_member (tenant_id, group_id, agent_id)"
              + " select a.tenant_id, g.id, a.id from agent a join app_user u on u.id = a.user_id"
              + " join agent_group g on g.tenant_id = a.tenant_id"
              + " and g.queue_name = ? || ((substring(u.username from 6)::int - 1) % ? + 1)"
              + " where a.tenant_id = ?",
          DOMAIN + "-q",
          groups,
          tenant);
      exec(
          c,
          "insert into app_user (tenant_id, username, display_name, password_hash, role)"
              + " select ?, 'sup' || g, 'Supervisor ' || g, ?, 'supervisor' from generate_series(1, ?) g",
          tenant,
          hash,
          groups);
      exec(
          c,
          "insert into group_supervisor (tenant_id, group_id, user_id) select u.tenant_id, g.id, u.id"
              + " from app_user u join agent_group g on g.tenant_id = u.tenant_id"
              + " and g.queue_name = ? || substring(u.username from 4) where u.tenant_id = ? and u.role = 'supervisor'",
          DOMAIN + "-q",
          tenant);
      String[] keys = {
        "CustomerId",
        "Subject",
        "CustomerName",
        "Email",
        "Language",
        "Tier",
        "CallbackNumber",
        "IvrNote",
        "TicketUrl",
        "Extra"
      };
      for (int i = 0; i < keys.length; i++) {
        exec(
            c,
            "insert into attached_data_key (tenant_id, position, key_name) values (?, ?, ?)",
            tenant,
            i + 1,
            keys[i]);
      }
      exec(
          c,
          "insert into not_ready_reason (tenant_id, code, label) values (?, 'break', 'Break')",
          tenant);
      exec(
          c,
          "insert into popup_rule (tenant_id, url_template, open_on) values (?, ?, 'ring')",
          tenant,
          "https://crm.example.com/contact?phone={callerNumber}&customer={CustomerId}");
      c.commit();
      // planner statistics, as autovacuum would gather them on a live system: without them
      // PostgreSQL plans the
      // server's lookups for near-empty tables (a 20-40 ms nested loop per agent lookup instead of
      // 0.1 ms)
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("analyze");
      }
      try (Statement s = c.createStatement();
          ResultSet r =
              s.executeQuery(
                  "select count(*) from agent_group_member where tenant_id = " + tenant)) {
        r.next();
        if (r.getInt(1) != agents) {
          throw new IllegalStateException(
              "seeding put " + r.getInt(1) + " agents in groups, expected " + agents);
        }
      }
    }
  }

  private static void exec(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      ps.executeUpdate();
    }
  }
}
