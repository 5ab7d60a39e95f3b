package io.tandemcc.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandemcc.support.Api;
import io.tandemcc.support.ApiContract;
import io.tandemcc.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description against the router the real server mounts: every endpoint the router
 * answers is described, and every described path and method is mounted.
 */
class OpenApiRoutesTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

  /**
   * Routes that are not REST endpoints, each named: filters without a method (request ids, security
   * headers, the body handler, role guards), the two WebSocket upgrades, the API's catch-all 404
   * and the web client's static files.
   */
  static final Set<String> EXCLUDED =
      Set.of(
          "* /*", // RequestIds, SecurityHeaders; the web client's Cache-Control and static files
          "* /api/push", // WebSocket upgrade: the push channel (docs/api.md, "Push")
          "* /api/sip", // WebSocket upgrade: SIP over WebSocket (docs/sip-proxy.md)
          "* /api/*", // the body handler; the catch-all 404 for unknown API paths
          "* /assets/*", // the web client's hashed assets and their 404
          "GET /*", // the web client's page for client-side routes
          "* /api/admin/users*", // role guards of the admin areas
          "* /api/admin/extensions*",
          "* /api/admin/groups*",
          "* /api/admin/audit",
          "* /api/admin/audit/*",
          "* /api/admin/reasons",
          "* /api/admin/reasons/*",
          "* /api/admin/dispositions",
          "* /api/admin/dispositions/*",
          "* /api/admin/attached-data-keys",
          "* /api/admin/attached-data-keys/*",
          "* /api/admin/popup-rules",
          "* /api/admin/popup-rules/*",
          "* /api/admin/settings",
          "* /api/admin/settings/*",
          "* /api/admin/api-keys",
          "* /api/admin/api-keys/*",
          "* /api/admin/trunk",
          "* /api/admin/trunk/*",
          "* /api/system/*");

  @Test
  void everyMountedRouteIsDescribedAndEveryDescribedRouteIsMounted() {
    Set<String> mounted = new TreeSet<>();
    for (HttpVerticle.MountedRoute r : TestServer.get().mountedRoutes()) {
      String path = r.path().replaceAll(":([A-Za-z0-9_]+)", "{$1}") + (r.exact() ? "" : "*");
      if (r.methods().isEmpty()) {
        mounted.add("* " + path);
      } else {
        r.methods().forEach(m -> mounted.add(m + " " + path));
      }
    }
    Set<String> described = new TreeSet<>();
    JsonObject paths = OpenApiRoutes.bundle().getJsonObject("paths");
    for (String path : paths.fieldNames()) {
      for (String method : paths.getJsonObject(path).fieldNames()) {
        if (METHODS.contains(method)) {
          described.add(method.toUpperCase() + " " + path);
        }
      }
    }
    Set<String> undescribed = new TreeSet<>(mounted);
    undescribed.removeAll(described);
    undescribed.removeAll(EXCLUDED);
    Set<String> unmounted = new TreeSet<>(described);
    unmounted.removeAll(mounted);
    Set<String> staleExclusions = new TreeSet<>(EXCLUDED);
    staleExclusions.removeAll(mounted);
    assertThat(undescribed).as("mounted routes the OpenAPI description lacks").isEmpty();
    assertThat(unmounted).as("described routes the router does not mount").isEmpty();
    assertThat(staleExclusions).as("exclusions that match no mounted route").isEmpty();
  }

  @Test
  void theDescriptionIsServedWithoutAuthenticationAndCacheable() {
    Api api = new Api(TestServer.get().port());
    Api.Response r = api.get(OpenApiRoutes.PATH);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("application/json");
    JsonObject doc = r.json();
    assertThat(doc.getString("openapi")).isEqualTo("3.1.0");
    assertThat(doc.containsKey("x-tandem-parts")).isFalse();
    assertThat(doc.getJsonObject("paths").containsKey("/api/login")).isTrue();
    assertThat(r.raw().headers().firstValue("Cache-Control").orElse("")).contains("max-age");
    String etag = r.raw().headers().firstValue("ETag").orElseThrow();
    Api.Response again = api.get(OpenApiRoutes.PATH, "If-None-Match", etag);
    assertThat(again.status()).isEqualTo(304);
  }

  /**
   * The validator the API tests run on every answer refuses what the description does not allow.
   */
  @Test
  void theResponseValidatorRefusesAnswersThatDoNotMatch() {
    ApiContract contract = ApiContract.get();
    String problem =
        "{\"type\":\"urn:tandemcc:problem:forbidden\",\"title\":\"Forbidden\",\"status\":403,"
            + "\"detail\":\"no\",\"code\":\"forbidden\",\"requestId\":\"r1\"}";
    String queues = "{\"queues\":[{\"name\":\"acme-support\",\"label\":\"Support\"}]}";
    assertThat(contract.problems("GET", "/api/queues", 200, "application/json", queues)).isEmpty();
    assertThat(
            contract.problems(
                "GET", "/api/admin/users/12", 403, "application/problem+json", problem))
        .isEmpty();
    // a required property missing, a wrong type
    assertThat(contract.problems("GET", "/api/queues", 200, "application/json", "{}")).isNotEmpty();
    assertThat(
            contract.problems(
                "GET", "/api/queues", 200, "application/json", "{\"queues\":[{\"name\":7}]}"))
        .isNotEmpty();
    // a problem without its code
    assertThat(
            contract.problems(
                "GET",
                "/api/admin/users/12",
                404,
                "application/problem+json",
                problem.replace(",\"code\":\"forbidden\"", "")))
        .isNotEmpty();
    // an undescribed status, a body where none is described, an undescribed content type
    assertThat(contract.problems("GET", "/api/queues", 200, "text/html", "<html>")).isNotEmpty();
    assertThat(
            contract.problems("DELETE", "/api/callbacks/3", 204, "application/json", "{\"a\":1}"))
        .isNotEmpty();
    assertThat(contract.problems("GET", "/api/openapi.json", 201, "application/json", "{}"))
        .isNotEmpty();
    assertThatThrownBy(
            () -> contract.check("GET", "/api/queues", 200, "application/json", "{\"queues\":3}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET /api/queues");
    // paths the description does not have are not checked
    assertThat(contract.problems("GET", "/assets/x.js", 200, "text/javascript", "x")).isEmpty();
  }
}
