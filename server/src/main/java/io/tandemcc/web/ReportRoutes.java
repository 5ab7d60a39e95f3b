package io.tandemcc.web;

import io.tandemcc.common.ApiException;
import io.tandemcc.common.CsvWriter;
import io.tandemcc.report.Reports;
import io.tandemcc.report.Reports.Kind;
import io.tandemcc.report.Reports.Prepared;
import io.tandemcc.report.RowSink;
import io.vertx.core.Context;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/reports/{agents,queues,pauses,audit}}: one page of a report as JSON, or (with {@code
 * Accept: text/csv} or {@code ?format=csv}) the whole report as a streamed CSV download. Admins see
 * their tenant, supervisors their groups, agents nothing (403).
 */
final class ReportRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(ReportRoutes.class);
  private final Reports reports;
  private final Authenticated authenticated;

  ReportRoutes(Reports reports, Authenticated authenticated) {
    this.reports = reports;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router.get("/api/reports/choices").handler(authenticated::handle).handler(this::choices);
    router
        .get("/api/reports/agents")
        .handler(authenticated::handle)
        .handler(ctx -> report(ctx, Kind.AGENTS));
    router
        .get("/api/reports/queues")
        .handler(authenticated::handle)
        .handler(ctx -> report(ctx, Kind.QUEUES));
    router
        .get("/api/reports/pauses")
        .handler(authenticated::handle)
        .handler(ctx -> report(ctx, Kind.PAUSES));
    router
        .get("/api/reports/audit")
        .handler(authenticated::handle)
        .handler(ctx -> report(ctx, Kind.AUDIT));
  }

  private void choices(RoutingContext ctx) {
    reports
        .choices(Authenticated.principal(ctx))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              JsonArray groups = new JsonArray();
              ar.result()
                  .groups()
                  .forEach(
                      g ->
                          groups.add(
                              new JsonObject()
                                  .put("id", g.id())
                                  .put("name", g.name())
                                  .put("queue", g.number())
                                  .put("serviceLevelThreshold", g.threshold())));
              JsonArray agents = new JsonArray();
              ar.result()
                  .agents()
                  .forEach(
                      a ->
                          agents.add(
                              new JsonObject()
                                  .put("id", a.id())
                                  .put("number", a.number())
                                  .put("name", a.name())));
              ctx.response().putHeader("Cache-Control", "no-store");
              ctx.json(
                  new JsonObject()
                      .put("timeZone", ar.result().zone().getId())
                      .put("groups", groups)
                      .put("agents", agents));
            });
  }

  private void report(RoutingContext ctx, Kind kind) {
    boolean csv = wantsCsv(ctx);
    Reports.Params params =
        new Reports.Params(
            ctx.queryParams().get("from"),
            ctx.queryParams().get("to"),
            ctx.queryParams().get("interval"),
            ctx.queryParams().get("groupId"),
            ctx.queryParams().get("agentId"),
            ctx.queryParams().get("cursor"),
            ctx.queryParams().get("limit"),
            ctx.queryParams().get("by"),
            ctx.queryParams().get("kind"));
    reports
        .prepare(Authenticated.principal(ctx), kind, params)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else if (csv) {
                csv(ctx, ar.result());
              } else {
                json(ctx, ar.result());
              }
            });
  }

  /**
   * CSV when {@code format=csv} or the client accepts {@code text/csv}; shared with the history
   * export.
   */
  static boolean wantsCsv(RoutingContext ctx) {
    String format = ctx.queryParams().get("format");
    if (format != null) {
      return switch (format) {
        case "csv" -> true;
        case "json" -> false;
        default -> throw ApiException.badRequest("invalid-format", "'format' must be json or csv.");
      };
    }
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv");
  }

  private void json(RoutingContext ctx, Prepared prepared) {
    reports
        .page(prepared)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              Reports.Table table = ar.result();
              DateTimeFormatter time =
                  DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(prepared.zone());
              JsonArray items = new JsonArray();
              for (List<Object> row : table.rows()) {
                JsonObject item = new JsonObject();
                for (int i = 0; i < row.size(); i++) {
                  Object v = row.get(i);
                  item.put(table.columns().get(i), v instanceof Instant t ? time.format(t) : v);
                }
                items.add(item);
              }
              var period = prepared.request().period();
              ctx.response().putHeader("Cache-Control", "no-store");
              ctx.json(
                  new JsonObject()
                      .put("report", kind(prepared))
                      .put("from", period.from().toString())
                      .put("to", period.to().toString())
                      .put("interval", period.interval().wireName())
                      .put("timeZone", prepared.zone().getId())
                      .put("columns", new JsonArray(table.columns()))
                      .put("items", items)
                      .put("next", table.next()));
            });
  }

  private void csv(RoutingContext ctx, Prepared prepared) {
    var period = prepared.request().period();
    String file = kind(prepared) + "-" + period.from() + "-" + period.to() + ".csv";
    Context context = ctx.vertx().getOrCreateContext();
    CsvStream out = new CsvStream(context, ctx.response(), file);
    ZoneId zone = prepared.zone();
    CsvWriter writer = new CsvWriter(out, zone);
    reports.stream(
            prepared,
            new RowSink() {
              @Override
              public void columns(List<String> names) {
                writer.row(names);
              }

              @Override
              public void row(List<Object> cells) {
                writer.row(cells);
              }
            })
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                // end() may wait for the client: off the event loop, like the rows
                ctx.vertx()
                    .executeBlocking(
                        () -> {
                          out.end();
                          return null;
                        },
                        false)
                    .onFailure(e -> out.abort());
              } else if (ar.cause() instanceof CsvStream.Cancelled) {
                LOG.debug("report export {} stopped: {}", kind(prepared), ar.cause().getMessage());
                out.abort();
              } else if (!ctx.response().headWritten()) {
                ctx.fail(ar.cause());
              } else {
                LOG.error(
                    "report export {} failed [request {}]",
                    kind(prepared),
                    RequestIds.of(ctx),
                    ar.cause());
                out.abort();
              }
            });
  }

  private static String kind(Prepared prepared) {
    return prepared.kind().name().toLowerCase(java.util.Locale.ROOT);
  }
}
