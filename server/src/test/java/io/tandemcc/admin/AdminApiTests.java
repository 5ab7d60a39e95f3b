package io.tandemcc.admin;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;

/** Helpers of the /api/admin tests. */
final class AdminApiTests {
  private AdminApiTests() {}

  static Response patch(Api api, String path, String json, String token) {
    return api.patch(path, json, bearer(token));
  }

  static Response delete(Api api, String path, String token) {
    return api.delete(path, bearer(token));
  }

  static void assertProblem(Response r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.code()).as(r.body()).isEqualTo(code);
  }

  /** The fields named by a 400 invalid-fields problem. */
  static java.util.List<String> invalidFields(Response r) {
    assertProblem(r, 400, "invalid-fields");
    return r.json().getJsonArray("errors").stream()
        .map(e -> ((io.vertx.core.json.JsonObject) e).getString("field"))
        .toList();
  }
}
