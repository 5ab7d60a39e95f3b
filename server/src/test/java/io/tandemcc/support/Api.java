package io.tandemcc.support;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/**
 * A small blocking HTTP client for API tests (java.net.http, so the tests use a client we do not
 * write).
 */
public final class Api {
  private final HttpClient http;
  private final String base;

  public Api(int port) {
    this(
        "http://127.0.0.1:" + port,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
  }

  private Api(String base, HttpClient http) {
    this.base = base;
    this.http = http;
  }

  /**
   * Over HTTPS, trusting what {@code tls} trusts (e.g. the server's own self-signed certificate).
   */
  public static Api https(int port, javax.net.ssl.SSLContext tls) {
    return new Api(
        "https://127.0.0.1:" + port,
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).sslContext(tls).build());
  }

  public String base() {
    return base;
  }

  public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public String code() {
      return json().getString("code");
    }
  }

  public Response post(String path, String json, String... headers) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .POST(HttpRequest.BodyPublishers.ofString(json)),
        "application/json",
        headers);
  }

  public Response put(String path, String json, String... headers) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .PUT(HttpRequest.BodyPublishers.ofString(json)),
        "application/json",
        headers);
  }

  public Response get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), null, headers);
  }

  public Response patch(String path, String json, String... headers) {
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .method("PATCH", HttpRequest.BodyPublishers.ofString(json)),
        "application/json",
        headers);
  }

  public Response delete(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), null, headers);
  }

  public Response send(HttpRequest.Builder builder, String contentType, String... headers) {
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    HttpRequest request = builder.timeout(Duration.ofSeconds(15)).build();
    Response response;
    try {
      HttpResponse<String> r = http.send(request, BodyHandlers.ofString());
      response =
          new Response(
              r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    if (ApiContract.ENABLED) {
      // every answer an API test receives must match the OpenAPI description
      ApiContract.get()
          .check(
              request.method(),
              request.uri().getRawPath(),
              response.status(),
              response.contentType(),
              response.body());
    }
    return response;
  }

  public static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  public static String login(String username, String password, String domain) {
    return new JsonObject()
        .put("username", username)
        .put("password", password)
        .put("domain", domain)
        .encode();
  }

  /** Logs in and returns the response (asserting nothing). */
  public Response loginAs(String username, String domain) {
    return post("/api/login", login(username, TestTenants.PASSWORD, domain));
  }

  public String tokenOf(String username, String domain) {
    Response r = loginAs(username, domain);
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r.body());
    }
    return r.json().getString("accessToken");
  }
}
