package io.tandemcc.bench;

import io.tandemcc.auth.PasswordHasher;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The report benchmark's data, generated inside PostgreSQL with generate_series (no row crosses the
 * wire): one tenant (Europe/Berlin) with 10 groups, {@code agents} agents, a year of state history
 * ({@code states} rows in all, a change about every 10 minutes per agent, cycling through ringing,
 * talk, hold, wrap-up, a missed call and a pause of one of three reasons, and a sign-out about once
 * a day) and {@code calls} queue calls spread over the same year (10 % abandoned, 5 % not
 * answered). The indexes are dropped for the load and built afterwards, and the foreign-key and
 * append-only triggers are off for the load only (session_replication_role), as a bulk import
 * would.
 */
final class ReportSeeder {
  static final String DOMAIN = "benchrep";
  static final String PASSWORD = "bench-reports-pass";

  /** The first day of the generated year (local), so a month in the middle is fully covered. */
  static final String START = "2025-12-01 00:00:00+01";

  private ReportSeeder() {}

  static void seed(
      Connection c, int agents, long states, long calls, java.util.function.Consumer<String> say)
      throws SQLException {
    String hash = new PasswordHasher().hash(PASSWORD);
    try (Statement s = c.createStatement()) {
      s.execute(
          "insert into tenant (domain, name, time_zone) values ('"
              + DOMAIN
              + "', 'Bench reports', "
              + "'Europe/Berlin')");
      s.execute(
          """
          insert into app_user (tenant_id, username, display_name, password_hash, role)
          select t.id, 'admin', 'Bench Admin', '%1$s', 'admin' from tenant t where t.domain = '%2$s'
          union all
          select t.id, 'sup', 'Bench Supervisor', '%1$s', 'supervisor' from tenant t where t.domain = '%2$s'
          union all
          select t.id, 'a' || i, 'Agent ' || i, '%1$s', 'agent' from tenant t, generate_series(1, %3$d) i
          where t.domain = '%2$s'"""
              .formatted(hash, DOMAIN, agents));
      s.execute(
          """
          insert into agent_group (tenant_id, name, queue_name, service_level_seconds)
          select t.id, 'Group ' || g, '%1$s-q' || g, 20 from tenant t, generate_series(1, 10) g
          where t.domain = '%1$s'"""
              .formatted(DOMAIN));
      s.execute(
          """
          insert into extension (tenant_id, number)
          select t.id, (10000 + i)::text from tenant t, generate_series(1, %2$d) i where t.domain = '%1$s'"""
              .formatted(DOMAIN, agents));
      s.execute(
          """
          insert into agent (tenant_id, user_id, agent_number, extension_id)
          select u.tenant_id, u.id, (10000 + substr(u.username, 2)::int)::text, e.id
          from app_user u join tenant t on t.id = u.tenant_id
          join extension e on e.tenant_id = t.id and e.number = (10000 + substr(u.username, 2)::int)::text
          where t.domain = '%1$s' and u.role = 'agent'"""
              .formatted(DOMAIN));
      s.execute(
          """
          insert into agent_group_member (tenant_id, group_id, agent_id)
          select a.tenant_id, g.id, a.id from agent a join tenant t on t.id = a.tenant_id
          join agent_group g on g.tenant_id = t.id and g.queue_name = '%1$s-q' || (1 + a.id %% 10)
          where t.domain = '%1$s'"""
              .formatted(DOMAIN));
      s.execute(
          """
          insert into group_supervisor (tenant_id, group_id, user_id)
          select t.id, g.id, u.id from tenant t join agent_group g on g.tenant_id = t.id
          join app_user u on u.tenant_id = t.id and u.username = 'sup'
          where t.domain = '%1$s' and g.queue_name in ('%1$s-q1', '%1$s-q2')"""
              .formatted(DOMAIN));
      s.execute(
          """
          insert into not_ready_reason (tenant_id, code, label, sort_order)
          select t.id, r.code, r.label, r.n from tenant t,
            (values ('break', 'Break', 1), ('lunch', 'Lunch', 2), ('training', 'Training', 3)) r(code, label, n)
          where t.domain = '%1$s'"""
              .formatted(DOMAIN));

      s.execute("set session_replication_role = replica");
      s.execute("drop index if exists agent_state_history_agent_ix");
      s.execute("drop index if exists agent_state_history_report_ix");
      s.execute("drop index if exists call_record_started_ix");
      s.execute("drop index if exists call_record_queue_started_ix");
      long perAgent = states / agents;
      long t0 = System.nanoTime();
      // one row per agent per step of (a year / rows per agent) seconds, with a few seconds of
      // jitter per agent;
      // k % 10 picks the state of the cycle
      s.execute(
          """
          insert into agent_state_history (tenant_id, agent_id, status, reason_code, reason_label, call_state,
            call_id, cause, occurred_at)
          select a.tenant_id, a.id,
            case when k %% 137 = 136 then 'LOGGED_OUT' when k %% 10 in (5) then 'WRAPUP'
                 when k %% 10 = 9 then 'NOT_READY' else 'READY' end,
            case when k %% 137 <> 136 and k %% 10 = 9 then (array['break', 'lunch', 'training'])[1 + (k / 10) %% 3] end,
            case when k %% 137 <> 136 and k %% 10 = 9 then (array['Break', 'Lunch', 'Training'])[1 + (k / 10) %% 3] end,
            case when k %% 137 = 136 then 'IDLE' when k %% 10 in (1, 7) then 'RINGING'
                 when k %% 10 in (2, 4) then 'TALKING' when k %% 10 = 3 then 'HELD' else 'IDLE' end,
            case when k %% 137 <> 136 and k %% 10 in (1, 2, 3, 4, 7) then 'c' || a.id || '-' || (k / 10) || '-' || (k %% 10 / 7) end,
            'bench',
            timestamptz '%1$s' + (k * (365.0 * 86400 / %2$d) + a.id %% 60) * interval '1 second'
          from agent a join tenant t on t.id = a.tenant_id, generate_series(0, %2$d - 1) k
          where t.domain = '%3$s'"""
              .formatted(START, perAgent, DOMAIN));
      say.accept(
          String.format(
              "  %,d state rows in %.1f s", perAgent * agents, (System.nanoTime() - t0) / 1e9));
      t0 = System.nanoTime();
      s.execute(
          """
          insert into call_record (tenant_id, call_id, kind, queue_name, agent_id, started_at, offered_at,
            answered_at, ended_at, wait_seconds, talk_seconds, outcome)
          select t.id, 'q' || i, 'queue', '%1$s-q' || (1 + i %% 10),
            case when i %% 20 >= 3 then a0.first + i %% %4$d end,
            c.started, c.started,
            case when i %% 20 >= 3 then c.started + c.wait * interval '1 second' end,
            c.started + (c.wait + case when i %% 20 >= 3 then c.talk else 0 end) * interval '1 second',
            c.wait, case when i %% 20 >= 3 then c.talk end,
            case when i %% 20 < 2 then 'abandoned' when i %% 20 = 2 then 'not_answered' else 'answered' end
          from tenant t, (select min(a.id) as first from agent a join tenant t2 on t2.id = a.tenant_id
                          where t2.domain = '%1$s') a0, generate_series(0, %2$d - 1) i,
            lateral (select timestamptz '%3$s' + i * (365.0 * 86400 / %2$d) * interval '1 second' as started,
                            (i * 7) %% 90 as wait, 60 + (i * 13) %% 400 as talk) c
          where t.domain = '%1$s'"""
              .formatted(DOMAIN, calls, START, agents));
      say.accept(
          String.format("  %,d call records in %.1f s", calls, (System.nanoTime() - t0) / 1e9));
      s.execute("set session_replication_role = origin");
      t0 = System.nanoTime();
      s.execute(
          "create index agent_state_history_agent_ix on agent_state_history (tenant_id, agent_id, id)");
      s.execute(
          "create index agent_state_history_report_ix on agent_state_history "
              + "(tenant_id, agent_id, occurred_at, id)");
      s.execute("create index call_record_started_ix on call_record (tenant_id, started_at)");
      s.execute(
          "create index call_record_queue_started_ix on call_record (tenant_id, queue_name, started_at)");
      s.execute("analyze");
      say.accept(String.format("  indexes and analyze in %.1f s", (System.nanoTime() - t0) / 1e9));
    }
  }
}
