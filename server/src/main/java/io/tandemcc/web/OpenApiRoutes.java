package io.tandemcc.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of the REST API, open to everyone and
 * cacheable (it changes only with the server's version).
 *
 * <p>The description is kept in the jar as one JSON file per area under {@code openapi/}: {@code
 * openapi.json} holds the shared parts (info, security, the Problem schema) and names the area
 * files in {@code x-tandem-parts}; each area file holds {@code paths} and its own {@code
 * components}. They are merged once, here (and the same way by the web client's {@code gen:api}
 * script); a path or component defined twice is an error, so two areas cannot silently overwrite
 * each other.
 */
public final class OpenApiRoutes {
  public static final String PATH = "/api/openapi.json";
  private static final String PARTS = "x-tandem-parts";

  private final Buffer body;
  private final String etag;

  OpenApiRoutes() {
    this.body = bundle().toBuffer();
    this.etag = "\"" + sha256(body.getBytes()) + "\"";
  }

  void mount(Router router) {
    router.get(PATH).handler(this::serve);
  }

  private void serve(RoutingContext ctx) {
    ctx.response().putHeader("Cache-Control", "public, max-age=3600").putHeader("ETag", etag);
    if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json").end(body);
  }

  /** The whole description: the root file with every area file merged into it. */
  public static JsonObject bundle() {
    JsonObject root = read("openapi.json");
    JsonArray parts = (JsonArray) root.remove(PARTS);
    JsonObject paths = root.getJsonObject("paths", new JsonObject());
    JsonObject components = root.getJsonObject("components", new JsonObject());
    for (Object name : parts) {
      JsonObject part = read(name + ".json");
      mergeInto(paths, part.getJsonObject("paths", new JsonObject()), name + ": path ");
      JsonObject partComponents = part.getJsonObject("components", new JsonObject());
      for (String kind : partComponents.fieldNames()) {
        if (!components.containsKey(kind)) {
          components.put(kind, new JsonObject());
        }
        mergeInto(
            components.getJsonObject(kind),
            partComponents.getJsonObject(kind),
            name + ": component " + kind + "/");
      }
    }
    return root.put("paths", paths).put("components", components);
  }

  private static void mergeInto(JsonObject into, JsonObject from, String what) {
    for (String key : from.fieldNames()) {
      if (into.containsKey(key)) {
        throw new IllegalStateException("OpenAPI " + what + key + " is defined twice");
      }
      into.put(key, from.getValue(key));
    }
  }

  private static JsonObject read(String file) {
    try (InputStream in =
        OpenApiRoutes.class.getClassLoader().getResourceAsStream("openapi/" + file)) {
      if (in == null) {
        throw new IllegalStateException("openapi/" + file + " is missing from the jar");
      }
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
