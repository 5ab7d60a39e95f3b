package io.tandemcc.web;

import static io.tandemcc.db.generated.Tables.API_KEY;
import static io.tandemcc.support.Api.bearer;
import static io.tandemcc.web.LoginApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.auth.ApiKeys;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 3, at the API edge: a CR/LF in a callback's name, in click-to-dial's customerName
 * or in an attached-data value used to end an AMI action and start another. Every JSON body is now
 * refused with 400 {@code invalid-text} when any of its texts (names too, nested too) holds a
 * control character; only a note may span lines. The PBX side (the choke point, the encoding of
 * commas) is tested in pbx.ami.
 */
@DisplayName(
    "API edge: control characters in JSON bodies are a 400 invalid-text, for every endpoint")
class TextInputApiTest {
  private static final String CRLF_ATTACK =
      "Jane\r\nAction: Command\r\nCommand: database put tandem pwned 1";
  private Server server;
  private Api api;
  private TestTenant tenant;
  private String key;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "text");
    key = "key-" + tenant.domain();
    server
        .database()
        .dsl()
        .insertInto(API_KEY)
        .set(API_KEY.TENANT_ID, tenant.id())
        .set(API_KEY.NAME, "CRM")
        .set(API_KEY.KEY_HASH, new ApiKeys(server.database()).hash(key))
        .execute();
  }

  private static String callback(String name, String note) {
    return new JsonObject()
        .put("dueAt", Instant.now().plus(1, ChronoUnit.DAYS).toString())
        .put("number", "+14155550123")
        .put("name", name)
        .put("note", note)
        .encode();
  }

  private Response dial(JsonObject body) {
    return api.post("/api/dial", body.encode(), "X-Api-Key", key);
  }

  @Test
  @DisplayName(
      "POST /api/callbacks: a name with CRLF, LF, NUL or ESC is refused; a note may span lines")
  void callbackNames() {
    String alice = api.tokenOf("alice", tenant.domain());
    for (String bad :
        new String[] {CRLF_ATTACK, "Jane\nDoe", "Jane\0", "Jane\u001b[2J", "Jane\u0085"}) {
      assertProblem(
          api.post("/api/callbacks", callback(bad, ""), bearer(alice)), 400, "invalid-text");
    }
    assertProblem(
        api.post("/api/callbacks", callback("Jane", "a\u0000b"), bearer(alice)),
        400,
        "invalid-text");
    Response ok =
        api.post(
            "/api/callbacks",
            callback("Jane \"J\" O'Neil, Ltd.", "first line\r\nsecond\tline"),
            bearer(alice));
    assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    assertThat(ok.json().getString("note")).isEqualTo("first line\r\nsecond\tline");
    long id = ok.json().getLong("id");
    assertProblem(
        api.put("/api/callbacks/" + id, callback(CRLF_ATTACK, ""), bearer(alice)),
        400,
        "invalid-text");
    assertThat(
            api.get("/api/callbacks", bearer(alice))
                .json()
                .getJsonArray("callbacks")
                .getJsonObject(0)
                .getString("name"))
        .isEqualTo("Jane \"J\" O'Neil, Ltd.");
  }

  @Test
  @DisplayName(
      "POST /api/dial: customerName or an attached-data value (or key) with CRLF is refused before dialling")
  void dialText() {
    JsonObject base = new JsonObject().put("agent", "alice").put("number", "123");
    assertProblem(dial(base.copy().put("customerName", CRLF_ATTACK)), 400, "invalid-text");
    assertProblem(
        dial(base.copy().put("attachedData", new JsonObject().put("CustomerId", CRLF_ATTACK))),
        400,
        "invalid-text");
    assertProblem(
        dial(base.copy().put("attachedData", new JsonObject().put("Customer\r\nId", "1"))),
        400,
        "invalid-text");
    assertProblem(dial(base.copy().put("agent", "alice\n")), 400, "invalid-text");
    // commas and quotes are data, not an attack, at the edge: the PBX side encodes them
    // (OriginateVariablesTest);
    // without a phone system the request gets as far as the dial itself
    assertProblem(
        dial(
            base.copy()
                .put("customerName", "O'Neil, \"Jane\"")
                .put(
                    "attachedData",
                    new JsonObject().put("CustomerId", "42,__CC_CALLID=x,DB(family/key)=v"))),
        503,
        "pbx-unavailable");
    // too long for one AMI line once encoded
    assertProblem(
        dial(base.copy().put("attachedData", new JsonObject().put("CustomerId", "ä".repeat(400)))),
        400,
        "invalid-request");
  }

  @Test
  @DisplayName("any endpoint: names and nested texts are checked, unpaired surrogates too")
  void everyEndpoint() {
    String alice = api.tokenOf("alice", tenant.domain());
    assertProblem(
        api.put(
            "/api/agent/state",
            "{\"status\":\"NOT_READY\",\"reasonCode\":\"break\\r\\n\"}",
            bearer(alice)),
        400,
        "invalid-text");
    assertProblem(
        api.put(
            "/api/agent/state",
            "{\"status\":\"READY\",\"x\":[{\"y\":\"\\u0007\"}]}",
            bearer(alice)),
        400,
        "invalid-text");
    assertProblem(
        api.put("/api/agent/state", "{\"status\":\"READY\",\"x\\u000d\":1}", bearer(alice)),
        400,
        "invalid-text");
    assertProblem(
        api.put("/api/agent/state", "{\"status\":\"READY\",\"x\":\"\\ud800\"}", bearer(alice)),
        400,
        "invalid-text");
    assertProblem(
        api.post(
            "/api/login", "{\"username\":\"alice\\r\\n\",\"password\":\"x\",\"domain\":\"d\"}"),
        400,
        "invalid-text");
  }
}
