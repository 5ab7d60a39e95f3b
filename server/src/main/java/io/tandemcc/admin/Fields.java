package io.tandemcc.admin;

import io.tandemcc.common.InvalidFields;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of an administration request body, collecting every wrong one in an {@link
 * InvalidFields} builder (so a form marks all at once) instead of stopping at the first. A getter
 * returns null when the field is absent or wrong; {@link #present} tells the two apart for a PATCH.
 */
final class Fields {
  private final JsonObject body;
  private final String prefix;
  final InvalidFields.Builder errors;

  Fields(JsonObject body, String prefix, InvalidFields.Builder errors) {
    this.body = body;
    this.prefix = prefix;
    this.errors = errors;
  }

  String name(String field) {
    return prefix + field;
  }

  boolean present(String field) {
    return body.containsKey(field);
  }

  /** Fields not in {@code known}: refused, so a typo ("extention") is not silently ignored. */
  void onlyKnown(Set<String> known) {
    for (String key : body.fieldNames()) {
      if (!known.contains(key)) {
        errors.add(
            name(key.length() > 64 ? key.substring(0, 64) : key), "is not a field of this object");
      }
    }
  }

  String text(String field, int max, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        errors.add(name(field), "is required");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      errors.add(name(field), "must be a string");
      return null;
    }
    String t = s.strip();
    if (t.isEmpty()) {
      errors.add(name(field), "must not be empty");
      return null;
    }
    if (t.length() > max) {
      errors.add(name(field), "must be at most " + max + " characters");
      return null;
    }
    return t;
  }

  String matching(String field, Pattern pattern, String rule, int max, boolean required) {
    String t = text(field, max, required);
    if (t != null && !pattern.matcher(t).matches()) {
      errors.add(name(field), rule);
      return null;
    }
    return t;
  }

  String oneOf(String field, Set<String> values, boolean required) {
    String t = text(field, 32, required);
    if (t != null && !values.contains(t)) {
      errors.add(
          name(field), "must be one of " + String.join(", ", values.stream().sorted().toList()));
      return null;
    }
    return t;
  }

  Integer integer(String field, int min, int max, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        errors.add(name(field), "is required");
      }
      return null;
    }
    if (!(v instanceof Number n)
        || n.doubleValue() != Math.rint(n.doubleValue())
        || n.doubleValue() < min
        || n.doubleValue() > max) {
      errors.add(name(field), "must be a whole number from " + min + " to " + max);
      return null;
    }
    return n.intValue();
  }

  Boolean bool(String field, boolean required) {
    Object v = body.getValue(field);
    if (v == null) {
      if (required) {
        errors.add(name(field), "is required");
      }
      return null;
    }
    if (!(v instanceof Boolean b)) {
      errors.add(name(field), "must be true or false");
      return null;
    }
    return b;
  }

  JsonArray array(String field, int max) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof JsonArray a)) {
      errors.add(name(field), "must be a list");
      return null;
    }
    if (a.size() > max) {
      errors.add(name(field), "must have at most " + max + " entries");
      return null;
    }
    return a;
  }

  /** A positive id (a JSON number), or null after recording the error. */
  static Long id(Object v) {
    if (v instanceof Number n
        && n.doubleValue() == Math.rint(n.doubleValue())
        && n.doubleValue() >= 1
        && n.doubleValue() < 1e17) {
      return n.longValue();
    }
    return null;
  }
}
