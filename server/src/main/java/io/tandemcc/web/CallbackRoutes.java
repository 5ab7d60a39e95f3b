package io.tandemcc.web;

import io.tandemcc.auth.Principal;
import io.tandemcc.callback.Callback;
import io.tandemcc.callback.CallbackRepository.Fields;
import io.tandemcc.callback.Callbacks;
import io.tandemcc.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * {@code /api/callbacks}: the signed-in agent's own callbacks (docs/call-control.md, "Callbacks").
 */
final class CallbackRoutes {
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private final Callbacks callbacks;
  private final Authenticated authenticated;

  CallbackRoutes(Callbacks callbacks, Authenticated authenticated) {
    this.callbacks = callbacks;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router.get("/api/callbacks").handler(authenticated::handle).handler(this::list);
    router.post("/api/callbacks").handler(authenticated::handle).handler(this::create);
    router.put("/api/callbacks/:id").handler(authenticated::handle).handler(this::update);
    router.delete("/api/callbacks/:id").handler(authenticated::handle).handler(this::cancel);
    router.post("/api/callbacks/:id/dial").handler(authenticated::handle).handler(this::dial);
  }

  private void list(RoutingContext ctx) {
    Principal p = Authenticated.agent(ctx);
    callbacks
        .open(p.tenantId(), p.agentId())
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              JsonArray list = new JsonArray();
              ar.result().forEach(c -> list.add(c.toJson()));
              ctx.response().putHeader("Cache-Control", "no-store");
              ctx.json(new JsonObject().put("callbacks", list));
            });
  }

  private void create(RoutingContext ctx) {
    Principal p = Authenticated.agent(ctx);
    JsonObject body = JsonBodies.object(ctx);
    Fields fields = fields(body);
    String callId = JsonBodies.optionalString(body, "callId", 64);
    if (callId != null && !CALL_ID.matcher(callId).matches()) {
      throw ApiException.invalid("The field 'callId' is not a call id.");
    }
    respond(ctx, 201, callbacks.create(p.tenantId(), p.agentId(), fields, callId));
  }

  private void update(RoutingContext ctx) {
    Principal p = Authenticated.agent(ctx);
    long id = id(ctx);
    JsonObject body = JsonBodies.object(ctx);
    respond(ctx, 200, callbacks.update(p.tenantId(), p.agentId(), id, fields(body)));
  }

  private void cancel(RoutingContext ctx) {
    Principal p = Authenticated.agent(ctx);
    callbacks
        .cancel(p.tenantId(), p.agentId(), id(ctx))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else {
                ctx.response().setStatusCode(204).end();
              }
            });
  }

  private void dial(RoutingContext ctx) {
    Principal p = Authenticated.agent(ctx);
    callbacks
        .dial(p.tenantId(), p.agentId(), p.userId(), id(ctx))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else {
                ctx.json(new JsonObject().put("callId", ar.result()));
              }
            });
  }

  private static void respond(RoutingContext ctx, int status, Future<Callback> callback) {
    callback.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.response().setStatusCode(status);
            ctx.json(ar.result().toJson());
          }
        });
  }

  private static Fields fields(JsonObject body) {
    String due = JsonBodies.requiredString(body, "dueAt", 40);
    Instant dueAt;
    try {
      dueAt = java.time.OffsetDateTime.parse(due).toInstant();
    } catch (DateTimeParseException e) {
      throw ApiException.invalid(
          "'dueAt' must be a date and time with its offset, e.g. 2026-11-23T09:30:00Z.");
    }
    String number = JsonBodies.requiredString(body, "number", 32).trim();
    String name = optionalText(body, "name", Callbacks.MAX_NAME);
    String note = optionalText(body, "note", Callbacks.MAX_NOTE);
    return new Fields(dueAt, number, name.trim(), note);
  }

  /** An optional string field, empty when absent. */
  private static String optionalText(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (value == null || "".equals(value)) {
      return "";
    }
    return JsonBodies.requiredString(body, field, maxLength);
  }

  private static long id(RoutingContext ctx) {
    try {
      long id = Long.parseLong(ctx.pathParam("id"));
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw ApiException.notFound("There is no such callback of yours.");
  }
}
