package io.tandemcc.web;

import io.tandemcc.auth.Principal;
import io.tandemcc.call.AgentCallView;
import io.tandemcc.call.CallControl;
import io.tandemcc.call.CallControl.Actor;
import io.tandemcc.call.CallControlRepository;
import io.tandemcc.call.CallTarget;
import io.tandemcc.call.ConsultView;
import io.tandemcc.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The agent's call control (docs/call-control.md): {@code /api/calls/current/...} transfers,
 * consultation and recording of the signed-in agent's own call, the recording note of a call it was
 * on, and the tenant's queues as transfer targets. Only agents; everything is of the caller's
 * tenant.
 */
final class CallControlRoutes {
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final int MAX_NOTE = 1024;

  private final CallControl control;
  private final CallControlRepository repository;
  private final Authenticated authenticated;

  CallControlRoutes(
      CallControl control, CallControlRepository repository, Authenticated authenticated) {
    this.control = control;
    this.repository = repository;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router.get("/api/calls/current").handler(authenticated::handle).handler(this::current);
    router
        .post("/api/calls/current/transfer")
        .handler(authenticated::handle)
        .handler(this::transfer);
    router.post("/api/calls/current/consult").handler(authenticated::handle).handler(this::consult);
    router
        .post("/api/calls/current/consult/complete")
        .handler(authenticated::handle)
        .handler(ctx -> done(ctx, control.completeConsult(actor(ctx))));
    router
        .post("/api/calls/current/consult/cancel")
        .handler(authenticated::handle)
        .handler(ctx -> done(ctx, control.cancelConsult(actor(ctx))));
    router
        .post("/api/calls/current/recording")
        .handler(authenticated::handle)
        .handler(ctx -> recording(ctx, control.startRecording(actor(ctx)), true));
    router
        .delete("/api/calls/current/recording")
        .handler(authenticated::handle)
        .handler(ctx -> recording(ctx, control.stopRecording(actor(ctx)), false));
    router
        .put("/api/calls/:callId/recording-note")
        .handler(authenticated::handle)
        .handler(this::note);
    router.get("/api/queues").handler(authenticated::handle).handler(this::queues);
  }

  private void current(RoutingContext ctx) {
    control
        .current(actor(ctx))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              AgentCallView c = ar.result();
              ctx.response().putHeader("Cache-Control", "no-store");
              // a consulted agent the call was handed over to (attended transfer completed) now has
              // it as a transfer
              String role =
                  "consult".equals(c.role()) && c.connectedToCustomer() ? "transfer" : c.role();
              ctx.json(
                  new JsonObject()
                      .put("callId", c.callId())
                      .put("kind", c.kind().name())
                      .put("role", role)
                      .put("held", c.held())
                      .put("recording", c.recording())
                      .put("consult", consult(c.consult())));
            });
  }

  /** The JSON of a consultation, as in the call.consult push. */
  static JsonObject consult(ConsultView v) {
    if (v == null) {
      return null;
    }
    return new JsonObject()
        .put(
            "target",
            new JsonObject()
                .put("agentId", v.agentId())
                .put("displayName", v.displayName())
                .put("number", v.number()))
        .put("state", v.state());
  }

  private void transfer(RoutingContext ctx) {
    Actor a = actor(ctx);
    done(ctx, control.transfer(a, target(JsonBodies.object(ctx), true)));
  }

  private void consult(RoutingContext ctx) {
    Actor a = actor(ctx);
    done(ctx, control.consult(a, target(JsonBodies.object(ctx), false)));
  }

  private void note(RoutingContext ctx) {
    Actor a = actor(ctx);
    String callId = ctx.pathParam("callId");
    if (callId == null || !CALL_ID.matcher(callId).matches()) {
      throw ApiException.notFound("You have no recorded call with this id.");
    }
    JsonObject body = JsonBodies.object(ctx);
    if (!(body.getValue("note") instanceof String note)) {
      throw ApiException.invalid("The field 'note' is required and must be a string.");
    }
    if (note.length() > MAX_NOTE) {
      throw ApiException.invalid("The note is longer than " + MAX_NOTE + " characters.");
    }
    control
        .recordingNote(a, callId, note)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else {
                ctx.json(new JsonObject().put("callId", callId).put("note", note));
              }
            });
  }

  private void queues(RoutingContext ctx) {
    Principal p = Authenticated.principal(ctx);
    repository
        .queues(p.tenantId())
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              JsonArray list = new JsonArray();
              ar.result()
                  .forEach(
                      q ->
                          list.add(new JsonObject().put("name", q.name()).put("label", q.label())));
              ctx.response().putHeader("Cache-Control", "no-store");
              ctx.json(new JsonObject().put("queues", list));
            });
  }

  /**
   * {@code {"target": {"agentId": 12} | {"number": "…"} | {"queue": "support"}}}; queues only for
   * transfers.
   */
  static CallTarget target(JsonObject body, boolean queueAllowed) {
    if (!(body.getValue("target") instanceof JsonObject t) || t.size() != 1) {
      throw ApiException.invalid(
          "Give a 'target' with exactly one of agentId, number"
              + (queueAllowed ? " or queue." : "."));
    }
    if (t.containsKey("agentId")) {
      if (!(t.getValue("agentId") instanceof Number n)
          || n.longValue() <= 0
          || n.doubleValue() != n.longValue()) {
        throw ApiException.invalid("'agentId' must be a positive whole number.");
      }
      return new CallTarget.Agent(n.longValue());
    }
    if (t.containsKey("number")) {
      if (!(t.getValue("number") instanceof String s) || !CallTarget.NUMBER.matcher(s).matches()) {
        throw ApiException.invalid("'number' must be 1 to 32 digits, +, * or #.");
      }
      return new CallTarget.Number(s);
    }
    if (queueAllowed && t.containsKey("queue")) {
      if (!(t.getValue("queue") instanceof String q) || q.isBlank() || q.length() > 200) {
        throw ApiException.invalid("'queue' must be the name of one of your queues.");
      }
      return new CallTarget.Queue(q.trim().toLowerCase(Locale.ROOT));
    }
    throw ApiException.invalid(
        "Give a 'target' with exactly one of agentId, number"
            + (queueAllowed ? " or queue." : "."));
  }

  private static Actor actor(RoutingContext ctx) {
    Principal p = Authenticated.principal(ctx);
    if (!p.isAgent()) {
      throw ApiException.forbidden("Only agents control calls.");
    }
    return new Actor(p.tenantId(), p.domain(), p.agentId(), p.userId());
  }

  private static void done(RoutingContext ctx, Future<String> action) {
    action.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.json(new JsonObject().put("callId", ar.result()));
          }
        });
  }

  private static void recording(RoutingContext ctx, Future<String> action, boolean recording) {
    action.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.json(new JsonObject().put("callId", ar.result()).put("recording", recording));
          }
        });
  }
}
