package io.tandemcc.web;

import io.tandemcc.auth.Principal;
import io.tandemcc.call.CallAddresses;
import io.tandemcc.call.ReattachCommand;
import io.tandemcc.call.ReattachReply;
import io.tandemcc.common.ApiException;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Reload survival (docs/webphone.md): the agent's reloaded page takes back the call that was held
 * for it. Only the agent the call was held for may (tenant and agent are the caller's own; anyone
 * else's call is a 404).
 */
final class ReattachRoutes {
  /** The Originate rings for up to 10 s, then the Bridge. */
  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(20_000);

  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private final Authenticated authenticated;

  ReattachRoutes(Authenticated authenticated) {
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router
        .post("/api/calls/:callId/reattach")
        .handler(authenticated::handle)
        .handler(this::reattach);
  }

  private void reattach(RoutingContext ctx) {
    Principal p = Authenticated.principal(ctx);
    if (!p.isAgent()) {
      throw ApiException.forbidden("Only agents take calls back.");
    }
    String callId = ctx.pathParam("callId");
    if (callId == null || !CALL_ID.matcher(callId).matches()) {
      throw ApiException.notFound("There is no call waiting for you to take it back.");
    }
    ctx.vertx()
        .eventBus()
        .<ReattachReply>request(
            CallAddresses.REATTACH, new ReattachCommand(p.tenantId(), p.agentId(), callId), OPTIONS)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              ReattachReply r = ar.result().body();
              if (!r.ok()) {
                ctx.fail(
                    new ApiException(r.status(), r.problemCode(), title(r.status()), r.message()));
              } else {
                ctx.json(new JsonObject().put("callId", r.callId()).put("millis", r.millis()));
              }
            });
  }

  private static String title(int status) {
    return switch (status) {
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 502 -> "The phone system refused";
      case 503 -> "The phone system is unavailable";
      default -> "Error";
    };
  }
}
