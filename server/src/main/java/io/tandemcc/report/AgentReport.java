package io.tandemcc.report;

import static io.tandemcc.db.generated.Tables.NOT_READY_REASON;

import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Agent performance per agent and interval, from the state history: signed-in time and how it was
 * spent (Ready, Not Ready per reason, ringing, talk, hold, wrap-up, in seconds), the calls offered
 * / answered / missed / made, connected calls and the average handling time ((talk + hold +
 * wrap-up) / connected).
 *
 * <p>Which state a span counts as: the call state first (talking, held, ringing or dialling is call
 * time whatever the status), then the status of an idle agent (Ready, Not Ready, wrap-up, which
 * includes a Not Ready that waits for the wrap-up to end). Counts: see {@link
 * StateSpans#CALL_COUNTS}. Per day or for the whole period, the closed days are read from the
 * {@link DayRollup} and only the day still going on from the raw rows.
 */
final class AgentReport implements Report {
  static final String REASON_PREFIX = "notReady_";
  private static final List<String> HEAD =
      List.of(
          "intervalStart", "agentId", "agentNumber", "agentName", "signedIn", "ready", "notReady");
  private static final List<String> TAIL =
      List.of(
          "ringing",
          "talk",
          "hold",
          "wrapup",
          "offered",
          "answered",
          "missed",
          "made",
          "connected",
          "averageHandling");

  /**
   * Whether the closed days come from the {@link DayRollup} (false: everything from the raw rows).
   */
  private final boolean rollup;

  AgentReport(boolean rollup) {
    this.rollup = rollup;
  }

  @Override
  public boolean perGroup(ReportRequest request) {
    return false;
  }

  @Override
  public List<String> columns(DSLContext dsl, ReportRequest request) {
    List<String> columns = new ArrayList<>(HEAD);
    dsl.select(NOT_READY_REASON.CODE)
        .from(NOT_READY_REASON)
        .where(NOT_READY_REASON.TENANT_ID.eq(request.tenantId()))
        .orderBy(NOT_READY_REASON.SORT_ORDER, NOT_READY_REASON.CODE)
        .forEach(r -> columns.add(REASON_PREFIX + r.value1()));
    columns.add(REASON_PREFIX + "other");
    columns.addAll(TAIL);
    return columns;
  }

  @Override
  public void rows(
      DSLContext dsl,
      ReportRequest request,
      List<String> columns,
      List<Subject> subjects,
      RowSink sink) {
    ReportInterval interval = request.period().interval();
    String sql = sql(interval);
    Map<String, Object> binds = Binds.of(request, subjects);
    if (rollup) {
      Long[] agents = (Long[]) binds.get("agents");
      binds.put("from", DayRollup.prepare(dsl, request, agents).atOffset(ZoneOffset.UTC));
    }
    Map<Long, Subject> byId = new HashMap<>();
    subjects.forEach(s -> byId.put(s.id(), s));
    List<String> reasonColumns = columns.stream().filter(c -> c.startsWith(REASON_PREFIX)).toList();
    try (var cursor = Sql.query(dsl, sql, binds).fetchSize(500).fetchLazy()) {
      for (Record r : cursor) {
        Subject agent = byId.get(r.get("agent_id", Long.class));
        long talk = secs(r, "talk");
        long hold = secs(r, "hold");
        long wrapup = secs(r, "wrapup");
        long connected = count(r, "connected");
        if (secs(r, "signed_in") == 0
            && count(r, "offered")
                    + count(r, "answered")
                    + count(r, "missed")
                    + count(r, "made")
                    + connected
                == 0) {
          continue; // only a sign-out (or another change of a signed-out agent) in this interval:
          // nothing to say
        }
        List<Object> cells = new ArrayList<>(columns.size());
        cells.add(r.get("bucket", OffsetDateTime.class).toInstant());
        cells.add(agent.id());
        cells.add(agent.number());
        cells.add(agent.name());
        cells.add(secs(r, "signed_in"));
        cells.add(secs(r, "ready"));
        cells.add(secs(r, "not_ready"));
        cells.addAll(byReason(r.get("by_reason", String.class), reasonColumns));
        cells.add(secs(r, "ringing"));
        cells.add(talk);
        cells.add(hold);
        cells.add(wrapup);
        cells.add(count(r, "offered"));
        cells.add(count(r, "answered"));
        cells.add(count(r, "missed"));
        cells.add(count(r, "made"));
        cells.add(connected);
        cells.add(connected == 0 ? null : Math.round((double) (talk + hold + wrapup) / connected));
        sink.row(cells);
      }
    }
  }

  /**
   * The Not Ready seconds per reason column; reasons the tenant does not list (system ones) go to
   * "other".
   */
  private static List<Long> byReason(String json, List<String> reasonColumns) {
    Map<String, Double> seconds = new HashMap<>();
    if (json != null) {
      JsonObject o = new JsonObject(json);
      for (String code : o.fieldNames()) {
        String column =
            reasonColumns.contains(REASON_PREFIX + code) && !code.equals("other")
                ? REASON_PREFIX + code
                : REASON_PREFIX + "other";
        seconds.merge(column, o.getDouble(code), Double::sum);
      }
    }
    return reasonColumns.stream().map(c -> Math.round(seconds.getOrDefault(c, 0.0))).toList();
  }

  static long secs(Record r, String field) {
    Double v = r.get(field, Double.class);
    return v == null ? 0 : Math.round(v);
  }

  static long count(Record r, String field) {
    Long v = r.get(field, Long.class);
    return v == null ? 0 : v;
  }

  /**
   * The report's SQL (binds: see {@link StateSpans}; the pause report also {members}, {owners},
   * {subjects}).
   */
  static String sql(ReportInterval interval) {
    return StateSpans.ctes(interval)
        + """
        , times as (
          select agent_id, bucket, reason_code as reason, call_state, status, sum(secs) as secs from (
            select agent_id, bucket, reason_code, call_state, status, secs from pieces
            union all
            select agent_id, bucket, reason_code, call_state, status, secs from (%s) d where secs > 0
          ) x group by 1, 2, 3, 4, 5
        ),
        t as (
          select agent_id, bucket, sum(secs) as signed_in,
            sum(secs) filter (where call_state = 'IDLE' and status = 'READY') as ready,
            sum(secs) filter (where call_state = 'IDLE' and status = 'NOT_READY') as not_ready,
            sum(secs) filter (where call_state in ('RINGING', 'DIALING')) as ringing,
            sum(secs) filter (where call_state = 'TALKING') as talk,
            sum(secs) filter (where call_state = 'HELD') as hold,
            sum(secs) filter (where call_state = 'IDLE' and status in ('WRAPUP', 'PENDING_NOT_READY')) as wrapup,
            jsonb_object_agg(coalesce(reason, ''), secs) filter (where call_state = 'IDLE' and status = 'NOT_READY')
              as by_reason
          from times group by 1, 2
        ),
        ev as (
          select agent_id, bucket, cast(sum(offered) as bigint) as offered, cast(sum(answered) as bigint) as answered,
            cast(sum(missed) as bigint) as missed, cast(sum(made) as bigint) as made,
            cast(sum(connected) as bigint) as connected
          from (
            select agent_id, %s as bucket, %s
            from seq where occurred_at >= {from}
            group by 1, 2
            union all
            %s
          ) x group by 1, 2
        )
        select coalesce(t.agent_id, ev.agent_id) as agent_id, coalesce(t.bucket, ev.bucket) as bucket,
          t.signed_in, t.ready, t.not_ready, t.ringing, t.talk, t.hold, t.wrapup, cast(t.by_reason as text) as by_reason,
          ev.offered, ev.answered, ev.missed, ev.made, ev.connected
        from t full join ev on ev.agent_id = t.agent_id and ev.bucket = t.bucket
        order by 1, 2
        """
            .formatted(
                DayRollup.stateRows(interval),
                StateSpans.bucketOfEvent(interval),
                StateSpans.CALL_COUNTS,
                DayRollup.countRows(interval));
  }
}
