package io.tandemcc.report;

import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Not Ready per reason, per agent (or per group: the sum of its members) and interval: how many
 * pauses began and how many seconds an idle agent spent in them (a call taken during a pause is
 * talk time, not pause time; the pause goes on after it without counting as a new one only if the
 * status never left Not Ready). A pause that began before the period counts its time in the period
 * but not as one more pause. Per day or for the whole period, the closed days are read from the
 * {@link DayRollup}.
 */
final class PauseReport implements Report {
  static final List<String> AGENT_COLUMNS =
      List.of(
          "intervalStart",
          "agentId",
          "agentNumber",
          "agentName",
          "reasonCode",
          "reasonLabel",
          "count",
          "seconds");
  static final List<String> GROUP_COLUMNS =
      List.of(
          "intervalStart", "groupId", "groupName", "reasonCode", "reasonLabel", "count", "seconds");

  /**
   * Whether the closed days come from the {@link DayRollup} (false: everything from the raw rows).
   */
  private final boolean rollup;

  PauseReport(boolean rollup) {
    this.rollup = rollup;
  }

  @Override
  public boolean perGroup(ReportRequest request) {
    return request.byGroup();
  }

  @Override
  public List<String> columns(DSLContext dsl, ReportRequest request) {
    return request.byGroup() ? GROUP_COLUMNS : AGENT_COLUMNS;
  }

  @Override
  public void rows(
      DSLContext dsl,
      ReportRequest request,
      List<String> columns,
      List<Subject> subjects,
      RowSink sink) {
    List<Long> members = new ArrayList<>();
    List<Long> owners = new ArrayList<>();
    if (request.byGroup()) {
      dsl.select(AGENT_GROUP_MEMBER.AGENT_ID, AGENT_GROUP_MEMBER.GROUP_ID)
          .from(AGENT_GROUP_MEMBER)
          .where(
              AGENT_GROUP_MEMBER
                  .TENANT_ID
                  .eq(request.tenantId())
                  .and(AGENT_GROUP_MEMBER.GROUP_ID.in(subjects.stream().map(Subject::id).toList())))
          .forEach(
              r -> {
                members.add(r.value1());
                owners.add(r.value2());
              });
    } else {
      subjects.forEach(
          s -> {
            members.add(s.id());
            owners.add(s.id());
          });
    }
    ReportInterval interval = request.period().interval();
    String sql = sql(interval);
    Map<String, Object> binds = Binds.of(request, subjects);
    Long[] agents = members.stream().distinct().toArray(Long[]::new);
    binds.put("agents", agents);
    binds.put("members", members.toArray(Long[]::new));
    binds.put("owners", owners.toArray(Long[]::new));
    binds.put("subjects", subjects.stream().map(Subject::id).toArray(Long[]::new));
    if (rollup) {
      binds.put("from", DayRollup.prepare(dsl, request, agents).atOffset(ZoneOffset.UTC));
    }
    Map<Long, Subject> byId = new HashMap<>();
    subjects.forEach(s -> byId.put(s.id(), s));
    try (var cursor = Sql.query(dsl, sql, binds).fetchSize(500).fetchLazy()) {
      for (Record r : cursor) {
        Subject s = byId.get(r.get("subject", Long.class));
        String code = r.get("reason_code", String.class);
        String label = r.get("label", String.class);
        List<Object> cells = new ArrayList<>(columns.size());
        cells.add(r.get("bucket", OffsetDateTime.class).toInstant());
        cells.add(s.id());
        if (!request.byGroup()) {
          cells.add(s.number());
        }
        cells.add(s.name());
        cells.add(code);
        cells.add(label != null ? label : code);
        cells.add(AgentReport.count(r, "n"));
        cells.add(AgentReport.secs(r, "secs"));
        sink.row(cells);
      }
    }
  }

  /**
   * The report's SQL (binds: see {@link StateSpans}; the pause report also {members}, {owners},
   * {subjects}).
   */
  static String sql(ReportInterval interval) {
    return StateSpans.ctes(interval)
        + """
        , m as (select unnest(cast({members} as bigint[])) as agent_id, unnest(cast({owners} as bigint[])) as subject),
        d as (%s),
        t as (
          select m.subject, p.bucket, p.reason_code, sum(p.secs) as secs from (
            select agent_id, bucket, reason_code, secs from pieces where call_state = 'IDLE' and status = 'NOT_READY'
            union all
            select agent_id, bucket, reason_code, secs from d
            where call_state = 'IDLE' and status = 'NOT_READY' and secs > 0
          ) p join m on m.agent_id = p.agent_id
          group by 1, 2, 3
        ),
        c as (
          select m.subject, x.bucket, x.reason_code, cast(sum(x.n) as bigint) as n from (
            select agent_id, %s as bucket, reason_code, count(*) as n
            from seq where occurred_at >= {from} and %s
            group by 1, 2, 3
            union all
            select agent_id, bucket, reason_code, pause_starts from d where pause_starts > 0
          ) x join m on m.agent_id = x.agent_id
          group by 1, 2, 3
        )
        select coalesce(t.subject, c.subject) as subject, coalesce(t.bucket, c.bucket) as bucket,
          coalesce(t.reason_code, c.reason_code) as reason_code, r.label, c.n, t.secs
        from t full join c on c.subject = t.subject and c.bucket = t.bucket
          and c.reason_code is not distinct from t.reason_code
        left join not_ready_reason r on r.tenant_id = {tenant} and r.code = coalesce(t.reason_code, c.reason_code)
        order by array_position(cast({subjects} as bigint[]), coalesce(t.subject, c.subject)), 2, 3
        """
            .formatted(
                DayRollup.stateRows(interval),
                StateSpans.bucketOfEvent(interval),
                StateSpans.PAUSE_STARTS);
  }
}
