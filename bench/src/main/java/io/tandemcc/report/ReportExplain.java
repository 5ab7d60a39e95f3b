package io.tandemcc.report;

import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The report benchmark's EXPLAIN (ANALYZE, BUFFERS) of the two reports the day rollup is for, with
 * and without it (in the report package of the bench module, to run the server's own report SQL
 * with its binds).
 */
public final class ReportExplain {
  private ReportExplain() {}

  /**
   * The plans, as text, for the first {@code page} agents of the tenant and all its groups, for one
   * month per day.
   */
  public static String explain(Connection c, String domain, String from, String to, int page) {
    DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
    StringBuilder out = new StringBuilder();
    dsl.transaction(
        cfg -> {
          DSLContext tx = DSL.using(cfg);
          long tenant =
              tx.resultQuery("select id from tenant where domain = ?", domain)
                  .fetchOne(0, Long.class);
          String zoneName =
              tx.resultQuery("select time_zone from tenant where id = ?", tenant)
                  .fetchOne(0, String.class);
          ZoneId zone = ZoneId.of(zoneName);
          Sql.useZone(tx, zoneName);
          ReportPeriod period = ReportPeriod.parse(from, to, "day", zone, ReportInterval.DAY);
          ReportRequest request =
              new ReportRequest(tenant, period, null, null, 0, page, false, Instant.now());
          List<Subject> agents =
              tx.resultQuery(
                      "select id from agent where tenant_id = ? order by id limit ?", tenant, page)
                  .fetch(r -> new Subject(r.get(0, Long.class), "", "", 0));
          for (boolean rollup : List.of(true, false)) {
            Map<String, Object> binds = Binds.of(request, agents);
            if (rollup) {
              binds.put(
                  "from",
                  DayRollup.prepare(tx, request, (Long[]) binds.get("agents"))
                      .atOffset(ZoneOffset.UTC));
            }
            plan(
                tx,
                out,
                "agents per day, "
                    + page
                    + " agents, "
                    + (rollup ? "with the rollup" : "raw rows only"),
                AgentReport.sql(ReportInterval.DAY),
                binds);
          }
          List<Long> members = new ArrayList<>();
          List<Long> owners = new ArrayList<>();
          tx.resultQuery(
                  "select agent_id, group_id from agent_group_member where tenant_id = ? order by group_id",
                  tenant)
              .forEach(
                  r -> {
                    members.add(r.get(0, Long.class));
                    owners.add(r.get(1, Long.class));
                  });
          List<Subject> groups =
              owners.stream().distinct().map(g -> new Subject(g, "", "", 0)).toList();
          ReportRequest byGroup =
              new ReportRequest(tenant, period, null, null, 0, page, true, Instant.now());
          Map<String, Object> binds = Binds.of(byGroup, groups);
          Long[] distinct = members.stream().distinct().toArray(Long[]::new);
          binds.put("agents", distinct);
          binds.put("members", members.toArray(Long[]::new));
          binds.put("owners", owners.toArray(Long[]::new));
          binds.put("subjects", groups.stream().map(Subject::id).toArray(Long[]::new));
          binds.put("from", DayRollup.prepare(tx, byGroup, distinct).atOffset(ZoneOffset.UTC));
          plan(
              tx,
              out,
              "pauses per group per day, all groups, with the rollup",
              PauseReport.sql(ReportInterval.DAY),
              binds);
        });
    return out.toString();
  }

  private static void plan(
      DSLContext tx, StringBuilder out, String title, String sql, Map<String, Object> binds) {
    out.append("### ").append(title).append("\n\n```\n");
    Sql.query(tx, "explain (analyze, buffers) " + sql, binds)
        .fetch()
        .forEach(r -> out.append(r.get(0, String.class)).append('\n'));
    out.append("```\n\n");
  }
}
