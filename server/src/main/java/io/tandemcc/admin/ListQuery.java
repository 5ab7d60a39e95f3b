package io.tandemcc.admin;

import io.tandemcc.common.ApiException;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One list request: page size, the opaque cursor of the page before, a search text and the sort
 * field. The cursor names the last item's sort value and id (keyset paging: every page costs the
 * same).
 */
public record ListQuery(int limit, String after, String q, String sort) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;

  /** The sort value and id a cursor names. */
  record Cursor(String value, long id) {}

  static String cursor(Object sortValue, long id) {
    String json = new JsonArray().add(String.valueOf(sortValue)).add(id).encode();
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  Cursor decodedAfter() {
    if (after == null) {
      return null;
    }
    try {
      JsonArray a =
          new JsonArray(new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8));
      return new Cursor(a.getString(0), a.getLong(1));
    } catch (RuntimeException e) {
      throw ApiException.invalid("The parameter 'after' must be the 'next' of a previous page.");
    }
  }

  String sortOr(String fallback, java.util.Set<String> allowed) {
    if (sort == null) {
      return fallback;
    }
    if (!allowed.contains(sort)) {
      throw ApiException.invalid(
          "The parameter 'sort' must be one of " + String.join(", ", allowed) + ".");
    }
    return sort;
  }

  /** A LIKE pattern matching the search text anywhere (its % and _ taken literally), or null. */
  String likePattern() {
    if (q == null || q.isBlank()) {
      return null;
    }
    return "%"
        + q.strip()
            .toLowerCase(java.util.Locale.ROOT)
            .replace("\\", "\\\\")
            .replace("%", "\\%")
            .replace("_", "\\_")
        + "%";
  }
}
