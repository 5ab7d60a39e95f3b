package io.tandemcc.web;

import io.tandemcc.auth.ApiKeys;
import io.tandemcc.call.ClickToDialService;
import io.tandemcc.common.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/dial}: a CRM, with its tenant's API key in {@code X-Api-Key}, has the server
 * dial a number for one of the tenant's agents (click-to-dial, docs/call-control.md).
 */
final class DialRoutes {
  private final ClickToDialService dialer;
  private final ApiKeys apiKeys;

  DialRoutes(ClickToDialService dialer, ApiKeys apiKeys) {
    this.dialer = dialer;
    this.apiKeys = apiKeys;
  }

  void mount(Router router) {
    router.post("/api/dial").handler(this::dial);
  }

  private void dial(RoutingContext ctx) {
    String key = ctx.request().getHeader("X-Api-Key");
    if (key == null) {
      throw ApiException.unauthorized(
          "invalid-api-key", "Send your tenant's API key in X-Api-Key.");
    }
    JsonObject body = JsonBodies.object(ctx);
    String agent = JsonBodies.requiredString(body, "agent", 64).trim();
    String number = JsonBodies.requiredString(body, "number", 32).trim();
    String name = JsonBodies.optionalString(body, "customerName", 128);
    Map<String, String> data = attachedData(body);
    apiKeys
        .tenantOf(key)
        .compose(
            t ->
                t.<Future<Long>>map(Future::succeededFuture)
                    .orElseGet(
                        () ->
                            Future.failedFuture(
                                ApiException.unauthorized(
                                    "invalid-api-key", "The API key is not valid."))))
        .compose(
            tenantId ->
                dialer
                    .agentOf(tenantId, agent)
                    .compose(
                        agentId ->
                            dialer.dial(
                                new ClickToDialService.Request(
                                    tenantId,
                                    agentId,
                                    number,
                                    name == null ? "" : name,
                                    data,
                                    "crm"))))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else {
                ctx.json(new JsonObject().put("callId", ar.result()));
              }
            });
  }

  private static Map<String, String> attachedData(JsonObject body) {
    Object value = body.getValue("attachedData");
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof JsonObject object)) {
      throw ApiException.invalid("'attachedData' must be an object of key names and values.");
    }
    Map<String, String> data = new LinkedHashMap<>();
    for (String field : object.fieldNames()) {
      if (!(object.getValue(field) instanceof String s)) {
        throw ApiException.invalid("The value of '" + field + "' must be a string.");
      }
      data.put(field, s);
    }
    return data;
  }
}
