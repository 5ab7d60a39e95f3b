package io.tandemcc.report;

/**
 * The SQL common to the agent and pause reports: every agent's state rows of the period plus the
 * row current when it began, as spans {@code [s, e)} clipped to the period (and to now), cut into
 * the local intervals they overlap.
 *
 * <p>Binds: {tenant}, {agents} (bigint[]), {start} (the period's start: the bucket of a
 * whole-period report), {from} (where the raw rows are read from: the period's start, or the end of
 * the days the {@link DayRollup} holds), {end} (the period's end or now, whichever is first),
 * {step} and {unit} for hour and day intervals.
 */
final class StateSpans {
  private StateSpans() {}

  /**
   * CTEs {@code seq} (rows with their neighbours) and {@code pieces} (agent_id, bucket, status,
   * reason_code, call_state, secs).
   */
  static String ctes(ReportInterval interval) {
    // most spans lie inside one interval: they take date_trunc's bucket whole; only the few that
    // cross a boundary
    // (a state over midnight, over the full hour) are cut with generate_series, which costs a
    // function call each
    String pieces =
        interval == ReportInterval.PERIOD
            ? """
        select sp.agent_id, cast({start} as timestamptz) as bucket, sp.status, sp.reason_code, sp.call_state,
          extract(epoch from sp.e - sp.s) as secs
        from spans sp where sp.e > sp.s
        """
            : """
        select sp.agent_id, sp.b0 as bucket, sp.status, sp.reason_code, sp.call_state,
          extract(epoch from sp.e - sp.s) as secs
        from spans sp where sp.e > sp.s and sp.e <= sp.b0 + cast({step} as interval)
        union all
        select sp.agent_id, b.b as bucket, sp.status, sp.reason_code, sp.call_state,
          extract(epoch from least(sp.e, b.b + cast({step} as interval)) - greatest(sp.s, b.b)) as secs
        from spans sp cross join lateral
          generate_series(sp.b0, sp.e - interval '1 microsecond', cast({step} as interval)) b(b)
        where sp.e > sp.b0 + cast({step} as interval)
        """;
    String bucketStart =
        interval == ReportInterval.PERIOD
            ? "cast({start} as timestamptz)"
            : "date_trunc({unit}, s)";
    return """
        with ids as (select unnest(cast({agents} as bigint[])) as agent_id),
        raw as (
          select c.* from ids cross join lateral (
            select h.id, h.agent_id, h.occurred_at, h.status, h.reason_code, h.call_state, h.call_id
            from agent_state_history h
            where h.tenant_id = {tenant} and h.agent_id = ids.agent_id and h.occurred_at < {from}
            order by h.occurred_at desc, h.id desc limit 1) c
          union all
          select h.id, h.agent_id, h.occurred_at, h.status, h.reason_code, h.call_state, h.call_id
          from agent_state_history h
          where h.tenant_id = {tenant} and h.agent_id = any(cast({agents} as bigint[]))
            and h.occurred_at >= {from} and h.occurred_at < {end}
        ),
        seq as (
          select r.*, lead(r.occurred_at) over w as next_at,
            lag(r.status) over w as prev_status, lag(r.reason_code) over w as prev_reason,
            lag(r.call_state) over w as prev_call_state, lag(r.call_id) over w as prev_call_id
          from raw r window w as (partition by r.agent_id order by r.occurred_at, r.id)
        ),
        clipped as (
          select agent_id, status, reason_code, call_state,
            greatest(occurred_at, cast({from} as timestamptz)) as s,
            least(coalesce(next_at, cast({end} as timestamptz)), cast({end} as timestamptz)) as e
          from seq where status <> 'LOGGED_OUT'
        ),
        spans as (select c.*, %s as b0 from clipped c),
        pieces as (%s)
        """
        .formatted(bucketStart, pieces);
  }

  /** The interval an event row ({@code seq}) falls in. */
  static String bucketOfEvent(ReportInterval interval) {
    return interval == ReportInterval.PERIOD
        ? "cast({start} as timestamptz)"
        : "date_trunc({unit}, occurred_at)";
  }

  /**
   * The interval a {@link DayRollup} row (its {@code day_start}) falls in: its day, or the whole
   * period.
   */
  static String bucketOfDay(ReportInterval interval) {
    return interval == ReportInterval.PERIOD ? "cast({start} as timestamptz)" : "day_start";
  }

  /**
   * The call counts of {@code seq} rows (select list, one per agent and bucket): offered when a
   * call starts ringing, answered when a call the agent was not dialling connects, missed when a
   * ringing call stops ringing without connecting, made when the agent starts dialling, connected
   * when any call connects.
   */
  static final String CALL_COUNTS =
      """
      count(*) filter (where call_state = 'RINGING'
        and not (prev_call_state = 'RINGING' and prev_call_id is not distinct from call_id)) as offered,
      count(*) filter (where call_state in ('TALKING', 'HELD')
        and not (prev_call_state in ('TALKING', 'HELD', 'DIALING') and prev_call_id is not distinct from call_id))
        as answered,
      count(*) filter (where prev_call_state = 'RINGING' and not (prev_call_id is not distinct from call_id
        and call_state in ('RINGING', 'TALKING', 'HELD'))) as missed,
      count(*) filter (where call_state = 'DIALING'
        and not (prev_call_state = 'DIALING' and prev_call_id is not distinct from call_id)) as made,
      count(*) filter (where call_state in ('TALKING', 'HELD')
        and not (prev_call_state in ('TALKING', 'HELD') and prev_call_id is not distinct from call_id))
        as connected
      """;

  /** A Not Ready of a reason begins: the status becomes NOT_READY, or its reason changes. */
  static final String PAUSE_STARTS =
      "status = 'NOT_READY' and (prev_status is distinct from 'NOT_READY'"
          + " or prev_reason is distinct from reason_code)";
}
