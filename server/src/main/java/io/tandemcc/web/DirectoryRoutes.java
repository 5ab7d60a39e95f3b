package io.tandemcc.web;

import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStateClient;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.auth.Principal;
import io.tandemcc.common.ApiException;
import io.tandemcc.tenant.AgentListing;
import io.tandemcc.tenant.TenantDirectory;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code GET /api/agents/directory}: the signed-in user's colleagues (agents of the same tenant
 * only) with their extension and current status, for the webphone's "call a colleague" list.
 */
final class DirectoryRoutes {
  private final AgentStateClient agents;
  private final TenantDirectory directory;
  private final Authenticated authenticated;

  DirectoryRoutes(AgentStateClient agents, TenantDirectory directory, Authenticated authenticated) {
    this.agents = agents;
    this.directory = directory;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router.get("/api/agents/directory").handler(authenticated::handle).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    Principal p = Authenticated.principal(ctx);
    directory
        .agentListings(p.tenantId())
        .compose(
            listings -> Future.all(listings.stream().map(a -> entry(p.tenantId(), a)).toList()))
        .onComplete(
            ar -> {
              if (ar.succeeded()) {
                List<JsonObject> entries = ar.result().list();
                ctx.response().putHeader("Cache-Control", "no-store");
                ctx.json(new JsonArray(entries));
              } else {
                ctx.fail(ar.cause());
              }
            });
  }

  private Future<JsonObject> entry(long tenantId, AgentListing agent) {
    return agents
        .current(tenantId, agent.agentId())
        .map(AgentState::status)
        // an agent the state owner does not know has never signed in
        .recover(
            e ->
                e instanceof ApiException api && api.status() == 404
                    ? Future.succeededFuture(AgentStatus.LOGGED_OUT)
                    : Future.failedFuture(e))
        .map(
            status ->
                new JsonObject()
                    .put("agentId", agent.agentId())
                    .put("displayName", agent.displayName())
                    .put("extension", agent.extension())
                    .put("status", status.name()));
  }
}
