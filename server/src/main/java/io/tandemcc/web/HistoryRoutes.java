package io.tandemcc.web;

import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.common.CsvWriter;
import io.tandemcc.history.ByteRange;
import io.tandemcc.history.CallHistory;
import io.tandemcc.history.CallSummary;
import io.tandemcc.history.HistoryScope;
import io.tandemcc.history.RecordingFiles;
import io.tandemcc.history.RecordingTickets;
import io.tandemcc.supervisor.Supervision;
import io.tandemcc.tenant.Role;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /api/history/calls}: the call history (docs/api.md, "Call history"). An admin sees the
 * tenant's calls, a supervisor those of its groups, an agent its own; anything else is "not found".
 * A recording is streamed with byte ranges, to a bearer token or to the short-lived ticket its
 * call's detail handed out (an {@code <audio>} element sends no Authorization header).
 */
final class HistoryRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryRoutes.class);
  private final CallHistory history;
  private final Supervision supervision;
  private final Authenticated authenticated;

  HistoryRoutes(CallHistory history, Supervision supervision, Authenticated authenticated) {
    this.history = history;
    this.supervision = supervision;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router.get("/api/history/calls").handler(authenticated::handle).handler(this::list);
    router.get("/api/history/calls/:id").handler(authenticated::handle).handler(this::detail);
    router.get("/api/history/calls/:id/recordings/:recordingId/audio").handler(this::audio);
  }

  private void list(RoutingContext ctx) {
    if (ReportRoutes.wantsCsv(ctx)) {
      export(ctx);
      return;
    }
    scope(Authenticated.principal(ctx))
        .compose(scope -> history.list(scope, name -> ctx.request().getParam(name)))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              CallHistory.Listing l = ar.result();
              ctx.response().putHeader("Cache-Control", "no-store");
              ctx.json(
                  new JsonObject()
                      .put(
                          "items",
                          new JsonArray(
                              l.page().items().stream().map(CallSummary::toJson).toList()))
                      .put("next", l.page().next())
                      .put("timeZone", l.timeZone())
                      .put("from", l.query().from().toString())
                      .put("to", l.query().to().toString()));
            });
  }

  /** The whole filtered list as CSV, streamed page by page (docs/api.md, "Call history"). */
  private void export(RoutingContext ctx) {
    Context context = ctx.vertx().getOrCreateContext();
    AtomicReference<CsvStream> out = new AtomicReference<>();
    scope(Authenticated.principal(ctx))
        .compose(
            scope ->
                history.export(
                    scope,
                    name -> ctx.request().getParam(name),
                    zone -> {
                      CsvStream stream = new CsvStream(context, ctx.response(), "calls.csv");
                      out.set(stream);
                      CsvWriter writer = new CsvWriter(stream, zone);
                      writer.row(CallSummary.COLUMNS);
                      return call -> writer.row(call.cells());
                    }))
        .onComplete(
            ar -> {
              CsvStream stream = out.get();
              if (ar.succeeded()) {
                ctx.vertx()
                    .executeBlocking(
                        () -> {
                          stream.end(); // may wait for the client: off the event loop
                          return null;
                        },
                        false)
                    .onFailure(e -> stream.abort());
              } else if (stream == null || !ctx.response().headWritten()) {
                ctx.fail(ar.cause());
              } else {
                if (!(ar.cause() instanceof CsvStream.Cancelled)) {
                  LOG.error(
                      "call history export failed [request {}]", RequestIds.of(ctx), ar.cause());
                }
                stream.abort();
              }
            });
  }

  private void detail(RoutingContext ctx) {
    Principal p = Authenticated.principal(ctx);
    long id = id(ctx.pathParam("id"), "call");
    scope(p)
        .compose(scope -> history.detail(scope, id))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              ctx.response().putHeader("Cache-Control", "no-store");
              ctx.json(
                  ar.result()
                      .toJson(
                          recordingId ->
                              "/api/history/calls/"
                                  + id
                                  + "/recordings/"
                                  + recordingId
                                  + "/audio?ticket="
                                  + history
                                      .tickets()
                                      .issue(
                                          new RecordingTickets.Grant(
                                              p.tenantId(), p.userId(), id, recordingId))));
            });
  }

  /** The recording's bytes: all of them (200) or the one range asked (206), or 416 past the end. */
  private void audio(RoutingContext ctx) {
    long callId = id(ctx.pathParam("id"), "call");
    long recordingId = id(ctx.pathParam("recordingId"), "recording");
    String ticket = ctx.request().getParam("ticket");
    Future<HistoryScope> scope;
    if (ticket != null) {
      Optional<RecordingTickets.Grant> grant =
          history
              .tickets()
              .verify(ticket)
              .filter(g -> g.callRecordId() == callId && g.recordingId() == recordingId);
      scope =
          grant
              .map(
                  g ->
                      Future.succeededFuture(
                          new HistoryScope(
                              g.tenantId(), true, java.util.Set.of(), java.util.Set.of())))
              .orElseGet(
                  () ->
                      Future.failedFuture(
                          ApiException.unauthorized(
                              "invalid-ticket",
                              "The link to this recording is not valid (any more); open the call again.")));
    } else {
      scope = authenticated.verify(ctx).compose(this::scope);
    }
    boolean download = "1".equals(ctx.request().getParam("download"));
    scope
        .compose(s -> history.recording(s, callId, recordingId))
        .compose(
            found ->
                ctx.vertx()
                    .fileSystem()
                    .props(found.path().toString())
                    .map(
                        props -> {
                          send(ctx, found, props.size(), download);
                          return null;
                        }))
        .onFailure(ctx::fail);
  }

  private static void send(
      RoutingContext ctx, CallHistory.RecordingFile found, long size, boolean download) {
    HttpServerResponse res = ctx.response();
    String name =
        "recording-" + found.recording().id() + fileSuffix(found.path().getFileName().toString());
    res.putHeader("Content-Type", RecordingFiles.contentType(found.path()))
        .putHeader("Accept-Ranges", "bytes")
        .putHeader("Cache-Control", "private, no-cache")
        .putHeader(
            "Content-Disposition",
            (download ? "attachment" : "inline") + "; filename=\"" + name + "\"");
    ByteRange.Wanted wanted = ByteRange.parse(ctx.request().getHeader("Range"), size);
    if (wanted instanceof ByteRange.Unsatisfiable) {
      res.setStatusCode(416).putHeader("Content-Range", "bytes */" + size).end();
    } else if (wanted instanceof ByteRange.Part part) {
      ByteRange r = part.range();
      res.setStatusCode(206)
          .putHeader("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + size)
          .sendFile(found.path().toString(), r.start(), r.length());
    } else {
      res.sendFile(found.path().toString());
    }
  }

  private static String fileSuffix(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot);
    return ext.matches("\\.[A-Za-z0-9]{1,5}") ? ext : ".wav";
  }

  /** Who sees which calls: an agent its own, a supervisor its groups', an admin all. */
  private Future<HistoryScope> scope(Principal p) {
    if (p.role() == Role.AGENT) {
      return p.agentId() == null
          ? Future.failedFuture(ApiException.forbidden("This user has no calls."))
          : Future.succeededFuture(HistoryScope.agent(p.tenantId(), p.agentId()));
    }
    return supervision.callScope(p).map(calls -> HistoryScope.of(p.tenantId(), calls));
  }

  private static long id(String raw, String what) {
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException ignored) {
      // the same answer as an unknown id
    }
    throw ApiException.notFound("There is no such " + what + ".");
  }
}
