package io.tandemcc.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.tandemcc.web.OpenApiRoutes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks an API answer against the OpenAPI description (server/src/main/resources/openapi): the
 * status must be described for the route and method (or a {@code default} answer), the content type
 * must be one the answer lists, and a JSON body must match its schema. {@link Api} checks every
 * answer it receives, so every API test also tests the description; {@code
 * -Dtandem.openapi.validate=false} turns that off. Paths the description does not have (the web
 * client's files, unknown API paths, the WebSocket upgrades) are not checked: {@code
 * OpenApiRoutesTest} makes sure every mounted endpoint is described.
 */
public final class ApiContract {
  static final boolean ENABLED =
      !"false".equalsIgnoreCase(System.getProperty("tandem.openapi.validate", "true"));
  private static final ObjectMapper JSON = new ObjectMapper();
  private static volatile ApiContract instance;

  private record Template(String path, Pattern pattern, int parameters, JsonNode item) {}

  private final JsonNode components;
  private final List<Template> templates = new ArrayList<>();
  private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
  private final JsonSchemaFactory factory =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  private ApiContract(JsonNode document) {
    this.components = document.path("components");
    Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> e = paths.next();
      String path = e.getKey();
      int parameters = path.split("\\{", -1).length - 1;
      String regex =
          Pattern.quote(path).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q").replace("\\Q\\E", "");
      templates.add(new Template(path, Pattern.compile(regex), parameters, e.getValue()));
    }
    // a literal path wins over a template (/api/admin/popup-rules/preview over .../{id})
    templates.sort(Comparator.comparingInt(Template::parameters));
  }

  /** The description as the server bundles it. */
  public static ApiContract get() {
    if (instance == null) {
      synchronized (ApiContract.class) {
        if (instance == null) {
          try {
            instance = new ApiContract(JSON.readTree(OpenApiRoutes.bundle().encode()));
          } catch (Exception e) {
            throw new IllegalStateException("cannot read the OpenAPI description", e);
          }
        }
      }
    }
    return instance;
  }

  /** Throws an {@link AssertionError} naming every mismatch; does nothing for undescribed paths. */
  public void check(String method, String path, int status, String contentType, String body) {
    List<String> problems = problems(method, path, status, contentType, body);
    if (!problems.isEmpty()) {
      throw new AssertionError(
          "the answer to "
              + method
              + " "
              + path
              + " ("
              + status
              + ", "
              + contentType
              + ") does not match the OpenAPI description: "
              + String.join("; ", problems)
              + "\nbody: "
              + (body.length() > 2000 ? body.substring(0, 2000) + "…" : body));
    }
  }

  /** The mismatches (empty when the answer matches or the path is not described). */
  public List<String> problems(
      String method, String path, int status, String contentType, String body) {
    String m = method.toLowerCase(Locale.ROOT);
    Optional<Template> found =
        templates.stream()
            .filter(t -> t.item().has(m) && t.pattern().matcher(path).matches())
            .findFirst();
    if (found.isEmpty()) {
      return List.of();
    }
    Template template = found.get();
    JsonNode responses = template.item().path(m).path("responses");
    String statusKey = Integer.toString(status);
    JsonNode response =
        responses.has(statusKey) ? responses.get(statusKey) : responses.get("default");
    if (response == null) {
      return List.of("status " + status + " is not described");
    }
    response = resolve(response);
    JsonNode content = response.path("content");
    String mediaType =
        contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (content.isMissingNode() || content.isEmpty()) {
      return body == null || body.isEmpty()
          ? List.of()
          : List.of("status " + status + " is described without a body, but one came");
    }
    String key = mediaKey(content, mediaType);
    if (key == null) {
      return List.of("content type '" + mediaType + "' is not described for status " + status);
    }
    if (!mediaType.endsWith("json")) {
      return List.of();
    }
    JsonNode value;
    try {
      value = JSON.readTree(body);
    } catch (Exception e) {
      return List.of("the body is not JSON: " + e.getMessage());
    }
    JsonSchema schema =
        schemas.computeIfAbsent(
            template.path() + " " + m + " " + statusKey + " " + key,
            k -> compile(content.path(key).path("schema")));
    Set<ValidationMessage> errors = schema.validate(value);
    return errors.stream().map(ValidationMessage::getMessage).sorted().toList();
  }

  private static String mediaKey(JsonNode content, String mediaType) {
    if (content.has(mediaType)) {
      return mediaType;
    }
    Iterator<String> keys = content.fieldNames();
    while (keys.hasNext()) {
      String k = keys.next();
      if (k.endsWith("/*") && mediaType.startsWith(k.substring(0, k.length() - 1))) {
        return k;
      }
    }
    return null;
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode ref = node.get("$ref");
    if (ref == null) {
      return node;
    }
    // only local component references: #/components/<kind>/<name>
    String[] parts = ref.asText().substring(2).split("/");
    return resolve(components.path(parts[1]).path(parts[2]));
  }

  /** The schema with the document's components beside it, so its #/components refs resolve. */
  private JsonSchema compile(JsonNode schema) {
    ObjectNode root = JSON.createObjectNode();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.set("components", components);
    root.putArray("allOf").add(schema);
    return factory.getSchema(root);
  }
}
