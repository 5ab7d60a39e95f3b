package io.tandemcc.web;

import static io.tandemcc.support.Api.bearer;
import static io.tandemcc.web.LoginApiTest.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The agent directory (colleagues to call from the webphone)")
class DirectoryApiTest {
  private Server server;
  private Api api;
  private TestTenant tenant;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "dir");
  }

  @Test
  @DisplayName("lists the tenant's agents with extension and live status, by display name")
  void listsTheTenantsAgents() {
    String alice = api.tokenOf("alice", tenant.domain());
    String bob = api.tokenOf("bob", tenant.domain());
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob));

    Response res = api.get("/api/agents/directory", bearer(alice));
    assertThat(res.status()).isEqualTo(200);
    assertThat(res.raw().headers().firstValue("Cache-Control")).contains("no-store");
    List<JsonObject> entries = entries(res);
    assertThat(entries)
        .extracting(e -> e.getString("displayName"))
        .containsExactly("Alice Test", "Bob Test", "Carol Test");
    assertThat(entries)
        .extracting(e -> e.getString("extension"))
        .containsExactly("1001", "1002", "1003");
    assertThat(entries)
        .extracting(e -> e.getLong("agentId"))
        .containsExactly(tenant.aliceAgent(), tenant.bobAgent(), tenant.carolAgent());
    assertThat(entries)
        .extracting(e -> e.getString("status"))
        .containsExactly("NOT_READY", "READY", "LOGGED_OUT");
    assertThat(entries.get(0).fieldNames())
        .containsExactlyInAnyOrder("agentId", "displayName", "extension", "status");
  }

  @Test
  @DisplayName("never shows another tenant's agents, even with the same names and extensions")
  void isScopedToTheTenant() {
    TestTenant other = TestTenants.create(server.database(), "dirother");
    String theirs = api.tokenOf("bob", other.domain());
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(theirs));

    List<JsonObject> mine =
        entries(api.get("/api/agents/directory", bearer(api.tokenOf("alice", tenant.domain()))));
    assertThat(mine)
        .extracting(e -> e.getLong("agentId"))
        .containsExactly(tenant.aliceAgent(), tenant.bobAgent(), tenant.carolAgent())
        .doesNotContain(other.aliceAgent(), other.bobAgent(), other.carolAgent());
    assertThat(mine).extracting(e -> e.getString("status")).doesNotContain("READY");

    List<JsonObject> seenByOther = entries(api.get("/api/agents/directory", bearer(theirs)));
    assertThat(seenByOther)
        .extracting(e -> e.getLong("agentId"))
        .containsExactly(other.aliceAgent(), other.bobAgent(), other.carolAgent());
  }

  @Test
  @DisplayName("a disabled agent is not listed")
  void disabledAgentsAreHidden() {
    server
        .database()
        .dsl()
        .execute(
            "update app_user set enabled = false where tenant_id = ? and username = 'carol'",
            tenant.id());
    List<JsonObject> entries =
        entries(api.get("/api/agents/directory", bearer(api.tokenOf("alice", tenant.domain()))));
    assertThat(entries).extracting(e -> e.getString("extension")).containsExactly("1001", "1002");
  }

  @Test
  @DisplayName("needs a signed-in user")
  void needsAToken() {
    assertProblem(api.get("/api/agents/directory"), 401, "not-authenticated");
    assertProblem(api.get("/api/agents/directory", bearer("not-a-token")), 401, "token-invalid");
  }

  private static List<JsonObject> entries(Response res) {
    assertThat(res.status()).isEqualTo(200);
    JsonArray array = new JsonArray(res.body());
    return array.stream().map(JsonObject.class::cast).toList();
  }
}
