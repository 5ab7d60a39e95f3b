package io.tandemcc.web;

import io.tandemcc.agent.AgentStateJson;
import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.pbx.SpyMode;
import io.tandemcc.supervisor.AuditLog;
import io.tandemcc.supervisor.MonitorReply;
import io.tandemcc.supervisor.Supervision;
import io.tandemcc.supervisor.Supervision.StateRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code /api/supervisor/*}: the live team view and the interventions of supervisors (their groups)
 * and admins (their tenant). Agents get 403; an agent outside the caller's scope is a 404, whether
 * it exists or not.
 */
final class SupervisorRoutes {
  private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
  private static final int AUDIT_LIMIT = 200;

  private final Supervision supervision;
  private final Authenticated authenticated;
  private final Clock clock;

  SupervisorRoutes(Supervision supervision, Authenticated authenticated, Clock clock) {
    this.supervision = supervision;
    this.authenticated = authenticated;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/api/supervisor/team").handler(authenticated::handle).handler(this::team);
    router.get("/api/supervisor/audit").handler(authenticated::handle).handler(this::audit);
    router
        .post("/api/supervisor/agents/:agentId/state")
        .handler(authenticated::handle)
        .handler(this::state);
    router
        .post("/api/supervisor/agents/:agentId/logout")
        .handler(authenticated::handle)
        .handler(this::logout);
    router
        .post("/api/supervisor/agents/:agentId/monitor")
        .handler(authenticated::handle)
        .handler(this::monitor);
    router
        .delete("/api/supervisor/agents/:agentId/monitor")
        .handler(authenticated::handle)
        .handler(this::stopMonitor);
  }

  private void team(RoutingContext ctx) {
    supervision
        .team(Authenticated.principal(ctx))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              ctx.response()
                  .putHeader("Content-Type", "application/json")
                  .putHeader("Cache-Control", "no-store")
                  .end(ar.result());
            });
  }

  private void state(RoutingContext ctx) {
    Principal p = Authenticated.principal(ctx);
    long agentId = agentId(ctx);
    JsonObject body = JsonBodies.object(ctx);
    String status = JsonBodies.requiredString(body, "status", 32);
    StateRequest request;
    switch (status) {
      case "READY":
        if (body.getValue("reasonCode") != null) {
          throw ApiException.invalid("Ready takes no reason.");
        }
        request = new StateRequest(true, null);
        break;
      case "NOT_READY":
        request = new StateRequest(false, JsonBodies.requiredString(body, "reasonCode", 32));
        break;
      default:
        throw ApiException.invalid("'status' must be READY or NOT_READY.");
    }
    reply(
        ctx,
        supervision
            .changeState(p, agentId, request)
            .map(state -> AgentStateJson.of(agentId, state, clock.instant())));
  }

  private void logout(RoutingContext ctx) {
    supervision
        .logout(Authenticated.principal(ctx), agentId(ctx))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else {
                ctx.response().setStatusCode(204).end();
              }
            });
  }

  private void monitor(RoutingContext ctx) {
    long agentId = agentId(ctx);
    String mode = JsonBodies.requiredString(JsonBodies.object(ctx), "mode", 16);
    SpyMode spyMode;
    try {
      spyMode = SpyMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("'mode' must be listen, whisper or barge.");
    }
    reply(
        ctx,
        supervision
            .monitor(Authenticated.principal(ctx), agentId, spyMode)
            .map(r -> monitoring(agentId, r)));
  }

  private void stopMonitor(RoutingContext ctx) {
    long agentId = agentId(ctx);
    reply(
        ctx,
        supervision
            .stopMonitor(Authenticated.principal(ctx), agentId)
            .map(r -> monitoring(agentId, r)));
  }

  private static JsonObject monitoring(long agentId, MonitorReply r) {
    return new JsonObject()
        .put("agentId", agentId)
        .put("mode", r.mode() == null ? null : r.mode().name().toLowerCase(Locale.ROOT))
        .put("active", r.active());
  }

  private void audit(RoutingContext ctx) {
    reply(
        ctx,
        supervision
            .auditTrail(Authenticated.principal(ctx), AUDIT_LIMIT)
            .map(SupervisorRoutes::entries));
  }

  private static JsonObject entries(List<AuditLog.Entry> list) {
    JsonArray array = new JsonArray();
    list.forEach(
        e ->
            array.add(
                new JsonObject()
                    .put("id", e.id())
                    .put("actorUserId", e.actorUserId())
                    .put("agentId", e.targetAgentId())
                    .put("action", e.action())
                    .put("detail", e.detail())
                    .put("outcome", e.outcome())
                    .put("occurredAt", e.occurredAt().toString())));
    return new JsonObject().put("entries", array);
  }

  /** The agent id of the path; one that cannot be an id is as unknown as any other. */
  static long agentId(RoutingContext ctx) {
    String raw = ctx.pathParam("agentId");
    if (raw == null || !ID.matcher(raw).matches()) {
      throw ApiException.notFound("There is no such agent in your team.");
    }
    return Long.parseLong(raw);
  }

  private static void reply(RoutingContext ctx, Future<JsonObject> result) {
    result.onComplete(
        ar -> {
          if (ar.failed()) {
            ctx.fail(ar.cause());
          } else {
            ctx.response().putHeader("Cache-Control", "no-store");
            ctx.json(ar.result());
          }
        });
  }
}
