package io.tandemcc.web;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's fuzz requirement for JSON bodies: every POST / PUT / PATCH route the routers mount
 * (read from the route classes of this package, so a new route is fuzzed too) gets mutated bodies —
 * control characters, huge strings, wrong types, nested junk, invalid UTF-8, non-objects — as an
 * agent, as a supervisor and as a CRM key. Each answer is a 2xx or a 4xx problem+json, never a 5xx,
 * and the server stays healthy.
 */
@DisplayName(
    "JSON fuzz: mutated bodies on every POST/PUT/PATCH route get a 2xx or a 4xx problem, never a 5xx")
class JsonFuzzTest {
  // the formatter may put `.post(...)` on the line after `router`
  private static final Pattern ROUTE =
      Pattern.compile("router\\s*\\.(post|put|patch)\\(\\s*\"(/api/[^\"]+)\"\\s*\\)");
  private static final String[] FIELDS = {
    "status",
    "reasonCode",
    "name",
    "number",
    "dueAt",
    "note",
    "agent",
    "customerName",
    "attachedData",
    "code",
    "mode",
    "target",
    "agentId",
    "queue",
    "username",
    "password",
    "domain",
    "callId",
    "values",
    "kind",
    "extension",
    "recording"
  };

  @Test
  @DisplayName(
      "every route, every identity, every mutation: no 5xx, problems are problem+json, health stays")
  void fuzzEveryBodyRoute() throws Exception {
    Server server = TestServer.get();
    Api api = new Api(server.port());
    TestTenant tenant = TestTenants.create(server.database(), "fuzz");
    int healthBefore = api.get("/api/health").status();
    List<String[]> routes = routes();
    assertThat(routes).as("the route classes were read").hasSizeGreaterThan(20);
    List<byte[]> bodies = bodies(new Random(13));
    List<String> failures = new ArrayList<>();
    int sent = 0;
    for (String who : new String[] {"alice", "sam", "crm", "nobody"}) {
      String[] auth =
          switch (who) {
            case "crm" -> new String[] {"X-Api-Key", "not-a-key"};
            case "nobody" -> new String[0];
            default -> bearer(api.tokenOf(who, tenant.domain()));
          };
      for (String[] route : routes) {
        for (byte[] body : bodies) {
          Response r = send(api, route[0], path(route[1]), body, auth);
          sent++;
          boolean ok =
              r.status() < 300
                  || r.status() < 500 && r.contentType().startsWith("application/problem+json");
          if (!ok || r.body().contains("Exception") || r.body().contains("at io.")) {
            failures.add(
                who
                    + " "
                    + route[0]
                    + " "
                    + route[1]
                    + " "
                    + preview(body)
                    + " -> "
                    + r.status()
                    + " "
                    + r.body());
          }
        }
      }
    }
    assertThat(failures).as("of " + sent + " requests").isEmpty();
    assertThat(api.get("/api/health").status()).as("still healthy").isEqualTo(healthBefore);
    assertThat(api.tokenOf("bob", tenant.domain())).as("logins still work").isNotBlank();
  }

  /** METHOD and path of every body route mounted by the classes of io.tandemcc.web. */
  static List<String[]> routes() throws IOException {
    Path web = source("io/tandemcc/web");
    List<String[]> routes = new ArrayList<>();
    try (Stream<Path> files = Files.list(web)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
        Matcher m = ROUTE.matcher(Files.readString(file));
        while (m.find()) {
          routes.add(new String[] {m.group(1).toUpperCase(), m.group(2)});
        }
      }
    }
    return routes;
  }

  private static Path source(String pkg) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      for (Path candidate :
          List.of(
              p.resolve("src/main/java").resolve(pkg),
              p.resolve("server/src/main/java").resolve(pkg))) {
        if (Files.isDirectory(candidate)) {
          return candidate;
        }
      }
    }
    throw new IllegalStateException("no sources of " + pkg);
  }

  private static String path(String template) {
    return template
        .replace(":callId", "1795315375.0")
        .replace(":id", "1")
        .replace(":agentId", "1")
        .replace(":partyId", "1");
  }

  static List<byte[]> bodies(Random random) {
    List<String> texts =
        new ArrayList<>(
            List.of(
                "",
                "{}",
                "[]",
                "null",
                "true",
                "42",
                "\"text\"",
                "{",
                "{\"a\":}",
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
    String[] junkValues = {
      "\"a\\r\\nAction: Command\"",
      "\"\\u0000\"",
      "\"\\ud800\"",
      "\"" + "x".repeat(60_000) + "\"",
      "5",
      "-1",
      "1e308",
      "99999999999999999999999",
      "true",
      "null",
      "[]",
      "{}",
      "[\"a\",{\"b\":[null]}]",
      "{\"__proto__\":{\"x\":1}}",
      "\"READY\"",
      "\"NOT_READY\"",
      "\"2026-13-45T99:99:99Z\"",
      "\"+0\"",
      "\"1795315375.0\"",
      "\"listen\"",
      "\"\\u202e\\u0085\""
    };
    for (String field : FIELDS) {
      texts.add("{\"" + field + "\":" + junkValues[random.nextInt(junkValues.length)] + "}");
    }
    for (int i = 0; i < 20; i++) {
      StringBuilder object = new StringBuilder("{");
      for (int f = 0; f < 1 + random.nextInt(5); f++) {
        object
            .append(f == 0 ? "" : ",")
            .append('"')
            .append(FIELDS[random.nextInt(FIELDS.length)])
            .append("\":")
            .append(junkValues[random.nextInt(junkValues.length)]);
      }
      texts.add(object.append('}').toString());
    }
    List<byte[]> bodies = new ArrayList<>();
    texts.forEach(t -> bodies.add(t.getBytes(StandardCharsets.UTF_8)));
    // invalid UTF-8 inside a string, a truncated sequence, an overlong NUL, a UTF-16 body
    bodies.add(
        new byte[] {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}'});
    bodies.add(new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xe2, (byte) 0x82, '"', '}'});
    bodies.add(new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xc0, (byte) 0x80, '"', '}'});
    bodies.add("{\"status\":\"READY\"}".getBytes(StandardCharsets.UTF_16));
    byte[] noise = new byte[512];
    random.nextBytes(noise);
    bodies.add(noise);
    return bodies;
  }

  private static Response send(
      Api api, String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(api.base() + path))
            .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
    return api.send(b, "application/json", headers);
  }

  private static String preview(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > 80 ? s.substring(0, 80) + "…(" + s.length() + ")" : s;
  }
}
