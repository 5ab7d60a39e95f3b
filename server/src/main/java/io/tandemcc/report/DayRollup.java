package io.tandemcc.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The per-agent, per-local-day rollup of the state history (V24) that the agent and pause reports
 * read for the closed days of a day or whole-period report, so a month costs about 30 rows per
 * agent instead of thousands of state rows. Only the days still going on (today) are read from the
 * raw rows.
 *
 * <p>It stays exact by construction: a day is computed by the very CTEs of {@link StateSpans} the
 * raw report uses, with the period cut at the day's local midnights (the spans of a state over
 * midnight are cut there, the first change of a day sees the row before it as its previous state, a
 * DST day is 23 or 25 hours), and its seconds are stored as PostgreSQL numerics, summed exactly and
 * rounded only where the raw report rounds them. Rows are keyed by the tenant's zone, so a zone
 * change reads (and fills) the new zone's days. A state row written late for a time already covered
 * deletes the days it may change (trigger of V24), and a fill holds {@link #LOCK} exclusively while
 * that trigger takes it shared, so a fill either sees the late row or is deleted after it.
 */
final class DayRollup {
  /**
   * The advisory lock class of the rollup (with the tenant id as second key), shared with V24's
   * trigger.
   */
  static final int LOCK = 1616;

  private DayRollup() {}

  /**
   * Where the raw rows must be read from: the end of the last closed local day of the period (every
   * day before it is in the rollup after this call), or the period's start when nothing is closed
   * or the interval is hours.
   */
  static Instant prepare(DSLContext dsl, ReportRequest request, Long[] agents) {
    ReportPeriod period = request.period();
    Instant start = period.start();
    if (period.interval() == ReportInterval.HOUR || agents.length == 0) {
      return start;
    }
    Instant live = start;
    int closed = 0;
    for (LocalDate d = period.from(); !d.isAfter(period.to()); d = d.plusDays(1)) {
      Instant end = d.plusDays(1).atStartOfDay(period.zone()).toInstant();
      if (end.isAfter(request.now())) {
        break;
      }
      live = end;
      closed++;
    }
    if (closed > 0) {
      fill(dsl, request, agents, live, closed);
    }
    return live;
  }

  /**
   * Computes the closed days of the agents that lack any of them (the common case after the first
   * report: none).
   */
  private static void fill(
      DSLContext dsl, ReportRequest request, Long[] agents, Instant live, int days) {
    Map<String, Object> binds = new HashMap<>();
    binds.put("tenant", request.tenantId());
    binds.put("agents", agents);
    binds.put("zone", request.period().zone().getId());
    binds.put("start", request.period().start().atOffset(ZoneOffset.UTC));
    binds.put("from", request.period().start().atOffset(ZoneOffset.UTC));
    binds.put("end", live.atOffset(ZoneOffset.UTC));
    binds.put("days", days);
    binds.put("unit", "day");
    binds.put("step", "1 day");
    if (missing(dsl, binds).length == 0) {
      return;
    }
    dsl.resultQuery(
            "select pg_advisory_xact_lock(?, cast(? % 2147483647 as integer))",
            LOCK, request.tenantId())
        .fetch();
    Long[] missing =
        missing(dsl, binds); // again, under the lock: another report may have filled them meanwhile
    if (missing.length == 0) {
      return;
    }
    binds.put("agents", missing);
    Sql.query(
            dsl,
            """
        delete from agent_day_rollup where tenant_id = {tenant} and agent_id = any(cast({agents} as bigint[]))
          and zone = {zone} and day_start >= {from} and day_start < {end}
        returning 1""",
            binds)
        .fetch();
    Sql.query(
            dsl,
            StateSpans.ctes(ReportInterval.DAY)
                + """
        , st as (
          select agent_id, bucket, status, reason_code, call_state, sum(secs) as secs
          from pieces group by 1, 2, 3, 4, 5
        ),
        ps as (
          select agent_id, date_trunc('day', occurred_at) as bucket, status, reason_code, call_state, count(*) as n
          from seq where occurred_at >= {from} and %s
          group by 1, 2, 3, 4, 5
        ),
        ev as (
          select agent_id, date_trunc('day', occurred_at) as bucket, %s
          from seq where occurred_at >= {from}
          group by 1, 2
        ),
        days as (
          select ids.agent_id, d.d as day_start, d.d + interval '1 day' as day_end
          from ids cross join generate_series(cast({from} as timestamptz),
            cast({end} as timestamptz) - interval '1 microsecond', interval '1 day') d(d)
        ),
        marked as (
          insert into agent_day_rollup (tenant_id, agent_id, zone, day_start, day_end, offered, answered, missed,
            made, connected)
          select {tenant}, days.agent_id, {zone}, days.day_start, days.day_end, coalesce(ev.offered, 0),
            coalesce(ev.answered, 0), coalesce(ev.missed, 0), coalesce(ev.made, 0), coalesce(ev.connected, 0)
          from days left join ev on ev.agent_id = days.agent_id and ev.bucket = days.day_start
          returning 1
        )
        insert into agent_day_rollup_state (tenant_id, agent_id, zone, day_start, day_end, status, reason_code,
          call_state, secs, pause_starts)
        select {tenant}, coalesce(st.agent_id, ps.agent_id), {zone}, coalesce(st.bucket, ps.bucket),
          coalesce(st.bucket, ps.bucket) + interval '1 day', coalesce(st.status, ps.status),
          coalesce(st.reason_code, ps.reason_code), coalesce(st.call_state, ps.call_state), coalesce(st.secs, 0),
          coalesce(ps.n, 0)
        from st full join ps on ps.agent_id = st.agent_id and ps.bucket = st.bucket and ps.status = st.status
          and ps.reason_code is not distinct from st.reason_code and ps.call_state = st.call_state
        returning 1
        """
                    .formatted(StateSpans.PAUSE_STARTS, StateSpans.CALL_COUNTS),
            binds)
        .fetch();
  }

  /** The agents with fewer computed days in the closed part than it has. */
  private static Long[] missing(DSLContext dsl, Map<String, Object> binds) {
    List<Long> ids =
        Sql.query(
                dsl,
                """
        select a.agent_id from unnest(cast({agents} as bigint[])) a(agent_id)
        where (select count(*) from agent_day_rollup r where r.tenant_id = {tenant} and r.agent_id = a.agent_id
          and r.zone = {zone} and r.day_start >= {from} and r.day_start < {end}) < {days}
        """,
                binds)
            .fetch(r -> r.get(0, Long.class));
    return ids.toArray(Long[]::new);
  }

  /**
   * The rollup's state rows of the days before {from} (the closed part), for a report's union with
   * the raw part.
   */
  static String stateRows(ReportInterval interval) {
    return """
        select agent_id, %s as bucket, status, reason_code, call_state, secs, pause_starts
        from agent_day_rollup_state
        where tenant_id = {tenant} and agent_id = any(cast({agents} as bigint[])) and zone = {zone}
          and day_start >= {start} and day_start < {from}
        """
        .formatted(StateSpans.bucketOfDay(interval));
  }

  /** The rollup's call counts of the days before {from}. */
  static String countRows(ReportInterval interval) {
    return """
        select agent_id, %s as bucket, offered, answered, missed, made, connected
        from agent_day_rollup
        where tenant_id = {tenant} and agent_id = any(cast({agents} as bigint[])) and zone = {zone}
          and day_start >= {start} and day_start < {from}
        """
        .formatted(StateSpans.bucketOfDay(interval));
  }
}
