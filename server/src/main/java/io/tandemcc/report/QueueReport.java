package io.tandemcc.report;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Per queue and interval, from the call records of queue calls (by the time the call entered the
 * queue): offered, answered, abandoned (with the average wait before abandoning and how many gave
 * up within 10, 30, 60, 120 seconds or later), other outcomes, service level, average and longest
 * wait, average talk.
 *
 * <p>Service level = calls answered within the group's threshold / (answered + abandoned after the
 * threshold), in percent: a caller who hangs up before the threshold was not failed by the queue
 * (the usual contact-center definition that does not count short abandons). Null when nothing
 * counts. {@code serviceLevelCalls} is that denominator, so a client can add intervals or queues
 * up.
 */
final class QueueReport implements Report {
  static final List<String> COLUMNS =
      List.of(
          "intervalStart",
          "groupId",
          "queue",
          "groupName",
          "serviceLevelThreshold",
          "offered",
          "answered",
          "abandoned",
          "other",
          "answeredInThreshold",
          "serviceLevelCalls",
          "serviceLevelPercent",
          "averageWait",
          "longestWait",
          "averageTalk",
          "averageAbandonWait",
          "abandonedIn10",
          "abandonedIn30",
          "abandonedIn60",
          "abandonedIn120",
          "abandonedAfter120");

  @Override
  public boolean perGroup(ReportRequest request) {
    return true;
  }

  @Override
  public List<String> columns(DSLContext dsl, ReportRequest request) {
    return COLUMNS;
  }

  @Override
  public void rows(
      DSLContext dsl,
      ReportRequest request,
      List<String> columns,
      List<Subject> subjects,
      RowSink sink) {
    String bucket =
        request.period().interval() == ReportInterval.PERIOD
            ? "cast({from} as timestamptz)"
            : "date_trunc({unit}, c.started_at)";
    String sql =
        """
        with q as (select unnest(cast({queues} as text[])) as queue_name,
                          unnest(cast({thresholds} as integer[])) as threshold),
        calls as (
          select c.queue_name, %s as bucket, c.outcome, c.talk_seconds, q.threshold,
            coalesce(c.wait_seconds,
              cast(extract(epoch from coalesce(c.answered_at, c.ended_at) - c.started_at) as integer)) as wait
          from q join call_record c on c.tenant_id = {tenant} and c.kind = 'queue' and c.queue_name = q.queue_name
            and c.started_at >= {from} and c.started_at < {to}
        )
        select queue_name, bucket, count(*) as offered,
          count(*) filter (where outcome = 'answered') as answered,
          count(*) filter (where outcome = 'abandoned') as abandoned,
          count(*) filter (where outcome is distinct from 'answered' and outcome is distinct from 'abandoned') as other,
          count(*) filter (where outcome = 'answered' and wait <= threshold) as in_threshold,
          count(*) filter (where outcome = 'abandoned' and wait > threshold) as abandoned_late,
          avg(wait) filter (where outcome = 'answered') as average_wait,
          max(wait) as longest_wait,
          avg(talk_seconds) filter (where outcome = 'answered') as average_talk,
          avg(wait) filter (where outcome = 'abandoned') as average_abandon_wait,
          count(*) filter (where outcome = 'abandoned' and wait <= 10) as a10,
          count(*) filter (where outcome = 'abandoned' and wait > 10 and wait <= 30) as a30,
          count(*) filter (where outcome = 'abandoned' and wait > 30 and wait <= 60) as a60,
          count(*) filter (where outcome = 'abandoned' and wait > 60 and wait <= 120) as a120,
          count(*) filter (where outcome = 'abandoned' and wait > 120) as a_late
        from calls group by 1, 2
        -- rows in the order of the page's groups (by id), then by interval
        order by array_position(cast({queues} as text[]), queue_name), bucket
        """
            .formatted(bucket);
    Map<String, Object> binds = Binds.of(request, subjects);
    binds.put("queues", subjects.stream().map(Subject::number).toArray(String[]::new));
    binds.put("thresholds", subjects.stream().map(Subject::threshold).toArray(Integer[]::new));
    Map<String, Subject> byQueue = new HashMap<>();
    subjects.forEach(s -> byQueue.put(s.number(), s));
    try (var cursor = Sql.query(dsl, sql, binds).fetchSize(500).fetchLazy()) {
      for (Record r : cursor) {
        Subject g = byQueue.get(r.get("queue_name", String.class));
        long answered = AgentReport.count(r, "answered");
        long inThreshold = AgentReport.count(r, "in_threshold");
        long counted = answered + AgentReport.count(r, "abandoned_late");
        List<Object> cells = new ArrayList<>(COLUMNS.size());
        cells.add(r.get("bucket", OffsetDateTime.class).toInstant());
        cells.add(g.id());
        cells.add(g.number());
        cells.add(g.name());
        cells.add(g.threshold());
        cells.add(AgentReport.count(r, "offered"));
        cells.add(answered);
        cells.add(AgentReport.count(r, "abandoned"));
        cells.add(AgentReport.count(r, "other"));
        cells.add(inThreshold);
        cells.add(counted);
        cells.add(counted == 0 ? null : Math.round(1000.0 * inThreshold / counted) / 10.0);
        cells.add(rounded(r, "average_wait"));
        cells.add(r.get("longest_wait", Long.class));
        cells.add(rounded(r, "average_talk"));
        cells.add(rounded(r, "average_abandon_wait"));
        for (String a : List.of("a10", "a30", "a60", "a120", "a_late")) {
          cells.add(AgentReport.count(r, a));
        }
        sink.row(cells);
      }
    }
  }

  /** An average in seconds, to one decimal; null when there was nothing to average. */
  private static Double rounded(Record r, String field) {
    Double v = r.get(field, Double.class);
    return v == null ? null : Math.round(v * 10) / 10.0;
  }
}
