package io.tandemcc.admin;

import io.tandemcc.common.ApiException;
import io.vertx.core.json.JsonArray;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The opaque keyset cursor of an admin list: the last item's sort value and id. */
final class Cursors {
  record Key(String value, long id) {}

  private Cursors() {}

  static String of(String value, long id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(
            new JsonArray().add(value).add(id).encode().getBytes(StandardCharsets.UTF_8));
  }

  static Key parse(String cursor) {
    if (cursor == null) {
      return null;
    }
    try {
      JsonArray a =
          new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
      return new Key(a.getString(0), a.getLong(1));
    } catch (RuntimeException e) {
      throw ApiException.invalid("The parameter 'after' must be the 'next' of a previous page.");
    }
  }
}
