package io.tandemcc.web;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStateJson;
import io.tandemcc.agent.Reason;
import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.tenant.TenantDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/** {@code /api/agent/*}: the signed-in agent reads and changes its own state. */
final class AgentRoutes {
  private final AgentStateClient agents;
  private final TenantDirectory directory;
  private final Authenticated authenticated;
  private final Clock clock;

  AgentRoutes(
      AgentStateClient agents,
      TenantDirectory directory,
      Authenticated authenticated,
      Clock clock) {
    this.agents = agents;
    this.directory = directory;
    this.authenticated = authenticated;
    this.clock = clock;
  }

  void mount(Router router) {
    router.get("/api/agent/state").handler(authenticated::handle).handler(this::current);
    router.put("/api/agent/state").handler(authenticated::handle).handler(this::change);
    router.post("/api/agent/wrapup/end").handler(authenticated::handle).handler(this::endWrapup);
  }

  private void current(RoutingContext ctx) {
    Principal p = Authenticated.agent(ctx);
    respond(ctx, p, agents.current(p.tenantId(), p.agentId()));
  }

  private void change(RoutingContext ctx) {
    Principal p = Authenticated.agent(ctx);
    JsonObject body = JsonBodies.object(ctx);
    String status = JsonBodies.requiredString(body, "status", 32);
    Future<AgentEvent> event;
    switch (status) {
      case "READY":
        if (body.getValue("reasonCode") != null) {
          throw ApiException.invalid("Ready takes no reason.");
        }
        event = Future.succeededFuture(new AgentEvent.ReadyRequested());
        break;
      case "NOT_READY":
        String code = JsonBodies.requiredString(body, "reasonCode", 32);
        event =
            directory
                .settings(p.tenantId())
                .compose(
                    settings ->
                        settings
                            .reason(code)
                            .<Future<AgentEvent>>map(
                                r ->
                                    Future.succeededFuture(
                                        new AgentEvent.NotReadyRequested(
                                            new Reason(r.code(), r.label()))))
                            .orElseGet(
                                () ->
                                    Future.failedFuture(
                                        ApiException.badRequest(
                                            "unknown-reason",
                                            "'"
                                                + code
                                                + "' is not one of your tenant's Not Ready reasons."))));
        break;
      default:
        throw ApiException.invalid("'status' must be READY or NOT_READY.");
    }
    respond(
        ctx,
        p,
        event.compose(e -> agents.require(p.tenantId(), p.agentId(), e, "user:" + p.userId())));
  }

  private void endWrapup(RoutingContext ctx) {
    Principal p = Authenticated.agent(ctx);
    respond(
        ctx,
        p,
        agents.require(
            p.tenantId(), p.agentId(), new AgentEvent.EndWrapupRequested(), "user:" + p.userId()));
  }

  private void respond(RoutingContext ctx, Principal p, Future<AgentState> state) {
    state.onComplete(
        ar -> {
          if (ar.succeeded()) {
            ctx.json(AgentStateJson.of(p.agentId(), ar.result(), clock.instant()));
          } else {
            ctx.fail(ar.cause());
          }
        });
  }
}
