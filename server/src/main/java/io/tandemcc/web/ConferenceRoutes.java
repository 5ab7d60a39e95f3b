package io.tandemcc.web;

import io.tandemcc.auth.Principal;
import io.tandemcc.call.CallAddresses;
import io.tandemcc.call.ConferenceCommand;
import io.tandemcc.call.ConferenceCommand.Action;
import io.tandemcc.call.ConferenceReply;
import io.tandemcc.common.ApiException;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * The conference of the agent's current call (docs/call-control.md "Conference"): add a party, drop
 * one, end it, and turn a consultation into a conference. The call verticle decides; these routes
 * only read the request and answer.
 */
final class ConferenceRoutes {
  private static final DeliveryOptions OPTIONS = new DeliveryOptions().setSendTimeout(15_000);
  private static final Pattern PARTY_ID = Pattern.compile("p[0-9]{1,6}");

  private final Authenticated authenticated;

  ConferenceRoutes(Authenticated authenticated) {
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router
        .post("/api/calls/current/conference/parties")
        .handler(authenticated::handle)
        .handler(this::add);
    router
        .delete("/api/calls/current/conference/parties/:partyId")
        .handler(authenticated::handle)
        .handler(this::drop);
    router.get("/api/calls/current/conference").handler(authenticated::handle).handler(this::view);
    router
        .post("/api/calls/current/conference/end")
        .handler(authenticated::handle)
        .handler(this::end);
    router
        .post("/api/calls/current/consult/conference")
        .handler(authenticated::handle)
        .handler(this::fromConsult);
  }

  private void add(RoutingContext ctx) {
    Principal p = agent(ctx);
    JsonObject body = JsonBodies.object(ctx);
    if (!(body.getValue("target") instanceof JsonObject target)) {
      throw ApiException.invalid("Give a target: {\"agentId\": …} or {\"number\": \"…\"}.");
    }
    Long agentId = null;
    String number = null;
    if (target.getValue("agentId") != null) {
      if (!(target.getValue("agentId") instanceof Number n)
          || n.longValue() <= 0
          || target.size() != 1) {
        throw ApiException.invalid("The target is one agentId (a positive number) or one number.");
      }
      agentId = n.longValue();
    } else if (target.getValue("number") instanceof String s && target.size() == 1) {
      number = s.strip();
    } else {
      throw ApiException.invalid("The target is one agentId or one number.");
    }
    send(
        ctx,
        new ConferenceCommand(
            p.tenantId(), p.domain(), p.agentId(), Action.ADD, agentId, number, null),
        200);
  }

  private void drop(RoutingContext ctx) {
    Principal p = agent(ctx);
    String partyId = ctx.pathParam("partyId");
    if (partyId == null || !PARTY_ID.matcher(partyId).matches()) {
      throw ApiException.notFound("There is no such party in your conference.");
    }
    send(
        ctx,
        new ConferenceCommand(
            p.tenantId(), p.domain(), p.agentId(), Action.DROP, null, null, partyId),
        204);
  }

  /**
   * The conference of the agent's call, as the {@code call.conference} push has it ({@code
   * conference} null: none).
   */
  private void view(RoutingContext ctx) {
    Principal p = agent(ctx);
    send(
        ctx,
        new ConferenceCommand(p.tenantId(), p.domain(), p.agentId(), Action.VIEW, null, null, null),
        200);
  }

  private void end(RoutingContext ctx) {
    Principal p = agent(ctx);
    send(
        ctx,
        new ConferenceCommand(p.tenantId(), p.domain(), p.agentId(), Action.END, null, null, null),
        204);
  }

  private void fromConsult(RoutingContext ctx) {
    Principal p = agent(ctx);
    send(
        ctx,
        new ConferenceCommand(
            p.tenantId(), p.domain(), p.agentId(), Action.FROM_CONSULT, null, null, null),
        200);
  }

  private static Principal agent(RoutingContext ctx) {
    Principal p = Authenticated.principal(ctx);
    if (!p.isAgent()) {
      throw ApiException.forbidden("Only agents are on calls.");
    }
    return p;
  }

  private static void send(RoutingContext ctx, ConferenceCommand cmd, int okStatus) {
    ctx.vertx()
        .eventBus()
        .<ConferenceReply>request(CallAddresses.CONFERENCE, cmd, OPTIONS)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              ConferenceReply r = ar.result().body();
              if (!r.ok()) {
                ctx.fail(
                    new ApiException(r.status(), r.problemCode(), title(r.status()), r.message()));
              } else if (r.view() != null) {
                ctx.response().putHeader("Cache-Control", "no-store");
                ctx.json(new JsonObject(r.view()));
              } else if (okStatus == 204) {
                ctx.response().setStatusCode(204).end();
              } else {
                JsonObject json = new JsonObject().put("callId", r.callId());
                if (r.partyId() != null) {
                  json.put("partyId", r.partyId());
                }
                ctx.json(json);
              }
            });
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Invalid request";
      case 404 -> "Not found";
      case 409 -> "Conflict";
      case 502 -> "The phone system refused";
      case 503 -> "The phone system is unavailable";
      default -> "Error";
    };
  }
}
