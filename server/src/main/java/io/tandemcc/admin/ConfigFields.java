package io.tandemcc.admin;

import io.tandemcc.common.InvalidFields;
import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/**
 * Reads the fields of an administration body into an {@link InvalidFields.Builder}: a wrong type, a
 * missing required field, a too long or badly formed value each adds one error, so a form learns
 * every wrong field at once. Each reader returns null when the field is absent or wrong (the caller
 * then throws before changing anything).
 */
final class ConfigFields {
  private final JsonObject body;
  private final Errors errors;

  /** The errors of a nested object are named {@code prefix.field}. */
  private record Errors(InvalidFields.Builder to, String prefix) {
    void add(String field, String message) {
      to.add(prefix + field, message);
    }
  }

  ConfigFields(JsonObject body, InvalidFields.Builder errors) {
    this(body, errors, "");
  }

  ConfigFields(JsonObject body, InvalidFields.Builder errors, String prefix) {
    this.body = body;
    this.errors = new Errors(errors, prefix);
  }

  boolean has(String field) {
    return body.containsKey(field);
  }

  String text(
      String field, boolean required, int min, int max, Pattern pattern, String patternMessage) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required || body.containsKey(field)) {
        errors.add(field, required && !body.containsKey(field) ? "is required" : "may not be null");
      }
      return null;
    }
    if (!(value instanceof String s)) {
      errors.add(field, "must be a string");
      return null;
    }
    String text = s.strip();
    if (text.length() < min || text.length() > max) {
      errors.add(
          field,
          min == max
              ? "must be " + min + " characters"
              : "must be " + min + " to " + max + " characters");
      return null;
    }
    if (pattern != null && !pattern.matcher(text).matches()) {
      errors.add(field, patternMessage);
      return null;
    }
    return text;
  }

  Boolean bool(String field, boolean required) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required || body.containsKey(field)) {
        errors.add(field, body.containsKey(field) ? "may not be null" : "is required");
      }
      return null;
    }
    if (!(value instanceof Boolean b)) {
      errors.add(field, "must be true or false");
      return null;
    }
    return b;
  }

  Integer integer(String field, boolean required, int min, int max) {
    Object value = body.getValue(field);
    if (value == null) {
      if (required || body.containsKey(field)) {
        errors.add(field, body.containsKey(field) ? "may not be null" : "is required");
      }
      return null;
    }
    if (!(value instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < min
        || n.doubleValue() > max) {
      errors.add(field, "must be a whole number from " + min + " to " + max);
      return null;
    }
    return n.intValue();
  }

  /** Fields the body may not carry (read-only or unknown ones). */
  void only(java.util.Set<String> allowed) {
    for (String key : body.fieldNames()) {
      if (!allowed.contains(key)) {
        errors.add(key, "is not a field of this object (or cannot be changed)");
      }
    }
  }
}
