package io.tandemcc.web;

import static io.tandemcc.db.generated.Tables.CALL_RECORD;
import static io.tandemcc.support.Api.bearer;
import static io.tandemcc.web.LoginApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Callbacks: an agent's own agenda, validated, and the due reminder pushed once")
class CallbackApiTest {
  private Server server;
  private Api api;
  private TestTenant tenant;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "cb");
  }

  private static String body(Instant dueAt, String number, String name, String note) {
    return new JsonObject()
        .put("dueAt", dueAt.toString())
        .put("number", number)
        .put("name", name)
        .put("note", note)
        .encode();
  }

  private Response delete(String path, String token) {
    return api.send(
        HttpRequest.newBuilder(URI.create(api.base() + path)).DELETE(), null, bearer(token));
  }

  @Test
  @DisplayName("schedule, list soonest first, change, cancel: the agent's own open callbacks")
  void lifecycle() {
    String alice = api.tokenOf("alice", tenant.domain());
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Response late =
        api.post(
            "/api/callbacks",
            body(tomorrow.plusSeconds(3600), "+14155550123", "Jane Customer", "Wants a quote"),
            bearer(alice));
    assertThat(late.status()).as(late.body()).isEqualTo(201);
    JsonObject created = late.json();
    assertThat(created.getString("dueAt")).isEqualTo(tomorrow.plusSeconds(3600).toString());
    assertThat(created.getString("number")).isEqualTo("+14155550123");
    assertThat(created.getString("name")).isEqualTo("Jane Customer");
    assertThat(created.getString("note")).isEqualTo("Wants a quote");
    assertThat(created.getString("status")).isEqualTo("open");
    assertThat(created.getValue("callId")).isNull();
    assertThat(created.getValue("remindedAt")).isNull();
    Response soon =
        api.post(
            "/api/callbacks",
            new JsonObject().put("dueAt", tomorrow.toString()).put("number", "0155501234").encode(),
            bearer(alice));
    assertThat(soon.status()).as(soon.body()).isEqualTo(201);
    assertThat(soon.json().getString("name")).isEmpty();

    Response list = api.get("/api/callbacks", bearer(alice));
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.raw().headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(
            list.json().getJsonArray("callbacks").stream().map(o -> ((JsonObject) o).getLong("id")))
        .containsExactly(soon.json().getLong("id"), created.getLong("id"));

    long id = created.getLong("id");
    Response changed =
        api.put(
            "/api/callbacks/" + id,
            body(tomorrow.minusSeconds(60), "+14155550124", "Jane C.", ""),
            bearer(alice));
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().getString("number")).isEqualTo("+14155550124");
    assertThat(changed.json().getString("note")).isEmpty();
    assertThat(
            api.get("/api/callbacks", bearer(alice))
                .json()
                .getJsonArray("callbacks")
                .getJsonObject(0)
                .getLong("id"))
        .as("now the soonest")
        .isEqualTo(id);

    assertThat(delete("/api/callbacks/" + id, alice).status()).isEqualTo(204);
    assertThat(api.get("/api/callbacks", bearer(alice)).json().getJsonArray("callbacks"))
        .hasSize(1);
    assertProblem(delete("/api/callbacks/" + id, alice), 409, "callback-closed");
    assertProblem(
        api.put("/api/callbacks/" + id, body(tomorrow, "123", "", ""), bearer(alice)),
        409,
        "callback-closed");
  }

  @Test
  @DisplayName("bad input gets clear 400s: due time, number, lengths, unknown call")
  void validation() {
    String alice = api.tokenOf("alice", tenant.domain());
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);
    for (String bad :
        new String[] {
          "{\"number\":\"123\"}",
          "{\"dueAt\":\"tomorrow\",\"number\":\"123\"}",
          "{\"dueAt\":\"2026-11-23T10:00:00\",\"number\":\"123\"}",
          body(Instant.now().minus(1, ChronoUnit.HOURS), "123", "", ""),
          body(Instant.now().plus(400, ChronoUnit.DAYS), "123", "", ""),
          body(tomorrow, "call me", "", ""),
          body(tomorrow, "1".repeat(33), "", ""),
          body(tomorrow, "123", "n".repeat(129), ""),
          body(tomorrow, "123", "", "n".repeat(1025)),
          new JsonObject()
              .put("dueAt", tomorrow.toString())
              .put("number", "123")
              .put("callId", "bad id")
              .encode()
        }) {
      assertProblem(api.post("/api/callbacks", bad, bearer(alice)), 400, "invalid-request");
    }
    assertProblem(
        api.post(
            "/api/callbacks",
            new JsonObject()
                .put("dueAt", tomorrow.toString())
                .put("number", "123")
                .put("callId", "no-such-call")
                .encode(),
            bearer(alice)),
        404,
        "not-found");
    assertThat(api.get("/api/callbacks", bearer(alice)).json().getJsonArray("callbacks")).isEmpty();
  }

  @Test
  @DisplayName(
      "a callback from a call of the agent names the call; another agent's or tenant's call is 404")
  void fromACall() {
    TestTenant other = TestTenants.create(server.database(), "cbother");
    var dsl = server.database().dsl();
    for (Object[] c :
        new Object[][] {
          {tenant.id(), tenant.domain() + "-a", tenant.aliceAgent()},
          {tenant.id(), tenant.domain() + "-b", tenant.bobAgent()},
          {other.id(), other.domain() + "-a", other.aliceAgent()}
        }) {
      dsl.insertInto(CALL_RECORD)
          .set(CALL_RECORD.TENANT_ID, (Long) c[0])
          .set(CALL_RECORD.CALL_ID, (String) c[1])
          .set(CALL_RECORD.KIND, "queue")
          .set(CALL_RECORD.AGENT_ID, (Long) c[2])
          .set(CALL_RECORD.STARTED_AT, OffsetDateTime.now(ZoneOffset.UTC))
          .execute();
    }
    String alice = api.tokenOf("alice", tenant.domain());
    String due = Instant.now().plus(1, ChronoUnit.HOURS).toString();
    Response mine =
        api.post(
            "/api/callbacks",
            new JsonObject()
                .put("dueAt", due)
                .put("number", "123")
                .put("callId", tenant.domain() + "-a")
                .encode(),
            bearer(alice));
    assertThat(mine.status()).as(mine.body()).isEqualTo(201);
    assertThat(mine.json().getString("callId")).isEqualTo(tenant.domain() + "-a");
    for (String call : new String[] {tenant.domain() + "-b", other.domain() + "-a"}) {
      assertProblem(
          api.post(
              "/api/callbacks",
              new JsonObject().put("dueAt", due).put("number", "123").put("callId", call).encode(),
              bearer(alice)),
          404,
          "not-found");
    }
  }

  @Test
  @DisplayName(
      "another agent's or tenant's callback cannot be read, changed, cancelled or dialled; staff get 403")
  void isolation() {
    TestTenant other = TestTenants.create(server.database(), "cbother");
    String alice = api.tokenOf("alice", tenant.domain());
    Instant due = Instant.now().plus(1, ChronoUnit.HOURS);
    long id =
        api.post("/api/callbacks", body(due, "123", "", ""), bearer(alice)).json().getLong("id");

    for (String token :
        new String[] {api.tokenOf("bob", tenant.domain()), api.tokenOf("alice", other.domain())}) {
      assertThat(api.get("/api/callbacks", bearer(token)).json().getJsonArray("callbacks"))
          .isEmpty();
      assertProblem(
          api.put("/api/callbacks/" + id, body(due, "999", "", ""), bearer(token)),
          404,
          "not-found");
      assertProblem(delete("/api/callbacks/" + id, token), 404, "not-found");
      assertProblem(
          api.post("/api/callbacks/" + id + "/dial", "", bearer(token)), 404, "not-found");
    }
    assertProblem(
        api.get("/api/callbacks", bearer(api.tokenOf("sam", tenant.domain()))), 403, "forbidden");
    assertProblem(api.get("/api/callbacks"), 401, "not-authenticated");
    assertProblem(api.get("/api/callbacks/abc"), 404, "not-found");
    JsonArray still = api.get("/api/callbacks", bearer(alice)).json().getJsonArray("callbacks");
    assertThat(still.getJsonObject(0).getString("number")).isEqualTo("123");
    assertThat(still.getJsonObject(0).getString("status")).isEqualTo("open");
  }

  @Test
  @DisplayName(
      "when due, callback.due reaches every tab of the agent once; a later GET still lists it as due")
  void dueReminder() throws Exception {
    String alice = api.tokenOf("alice", tenant.domain());
    String bob = api.tokenOf("bob", tenant.domain());
    try (PushClient tab1 = PushClient.authenticated(server.port(), alice);
        PushClient tab2 = PushClient.authenticated(server.port(), alice);
        PushClient bobsTab = PushClient.authenticated(server.port(), bob)) {
      Instant due = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
      long id =
          api.post("/api/callbacks", body(due, "+14155550123", "Jane", "Quote"), bearer(alice))
              .json()
              .getLong("id");
      for (PushClient tab : new PushClient[] {tab1, tab2}) {
        JsonObject reminder = tab.nextOfType("callback.due", Duration.ofSeconds(6));
        assertThat(reminder).as("callback.due").isNotNull();
        JsonObject callback = reminder.getJsonObject("callback");
        assertThat(callback.getLong("id")).isEqualTo(id);
        assertThat(callback.getString("number")).isEqualTo("+14155550123");
        assertThat(Instant.parse(callback.getString("remindedAt"))).isAfterOrEqualTo(due);
        assertThat(Instant.now()).isAfterOrEqualTo(due);
      }
      assertThat(tab1.nextOfType("callback.due", Duration.ofMillis(2500))).as("only once").isNull();
      assertThat(bobsTab.seen())
          .extracting(m -> m.getString("type"))
          .doesNotContain("callback.due");
      JsonObject listed =
          api.get("/api/callbacks", bearer(alice))
              .json()
              .getJsonArray("callbacks")
              .getJsonObject(0);
      assertThat(listed.getString("status")).isEqualTo("open");
      assertThat(listed.getString("remindedAt")).isNotNull();

      // moved to a later time, it is reminded of again then
      api.put(
          "/api/callbacks/" + id,
          body(Instant.now().plusSeconds(1), "+14155550123", "Jane", "Quote"),
          bearer(alice));
      assertThat(tab2.nextOfType("callback.due", Duration.ofSeconds(5)))
          .as("reminded again")
          .isNotNull();
    }
  }

  @Test
  @DisplayName(
      "dialling a callback without a phone system is 503 pbx-unavailable, and the callback stays open")
  void dialWithoutPbx() {
    String alice = api.tokenOf("alice", tenant.domain());
    long id =
        api.post(
                "/api/callbacks", body(Instant.now().plusSeconds(60), "123", "", ""), bearer(alice))
            .json()
            .getLong("id");
    assertProblem(
        api.post("/api/callbacks/" + id + "/dial", "", bearer(alice)), 503, "pbx-unavailable");
    assertThat(api.get("/api/callbacks", bearer(alice)).json().getJsonArray("callbacks"))
        .hasSize(1);
  }
}
