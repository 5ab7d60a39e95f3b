package io.tandemcc.web;

import io.tandemcc.common.ApiException;
import io.tandemcc.common.InvalidFields;
import io.tandemcc.db.DbFailures;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every error as {@code application/problem+json} (RFC 9457). No stack trace leaves the
 * server; every 5xx is logged with the request id that the client also receives.
 */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  public static final String CONTENT_TYPE = "application/problem+json";

  private Problems() {}

  public static void send(RoutingContext ctx, ApiException e) {
    JsonObject body = problem(ctx, e.status(), e.code(), e.title(), e.detail());
    if (e instanceof InvalidFields invalid) {
      JsonArray errors = new JsonArray();
      invalid
          .errors()
          .forEach(
              f ->
                  errors.add(new JsonObject().put("field", f.field()).put("message", f.message())));
      body.put("errors", errors);
    }
    send(ctx, e.status(), body);
  }

  public static void send(
      RoutingContext ctx, int status, String code, String title, String detail) {
    send(ctx, status, problem(ctx, status, code, title, detail));
  }

  private static void send(RoutingContext ctx, int status, JsonObject body) {
    if (ctx.response().ended() || ctx.response().closed()) {
      return;
    }
    ctx.response().setStatusCode(status).putHeader("Content-Type", CONTENT_TYPE).end(body.encode());
  }

  private static JsonObject problem(
      RoutingContext ctx, int status, String code, String title, String detail) {
    return new JsonObject()
        .put("type", "urn:tandemcc:problem:" + code)
        .put("title", title)
        .put("status", status)
        .put("detail", detail)
        .put("code", code)
        .put("requestId", RequestIds.of(ctx));
  }

  /** The router's failure handler: maps any failure to a problem response. */
  public static void handleFailure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      send(ctx, api);
      return;
    }
    if (failure != null && DbFailures.isUnavailable(failure)) {
      // the database is away (issue 15): a clear, retryable answer within seconds, not a 500 after
      // 30 s
      LOG.warn(
          "request {} {} {}: database unavailable",
          RequestIds.of(ctx),
          ctx.request().method(),
          ctx.request().path());
      ctx.response().putHeader("Retry-After", "5");
      send(ctx, ApiException.databaseUnavailable());
      return;
    }
    int status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
    if (failure instanceof HttpException http) {
      status = http.getStatusCode();
    }
    switch (status) {
      case 400:
        send(ctx, 400, "invalid-request", "Invalid request", "The request could not be read.");
        return;
      case 401:
        send(
            ctx, 401, "not-authenticated", "Not authenticated", "Sign in first, or sign in again.");
        return;
      case 403:
        send(ctx, 403, "forbidden", "Not allowed", "You are not allowed to do this.");
        return;
      case 404:
        send(ctx, 404, "not-found", "Not found", "There is nothing at this address.");
        return;
      case 405:
        send(
            ctx,
            405,
            "method-not-allowed",
            "Method not allowed",
            "This address does not accept that method.");
        return;
      case 413:
        send(ctx, 413, "request-too-large", "Request too large", "The request body is too large.");
        return;
      case 415:
        send(
            ctx,
            415,
            "unsupported-media-type",
            "Unsupported media type",
            "Send the body as application/json.");
        return;
      default:
        if (status < 500) {
          send(ctx, status, "request-refused", "Request refused", "The request was refused.");
          return;
        }
        LOG.error(
            "request {} {} {} failed",
            RequestIds.of(ctx),
            ctx.request().method(),
            ctx.request().path(),
            failure);
        send(
            ctx,
            500,
            "internal-error",
            "Internal error",
            "Something went wrong on the server; quote the request id when reporting it.");
    }
  }
}
