package io.tandemcc.web;

import io.tandemcc.auth.ApiKeys;
import io.tandemcc.call.AttachData;
import io.tandemcc.call.CallAddresses;
import io.tandemcc.call.CallScope;
import io.tandemcc.common.ApiException;
import io.tandemcc.supervisor.Supervision;
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
 * {@code PUT /api/calls/:callId/attached-data}: a CRM (with its tenant's API key in {@code
 * X-Api-Key}) or a supervisor/admin of the tenant adds attached data to a call by the tenant's key
 * names; a supervisor only to its groups' calls (any other is "not found", as for another
 * tenant's). The agents the call rings or is connected to see it at once.
 */
final class CallRoutes {
  private static final Pattern CALL_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  static final int MAX_VALUE = 1024;

  private final TenantDirectory directory;
  private final ApiKeys apiKeys;
  private final Authenticated authenticated;
  private final Supervision supervision;

  CallRoutes(
      TenantDirectory directory,
      ApiKeys apiKeys,
      Authenticated authenticated,
      Supervision supervision) {
    this.supervision = supervision;
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
    scopeOf(ctx)
        .compose(
            scoped ->
                directory
                    .settings(scoped.tenantId())
                    .compose(
                        settings -> {
                          long tenantId = scoped.tenantId();
                          Map<String, Integer> positions = new HashMap<>();
                          for (AttachedDataKey k : settings.attachedDataKeys()) {
                            positions.put(k.name(), k.position());
                          }
                          Map<Integer, String> values = new HashMap<>();
                          for (String field : body.fieldNames()) {
                            Integer position = positions.get(field);
                            if (position == null) {
                              return Future.failedFuture(
                                  ApiException.badRequest(
                                      "unknown-key",
                                      "'"
                                          + field
                                          + "' is not one of your tenant's attached-data keys."));
                            }
                            if (!(body.getValue(field) instanceof String value)) {
                              return Future.failedFuture(
                                  ApiException.invalid(
                                      "The value of '" + field + "' must be a string."));
                            }
                            if (value.length() > MAX_VALUE) {
                              return Future.failedFuture(
                                  ApiException.invalid(
                                      "The value of '"
                                          + field
                                          + "' is longer than "
                                          + MAX_VALUE
                                          + " characters."));
                            }
                            values.put(position, value);
                          }
                          if (values.isEmpty()) {
                            return Future.failedFuture(
                                ApiException.invalid("Give at least one key and value."));
                          }
                          return ctx.vertx()
                              .eventBus()
                              .<AttachData.Result>request(
                                  CallAddresses.ATTACH_DATA,
                                  new AttachData(tenantId, callId, values, scoped.calls()))
                              .map(m -> m.body());
                        }))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
              } else if (!ar.result().found()) {
                ctx.fail(ApiException.notFound("There is no such call."));
              } else {
                ctx.json(
                    new JsonObject()
                        .put("callId", callId)
                        .put("agentsNotified", ar.result().agentsNotified()));
              }
            });
  }

  private record Scoped(long tenantId, CallScope calls) {}

  /**
   * The tenant of the caller and the calls it may reach: an API key's whole tenant, an admin's, a
   * supervisor's groups' calls. Agents may not push data.
   */
  private Future<Scoped> scopeOf(RoutingContext ctx) {
    String key = ctx.request().getHeader("X-Api-Key");
    if (key != null) {
      return apiKeys
          .tenantOf(key)
          .compose(
              t ->
                  t.<Future<Scoped>>map(
                          id -> Future.succeededFuture(new Scoped(id, CallScope.WHOLE_TENANT)))
                      .orElseGet(
                          () ->
                              Future.failedFuture(
                                  ApiException.unauthorized(
                                      "invalid-api-key", "The API key is not valid."))));
    }
    return authenticated
        .verify(ctx)
        .compose(
            pr -> {
              if (pr.role() == Role.AGENT) {
                return Future.failedFuture(
                    ApiException.forbidden("Agents cannot push attached data."));
              }
              return supervision.callScope(pr).map(calls -> new Scoped(pr.tenantId(), calls));
            });
  }
}
