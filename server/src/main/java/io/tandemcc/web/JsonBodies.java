package io.tandemcc.web;

import io.tandemcc.common.ApiException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/** Strict reading of JSON request bodies: every defect is a 400 problem naming the field. */
public final class JsonBodies {
  private JsonBodies() {}

  public static JsonObject object(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
      throw new ApiException(
          415,
          "unsupported-media-type",
          "Unsupported media type",
          "Send the body as application/json.");
    }
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() == 0) {
      throw ApiException.invalid("The request body is empty; a JSON object is expected.");
    }
    Object value;
    try {
      value = io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
    } catch (DecodeException e) {
      throw ApiException.invalid("The request body is not valid JSON.");
    }
    if (value instanceof JsonObject object) {
      checkText(object, null);
      return object;
    }
    throw ApiException.invalid("The request body must be a JSON object.");
  }

  /**
   * Fields whose text may span lines: a line feed, carriage return or tab is part of what the user
   * wrote.
   */
  static final Set<String> MULTILINE = Set.of("note");

  /**
   * Every name and text of the body, nested ones too: no control character (U+0000–U+001F,
   * U+007F–U+009F; in {@link #MULTILINE} fields tab, line feed and carriage return are allowed) and
   * no unpaired surrogate. A line break in a name, number or attached-data value would end an AMI
   * action and start another one of the sender's choosing (issue 13); no single-line field needs
   * one, so the check is the same for every endpoint.
   */
  private static void checkText(Object value, String field) {
    if (value instanceof JsonObject object) {
      for (var entry : object) {
        checkString(entry.getKey(), entry.getKey(), false);
        checkText(entry.getValue(), entry.getKey());
      }
    } else if (value instanceof JsonArray array) {
      for (Object item : array) {
        checkText(item, field);
      }
    } else if (value instanceof String text) {
      checkString(field, text, MULTILINE.contains(field));
    }
  }

  private static void checkString(String field, String text, boolean multiline) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f);
      if (control && !(multiline && (c == '\n' || c == '\r' || c == '\t'))) {
        throw invalidText(
            field, String.format(Locale.ROOT, "a control character (U+%04X)", (int) c));
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw invalidText(field, "an unpaired surrogate (not Unicode text)");
      }
    }
  }

  private static ApiException invalidText(String field, String what) {
    String name =
        field == null
            ? "a field"
            : "'"
                + (field.length() > 64 ? field.substring(0, 64) + "…" : field)
                    .replaceAll("[\\p{Cntrl}\\p{Cs}]", "?")
                + "'";
    return ApiException.badRequest(INVALID_TEXT, "The text of " + name + " contains " + what + ".");
  }

  /** The problem code of a body whose text holds a control character. */
  public static final String INVALID_TEXT = "invalid-text";

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
      throw ApiException.invalid(
          "The field '" + field + "' is longer than " + maxLength + " characters.");
    }
    return s;
  }

  public static String optionalString(JsonObject body, String field, int maxLength) {
    return body.getValue(field) == null ? null : requiredString(body, field, maxLength);
  }
}
