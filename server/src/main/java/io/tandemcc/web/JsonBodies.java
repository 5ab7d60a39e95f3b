package io.tandemcc.web;

import io.vertx.core.json.DecodeException;
import io.tandemcc.common.ApiException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Strict reading of JSON request bodies: every defect is a 400 problem naming the field. */
public final class JsonBodies {
  private JsonBodies() {}

  public static JsonObject object(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
          "Send the body as application/json.");
    }
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
      throw ApiException.invalid("The request body is empty; a JSON object is expected.");
    }
    try {
      Object value = io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
      if (value instanceof JsonObject object) {
        return object;
      }
      throw ApiException.invalid("The request body must be a JSON object.");
    } catch (DecodeException e) {
      throw ApiException.invalid("The request body is not valid JSON.");
    }
  }

  /** A required string field, trimmed, between 1 and {@code maxLength} characters. */
  public static String requiredString(JsonObject body, String field, int maxLength) {
    Object value = body.getValue(field);
    if (value == null) {
      throw ApiException.invalid("The field '" + field + "' is required.");
    }
    if (!(value instanceof String s)) {
      throw ApiException.invalid("The field '" + field + "' must be a string.");
    }
    if (s.isBlank()) {
      throw ApiException.invalid("The field '" + field + "' must not be empty.");
    }
    if (s.length() > maxLength) {
      throw ApiException.invalid("The field '" + field + "' is longer than " + maxLength + " characters.");
    }
    return s;
  }

  public static String optionalString(JsonObject body, String field, int maxLength) {
    return body.getValue(field) == null ? null : requiredString(body, field, maxLength);
  }
}
