package io.tandemcc.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.support.Api.Response;
import io.tandemcc.support.PushClient;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/** Helpers of the supervisor tests: problem answers, team messages, waiting for a matching push. */
final class SupervisorTests {
  static final Duration SECOND = Duration.ofSeconds(1);

  private SupervisorTests() {}

  static void assertProblem(Response r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.json().getString("detail")).isNotBlank();
    assertThat(r.body()).doesNotContain("Exception").doesNotContain("at io.");
  }

  static JsonObject agent(JsonObject message) {
    return message.getJsonObject("agent");
  }

  static JsonObject call(JsonObject message) {
    return agent(message).getJsonObject("call");
  }

  static List<JsonObject> objects(JsonObject json, String field) {
    return json.getJsonArray(field).stream().map(JsonObject.class::cast).toList();
  }

  /**
   * A push of this type that matches, among those taken already or the next ones. For deltas of two
   * streams whose relative order the server does not fix (a queue's figures and an agent's state
   * change after one PBX event); the client orders them by their {@code version}.
   */
  static JsonObject awaitInAnyOrder(
      PushClient client, String type, Predicate<JsonObject> match, Duration timeout)
      throws InterruptedException {
    for (JsonObject m : client.seen()) {
      if (type.equals(m.getString("type")) && match.test(m)) {
        return m;
      }
    }
    return await(client, type, match, timeout);
  }

  /** The next push of this type that matches, skipping others; fails after the timeout. */
  static JsonObject await(
      PushClient client, String type, Predicate<JsonObject> match, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonObject m =
          client.nextOfType(type, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
      if (m != null && match.test(m)) {
        return m;
      }
    }
    throw new AssertionError(
        "no matching " + type + " within " + timeout.toMillis() + " ms; seen: " + client.seen());
  }
}
