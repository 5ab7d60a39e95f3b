package io.tandemcc.web;

import io.tandemcc.auth.Principal;
import io.tandemcc.call.Dispositions;
import io.tandemcc.common.ApiException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * {@code PUT /api/calls/:callId/disposition}: the agent who had a call gives it a disposition and a
 * note.
 */
final class DispositionRoutes {
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private final Dispositions dispositions;
  private final Authenticated authenticated;

  DispositionRoutes(Dispositions dispositions, Authenticated authenticated) {
    this.dispositions = dispositions;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router.put("/api/calls/:callId/disposition").handler(authenticated::handle).handler(this::give);
  }

  private void give(RoutingContext ctx) {
    Principal p = Authenticated.agent(ctx);
    String callId = ctx.pathParam("callId");
    if (callId == null || !CALL_ID.matcher(callId).matches()) {
      throw ApiException.invalid("The call id is not valid.");
    }
    JsonObject body = JsonBodies.object(ctx);
    String code = JsonBodies.requiredString(body, "code", 32);
    String note = body.getValue("note") == null ? "" : noteOf(body);
    dispositions
        .give(p.tenantId(), p.agentId(), p.userId(), callId, code, note)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else {
                ctx.json(
                    new JsonObject()
                        .put("callId", callId)
                        .put("code", ar.result().code())
                        .put("label", ar.result().label())
                        .put("note", ar.result().note()));
              }
            });
  }

  private static String noteOf(JsonObject body) {
    if (!(body.getValue("note") instanceof String note)) {
      throw ApiException.invalid("The field 'note' must be a string.");
    }
    if (note.length() > Dispositions.MAX_NOTE) {
      throw ApiException.invalid(
          "The field 'note' is longer than " + Dispositions.MAX_NOTE + " characters.");
    }
    return note;
  }
}
