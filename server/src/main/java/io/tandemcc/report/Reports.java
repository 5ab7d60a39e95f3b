package io.tandemcc.report;

import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.db.Database;
import io.tandemcc.tenant.Role;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The report use case: validates a request, resolves the caller's scope, and runs one report either
 * as one page (keyset-paged by agent or group id: a page holds every interval of its subjects) or
 * whole, streamed row by row into a sink (CSV). The rows are computed by PostgreSQL in the tenant's
 * time zone and read through a cursor.
 */
public final class Reports {
  /**
   * Subjects per page by default: a page of a month per day is 25 x 31 rows; per hour 5 x 744 rows.
   */
  public static final int DEFAULT_LIMIT = 25;

  public static final int DEFAULT_HOURLY_LIMIT = 5;
  public static final int MAX_LIMIT = 500;

  /** Subjects per query when a whole report is streamed. */
  private static final int STREAM_BATCH = 25;

  /** Audit entries per query when the audit report is streamed. */
  private static final int AUDIT_BATCH = 1000;

  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");

  public enum Kind {
    AGENTS(new AgentReport(true), ReportInterval.DAY),
    QUEUES(new QueueReport(), ReportInterval.DAY),
    PAUSES(new PauseReport(true), ReportInterval.PERIOD),
    /**
     * The audit log's entries of the period (see {@link AuditReport}): paged by entry, not by agent
     * or group.
     */
    AUDIT(null, ReportInterval.PERIOD);

    final Report report;
    final ReportInterval defaultInterval;

    Kind(Report report, ReportInterval defaultInterval) {
      this.report = report;
      this.defaultInterval = defaultInterval;
    }
  }

  /** The request's parameters as the client sent them (any may be null). */
  public record Params(
      String from,
      String to,
      String interval,
      String groupId,
      String agentId,
      String cursor,
      String limit,
      String by,
      String kind) {}

  /** A checked request, ready to run. */
  public record Prepared(
      Kind kind,
      ReportRequest request,
      ZoneId zone,
      boolean admin,
      ReportScope scope,
      AuditReport.Entry auditKind) {}

  /**
   * One page: the column names, the rows (cells in column order) and the cursor of the next page or
   * null.
   */
  public record Table(List<String> columns, List<List<Object>> rows, String next) {}

  private final Database db;
  private final Clock clock;

  public Reports(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public Future<Prepared> prepare(Principal p, Kind kind, Params params) {
    if (p.role() != Role.ADMIN && p.role() != Role.SUPERVISOR) {
      return Future.failedFuture(ApiException.forbidden("Reports are for supervisors and admins."));
    }
    Long groupId = id("groupId", params.groupId(), "unknown-group", "group");
    Long agentId = id("agentId", params.agentId(), "unknown-agent", "agent");
    long after = params.cursor() == null || params.cursor().isEmpty() ? 0 : cursor(params.cursor());
    Integer asked = limit(params.limit());
    boolean byGroup = by(kind, params.by());
    AuditReport.Entry auditKind = auditKind(kind, params.kind());
    if (kind == Kind.AUDIT
        && params.interval() != null
        && !params.interval().isEmpty()
        && !params.interval().equals("period")) {
      return Future.failedFuture(
          ApiException.badRequest("invalid-interval", "The audit report takes no interval."));
    }
    return db.query(
        dsl -> {
          ReportScope scope = ReportScope.resolve(dsl, p);
          ReportPeriod period =
              ReportPeriod.parse(
                  params.from(),
                  params.to(),
                  params.interval(),
                  scope.zone(),
                  kind.defaultInterval);
          scope.checkGroup(groupId);
          scope.checkAgent(dsl, agentId, p.role() == Role.ADMIN);
          int limit =
              asked != null
                  ? asked
                  : period.interval() == ReportInterval.HOUR ? DEFAULT_HOURLY_LIMIT : DEFAULT_LIMIT;
          ReportRequest request =
              new ReportRequest(
                  p.tenantId(), period, groupId, agentId, after, limit, byGroup, clock.instant());
          return new Prepared(
              kind, request, scope.zone(), p.role() == Role.ADMIN, scope, auditKind);
        });
  }

  /**
   * What the caller may pick in a report: the groups and agents of its scope (the screen's
   * filters).
   */
  public record Choices(ZoneId zone, List<Subject> groups, List<Subject> agents) {}

  /** At most this many agents are offered as choices (a bigger tenant picks a group first). */
  public static final int MAX_CHOICES = 2000;

  public Future<Choices> choices(Principal p) {
    if (p.role() != Role.ADMIN && p.role() != Role.SUPERVISOR) {
      return Future.failedFuture(ApiException.forbidden("Reports are for supervisors and admins."));
    }
    return db.query(
        dsl -> {
          ReportScope scope = ReportScope.resolve(dsl, p);
          ReportRequest all =
              new ReportRequest(
                  p.tenantId(), null, null, null, 0, MAX_CHOICES, false, clock.instant());
          List<Subject> agents = scope.agents(dsl, all, p.role() == Role.ADMIN, MAX_CHOICES);
          return new Choices(
              scope.zone(),
              scope.groups(),
              agents.size() > MAX_CHOICES ? agents.subList(0, MAX_CHOICES) : agents);
        });
  }

  public Future<Table> page(Prepared prepared) {
    if (prepared.kind() == Kind.AUDIT) {
      return db.query(
          dsl -> {
            List<List<Object>> rows = new ArrayList<>();
            int limit = prepared.request().limit();
            AuditReport.rows(
                dsl, prepared, prepared.request().after(), limit + 1, new Collector(rows));
            String next = null;
            if (rows.size() > limit) {
              rows = rows.subList(0, limit);
              next =
                  rows.get(limit - 1)
                      .get(1)
                      .toString(); // the entry id: the next page holds older entries
            }
            return new Table(AuditReport.COLUMNS, rows, next);
          });
    }
    return db.query(
        dsl ->
            dsl.transactionResult(
                cfg -> {
                  var tx = org.jooq.impl.DSL.using(cfg);
                  ReportRequest request = prepared.request();
                  List<Subject> subjects = subjects(tx, prepared, request, request.limit());
                  String next = null;
                  if (subjects.size() > request.limit()) {
                    subjects = subjects.subList(0, request.limit());
                    next = Long.toString(subjects.get(subjects.size() - 1).id());
                  }
                  Report report = prepared.kind().report;
                  List<String> columns = report.columns(tx, request);
                  List<List<Object>> rows = new ArrayList<>();
                  if (!subjects.isEmpty()) {
                    Sql.useZone(tx, prepared.zone().getId());
                    report.rows(tx, request, columns, subjects, new Collector(rows));
                  }
                  return new Table(columns, rows, next);
                }));
  }

  /**
   * Runs the whole report (every page) on a worker thread, handing each row to the sink as it is
   * read.
   */
  public Future<Void> stream(Prepared prepared, RowSink sink) {
    return db.blocking(
        () -> {
          db.dsl()
              .transaction(
                  cfg -> {
                    var tx = org.jooq.impl.DSL.using(cfg);
                    if (prepared.kind() == Kind.AUDIT) {
                      streamAudit(tx, prepared, sink);
                      return;
                    }
                    Report report = prepared.kind().report;
                    ReportRequest request = prepared.request();
                    List<String> columns = report.columns(tx, request);
                    sink.columns(columns);
                    Sql.useZone(tx, prepared.zone().getId());
                    long after = request.after();
                    while (true) {
                      ReportRequest batch =
                          new ReportRequest(
                              request.tenantId(),
                              request.period(),
                              request.groupId(),
                              request.agentId(),
                              after,
                              STREAM_BATCH,
                              request.byGroup(),
                              request.now());
                      List<Subject> subjects = subjects(tx, prepared, batch, STREAM_BATCH);
                      boolean more = subjects.size() > STREAM_BATCH;
                      subjects = more ? subjects.subList(0, STREAM_BATCH) : subjects;
                      if (!subjects.isEmpty()) {
                        report.rows(tx, batch, columns, subjects, sink);
                        after = subjects.get(subjects.size() - 1).id();
                      }
                      if (!more) {
                        break;
                      }
                    }
                  });
          return null;
        });
  }

  /** The whole audit report, newest first, {@link #AUDIT_BATCH} entries per query. */
  private static void streamAudit(org.jooq.DSLContext tx, Prepared prepared, RowSink sink) {
    sink.columns(AuditReport.COLUMNS);
    long before = prepared.request().after();
    while (true) {
      List<List<Object>> rows = new ArrayList<>();
      AuditReport.rows(tx, prepared, before, AUDIT_BATCH, new Collector(rows));
      rows.forEach(sink::row);
      if (rows.size() < AUDIT_BATCH) {
        return;
      }
      before = (Long) rows.get(rows.size() - 1).get(1);
    }
  }

  private static AuditReport.Entry auditKind(Kind kind, String raw) {
    if (kind != Kind.AUDIT && raw != null && !raw.isEmpty()) {
      throw ApiException.badRequest("invalid-kind", "This report takes no 'kind'.");
    }
    return AuditReport.Entry.parse(raw);
  }

  private static List<Subject> subjects(
      org.jooq.DSLContext dsl, Prepared prepared, ReportRequest request, int limit) {
    return prepared.kind().report.perGroup(request)
        ? prepared.scope().groups(request, limit)
        : prepared.scope().agents(dsl, request, prepared.admin(), limit);
  }

  private static Long id(String name, String raw, String code, String what) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (!ID.matcher(raw).matches()) {
      throw new ApiException(
          404, code, "Not found", "There is no such " + what + " in your scope.");
    }
    return Long.parseLong(raw);
  }

  private static long cursor(String raw) {
    if (!ID.matcher(raw).matches()) {
      throw ApiException.badRequest(
          "invalid-cursor", "'cursor' must be the 'next' value of a previous page.");
    }
    return Long.parseLong(raw);
  }

  private static Integer limit(String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      int n = Integer.parseInt(raw);
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the problem below
    }
    throw ApiException.badRequest(
        "invalid-limit", "'limit' must be a number from 1 to " + MAX_LIMIT + ".");
  }

  private static boolean by(Kind kind, String raw) {
    if (raw == null || raw.isEmpty() || raw.equals("agent")) {
      return false;
    }
    if (kind == Kind.PAUSES && raw.equals("group")) {
      return true;
    }
    throw ApiException.badRequest(
        "invalid-by",
        kind == Kind.PAUSES ? "'by' must be agent or group." : "This report takes no 'by'.");
  }

  private record Collector(List<List<Object>> rows) implements RowSink {
    @Override
    public void columns(List<String> names) {}

    @Override
    public void row(List<Object> cells) {
      rows.add(cells);
    }
  }
}
