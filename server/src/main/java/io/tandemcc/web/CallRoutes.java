package io.tandemcc.web;

import io.tandemcc.auth.ApiKeys;
import io.tandemcc.call.AttachData;
import io.tandemcc.call.CallAddresses;
import io.tandemcc.common.ApiException;
import io.tandemcc.tenant.Role;
import io.tandemcc.tenant.TenantDirectory;
import io.tandemcc.tenant.TenantSettings.AttachedDataKey;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code PUT /api/calls/:callId/attached-data}: a CRM (with its tenant's API key in {@code X-Api-Key}) or a
 * supervisor/admin of the tenant adds attached data to a call by the tenant's key names. The agents the call
 * rings or is connected to see it at once.
 */
final class CallRoutes {
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final int MAX_VALUE = 1024;

  private final TenantDirectory directory;
  private final ApiKeys apiKeys;
  private final Authenticated authenticated;

  CallRoutes(TenantDirectory directory, ApiKeys apiKeys, Authenticated authenticated) {
    this.directory = directory;
    this.apiKeys = apiKeys;
    this.authenticated = authenticated;
  }

  void mount(Router router) {
    router.put("/api/calls/:callId/attached-data").handler(this::attachData);
  }

  private void attachData(RoutingContext ctx) {
    String callId = ctx.pathParam("callId");
    if (callId == null || !CALL_ID.matcher(callId).matches()) {
      throw ApiException.invalid("The call id is not valid.");
    }
    JsonObject body = JsonBodies.object(ctx);
    tenantOf(ctx).compose(tenantId -> directory.settings(tenantId).compose(settings -> {
      Map<String, Integer> positions = new HashMap<>();
      for (AttachedDataKey k : settings.attachedDataKeys()) {
        positions.put(k.name(), k.position());
      }
      Map<Integer, String> values = new HashMap<>();
      for (String field : body.fieldNames()) {
        Integer position = positions.get(field);
        if (position == null) {
          return Future.failedFuture(ApiException.badRequest("unknown-key",
              "'" + field + "' is not one of your tenant's attached-data keys."));
        }
        if (!(body.getValue(field) instanceof String value)) {
          return Future.failedFuture(ApiException.invalid("The value of '" + field + "' must be a string."));
        }
        if (value.length() > MAX_VALUE) {
          return Future.failedFuture(ApiException.invalid("The value of '" + field + "' is longer than "
              + MAX_VALUE + " characters."));
        }
        values.put(position, value);
      }
      if (values.isEmpty()) {
        return Future.failedFuture(ApiException.invalid("Give at least one key and value."));
      }
      return ctx.vertx().eventBus().<AttachData.Result>request(CallAddresses.ATTACH_DATA,
          new AttachData(tenantId, callId, values)).map(m -> m.body());
    })).onComplete(ar -> {
      if (ar.failed()) {
        ctx.fail(ar.cause());
      } else if (!ar.result().found()) {
        ctx.fail(ApiException.notFound("There is no such call."));
      } else {
        ctx.json(new JsonObject().put("callId", callId).put("agentsNotified", ar.result().agentsNotified()));
      }
    });
  }

  /** The tenant of the caller: an API key's, or a supervisor's/admin's. Agents may not push data. */
  private Future<Long> tenantOf(RoutingContext ctx) {
    String key = ctx.request().getHeader("X-Api-Key");
    if (key != null) {
      return apiKeys.tenantOf(key).compose(t -> t.<Future<Long>>map(Future::succeededFuture)
          .orElseGet(() -> Future.failedFuture(ApiException.unauthorized("invalid-api-key",
              "The API key is not valid."))));
    }
    return authenticated.verify(ctx).compose(pr -> {
      if (pr.role() == Role.AGENT) {
        return Future.failedFuture(ApiException.forbidden("Agents cannot push attached data."));
      }
      return Future.succeededFuture(pr.tenantId());
    });
  }
}
