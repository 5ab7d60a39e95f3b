package io.tandemcc.admin;

import static io.tandemcc.admin.AdminApiTests.assertProblem;
import static io.tandemcc.admin.AdminApiTests.delete;
import static io.tandemcc.admin.AdminApiTests.invalidFields;
import static io.tandemcc.admin.AdminApiTests.patch;
import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.AGENT_STATE_HISTORY;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.AUDIT_LOG;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.common.LocalCodec;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.QueueRef;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Users and agents over /api/admin/users (role admin)")
class AdminUsersApiTest {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private Server server;
  private Api api;
  private TestTenant tenant;
  private TestTenant other;
  private String admin;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "adminusers");
    other = TestTenants.create(server.database(), "adminother");
    admin = api.tokenOf("admin", tenant.domain());
  }

  private JsonObject newAgent(String username, String number, String extension) {
    return new JsonObject()
        .put("username", username)
        .put("displayName", "New " + username)
        .put("role", "agent")
        .put("password", "long-enough-pw")
        .put(
            "agent",
            new JsonObject()
                .put("number", number)
                .put("extension", extension)
                .put("wrapupSeconds", 20)
                .put("afterCallWork", "after_ring")
                .put("workingWay", "inbound")
                .put(
                    "groups",
                    new JsonArray()
                        .add(new JsonObject().put("id", tenant.supportGroup()).put("penalty", 3))));
  }

  private Response create(JsonObject body) {
    return api.post("/api/admin/users", body.encode(), bearer(admin));
  }

  private int users() {
    return server.database().dsl().fetchCount(APP_USER, APP_USER.TENANT_ID.eq(tenant.id()));
  }

  private int audits() {
    return server.database().dsl().fetchCount(AUDIT_LOG, AUDIT_LOG.TENANT_ID.eq(tenant.id()));
  }

  @Test
  @DisplayName("agents and supervisors get 403 on every endpoint, no token 401; nothing changes")
  void onlyAdmins() {
    int before = users();
    for (String user : List.of("alice", "sam")) {
      String token = api.tokenOf(user, tenant.domain());
      String path = "/api/admin/users/" + tenant.aliceUser();
      assertProblem(api.get("/api/admin/users", bearer(token)), 403, "forbidden");
      assertProblem(api.get(path, bearer(token)), 403, "forbidden");
      assertProblem(
          api.post(
              "/api/admin/users", newAgent("x" + user, "7001", "7001").encode(), bearer(token)),
          403,
          "forbidden");
      assertProblem(patch(api, path, "{\"enabled\":false}", token), 403, "forbidden");
      assertProblem(delete(api, path, token), 403, "forbidden");
      assertProblem(api.get("/api/admin/extensions", bearer(token)), 403, "forbidden");
      assertProblem(api.get("/api/admin/groups", bearer(token)), 403, "forbidden");
    }
    assertProblem(api.get("/api/admin/users"), 401, "not-authenticated");
    assertThat(users()).isEqualTo(before);
    assertThat(api.loginAs("alice", tenant.domain()).status())
        .as("alice is still enabled")
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "another tenant's user ids are 404 for read, change and delete, as unknown and malformed ids")
  void otherTenantsIdsAreNotFound() {
    for (String path :
        List.of(
            "/api/admin/users/" + other.aliceUser(),
            "/api/admin/users/999999999",
            "/api/admin/users/abc")) {
      assertProblem(api.get(path, bearer(admin)), 404, "not-found");
      assertProblem(patch(api, path, "{\"displayName\":\"Hacked\"}", admin), 404, "not-found");
      assertProblem(delete(api, path, admin), 404, "not-found");
    }
    String name =
        server
            .database()
            .dsl()
            .select(APP_USER.DISPLAY_NAME)
            .from(APP_USER)
            .where(APP_USER.ID.eq(other.aliceUser()))
            .fetchOne(APP_USER.DISPLAY_NAME);
    assertThat(name).isEqualTo("Alice Test");
    assertThat(
            api
                .get("/api/admin/users?limit=200", bearer(admin))
                .json()
                .getJsonArray("items")
                .stream()
                .map(u -> ((JsonObject) u).getLong("id")))
        .doesNotContain(other.aliceUser(), other.samUser());
    // another tenant's group cannot be joined either
    JsonObject body = newAgent("mallory", "7101", "7101");
    body.getJsonObject("agent")
        .put("groups", new JsonArray().add(new JsonObject().put("id", other.supportGroup())));
    assertThat(invalidFields(create(body))).containsExactly("agent.groups[0].id");
  }

  @Test
  @DisplayName(
      "an admin creates an agent: 201 with Location, the extension made, groups joined, audited; it signs in")
  void createsAnAgent() {
    int audits = audits();
    Response r = create(newAgent("dave", "7002", "7002"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonObject u = r.json();
    assertThat(r.raw().headers().firstValue("Location"))
        .hasValue("/api/admin/users/" + u.getLong("id"));
    assertThat(u.getString("role")).isEqualTo("agent");
    assertThat(u.getBoolean("enabled")).isTrue();
    assertThat(u.containsKey("password")).isFalse();
    JsonObject a = u.getJsonObject("agent");
    assertThat(a.getString("extension")).isEqualTo("7002");
    assertThat(a.getString("afterCallWork")).isEqualTo("after_ring");
    assertThat(a.getString("workingWay")).isEqualTo("inbound");
    assertThat(a.getJsonArray("groups").getJsonObject(0).getLong("id"))
        .isEqualTo(tenant.supportGroup());
    assertThat(a.getJsonArray("groups").getJsonObject(0).getInteger("penalty")).isEqualTo(3);
    assertThat(api.get("/api/admin/users/" + u.getLong("id"), bearer(admin)).json()).isEqualTo(u);
    assertThat(audits()).isEqualTo(audits + 1);
    String after =
        server
            .database()
            .dsl()
            .select(AUDIT_LOG.AFTER_VALUE)
            .from(AUDIT_LOG)
            .where(AUDIT_LOG.TENANT_ID.eq(tenant.id()).and(AUDIT_LOG.TARGET_KIND.eq("user")))
            .orderBy(AUDIT_LOG.ID.desc())
            .limit(1)
            .fetchOne(AUDIT_LOG.AFTER_VALUE)
            .data();
    assertThat(after).contains("dave").doesNotContain("long-enough-pw").doesNotContain("argon");
    Response login = api.post("/api/login", Api.login("dave", "long-enough-pw", tenant.domain()));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "bad, missing and oversized fields are all listed in one invalid-fields problem; nothing is created")
  void validation() {
    int before = users();
    JsonObject bad =
        new JsonObject()
            .put("username", "has space")
            .put("displayName", "x".repeat(201))
            .put("role", "system")
            .put("password", "short")
            .put("enabled", "yes")
            .put(
                "agent",
                new JsonObject()
                    .put("number", "12a")
                    .put("extension", "1")
                    .put("wrapupSeconds", 99999)
                    .put("afterCallWork", "never")
                    .put("workingWay", "sideways")
                    .put("groups", "all"))
            .put("colour", "red");
    assertThat(invalidFields(create(bad)))
        .contains(
            "username",
            "displayName",
            "role",
            "password",
            "enabled",
            "agent.number",
            "agent.extension",
            "agent.wrapupSeconds",
            "agent.afterCallWork",
            "agent.workingWay",
            "agent.groups",
            "colour");
    assertThat(invalidFields(create(new JsonObject())))
        .contains("username", "displayName", "role", "password");
    assertThat(
            invalidFields(
                create(
                    new JsonObject()
                        .put("username", "ed")
                        .put("displayName", "Ed")
                        .put("role", "agent")
                        .put("password", "long-enough-pw"))))
        .containsExactly("agent");
    assertThat(invalidFields(create(newAgent("ed", "7003", "7003").put("role", "supervisor"))))
        .containsExactly("agent");
    assertThat(
            invalidFields(
                create(
                    newAgent("ed", "7003", "7003")
                        .put("supervises", new JsonArray().add(tenant.supportGroup())))))
        .containsExactly("supervises");
    assertProblem(
        api.post("/api/admin/users", "{\"username\":\"a\\u0001\"}", bearer(admin)),
        400,
        "invalid-text");
    assertProblem(api.post("/api/admin/users", "not json", bearer(admin)), 400, "invalid-request");
    assertProblem(api.get("/api/admin/users?limit=0", bearer(admin)), 400, "invalid-request");
    assertProblem(
        api.get("/api/admin/users?q=" + "x".repeat(101), bearer(admin)), 400, "invalid-request");
    assertProblem(api.get("/api/admin/users?sort=password", bearer(admin)), 400, "invalid-request");
    assertProblem(
        api.get("/api/admin/users?after=garbage!", bearer(admin)), 400, "invalid-request");
    assertThat(users()).isEqualTo(before);
  }

  @Test
  @DisplayName(
      "a taken username, agent number or extension is a 409 with its own code; nothing is created")
  void duplicates() {
    int before = users();
    int extensions =
        server.database().dsl().fetchCount(EXTENSION, EXTENSION.TENANT_ID.eq(tenant.id()));
    assertProblem(create(newAgent("alice", "7004", "7004")), 409, "username-taken");
    assertProblem(create(newAgent("erin", "1001", "7004")), 409, "agent-number-taken");
    assertProblem(create(newAgent("erin", "7004", "1002")), 409, "extension-taken");
    assertProblem(create(newAgent("erin", "7004", TestTenants.SAM_PHONE)), 409, "extension-taken");
    assertThat(users()).isEqualTo(before);
    assertThat(server.database().dsl().fetchCount(EXTENSION, EXTENSION.TENANT_ID.eq(tenant.id())))
        .as("no extension left behind")
        .isEqualTo(extensions);
    // the same values in another tenant are free
    String otherAdmin = api.tokenOf("admin", other.domain());
    assertThat(
            api.post(
                    "/api/admin/users",
                    newAgent("alice2", "7004", "7004")
                        .put(
                            "agent",
                            newAgent("x", "7004", "7004")
                                .getJsonObject("agent")
                                .put("groups", new JsonArray()))
                        .encode(),
                    bearer(otherAdmin))
                .status())
        .isEqualTo(201);
  }

  @Test
  @DisplayName(
      "two admins creating agents on the same new extension at once: one 201, the other 409, one extension")
  void concurrentCreatesOnOneExtension() throws Exception {
    var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var first = pool.submit(() -> create(newAgent("race1", "7201", "7299")).status());
      var second = pool.submit(() -> create(newAgent("race2", "7202", "7299")).status());
      assertThat(List.of(first.get(), second.get())).containsExactlyInAnyOrder(201, 409);
    } finally {
      pool.shutdown();
    }
    assertThat(
            server
                .database()
                .dsl()
                .fetchCount(
                    EXTENSION,
                    EXTENSION.TENANT_ID.eq(tenant.id()).and(EXTENSION.NUMBER.eq("7299"))))
        .isEqualTo(1);
    assertThat(
            server
                .database()
                .dsl()
                .fetchCount(
                    APP_USER,
                    APP_USER.TENANT_ID.eq(tenant.id()).and(APP_USER.USERNAME.in("race1", "race2"))))
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "lists page by key with an opaque cursor, search by the start of a name, number or extension, filter by role, sort")
  void listing() {
    for (int i = 0; i < 5; i++) {
      assertThat(create(newAgent("page" + i, "750" + i, "750" + i)).status()).isEqualTo(201);
    }
    List<String> names = new ArrayList<>();
    String next = null;
    do {
      Response r =
          api.get(
              "/api/admin/users?limit=3&role=agent" + (next == null ? "" : "&after=" + next),
              bearer(admin));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      r.json()
          .getJsonArray("items")
          .forEach(u -> names.add(((JsonObject) u).getString("username")));
      next = r.json().getString("next");
    } while (next != null);
    assertThat(names)
        .containsExactly("alice", "bob", "carol", "page0", "page1", "page2", "page3", "page4");
    assertThat(new HashSet<>(names)).hasSameSizeAs(names);
    JsonArray found =
        api.get("/api/admin/users?q=7502", bearer(admin)).json().getJsonArray("items");
    assertThat(found).hasSize(1);
    assertThat(found.getJsonObject(0).getString("username")).isEqualTo("page2");
    // a prefix search, case-insensitive; LIKE's wildcards in q are plain characters
    assertThat(api.get("/api/admin/users?q=PAGE", bearer(admin)).json().getJsonArray("items"))
        .hasSize(5);
    assertThat(api.get("/api/admin/users?q=pag_", bearer(admin)).json().getJsonArray("items"))
        .isEmpty();
    assertThat(api.get("/api/admin/users?q=p%25ge", bearer(admin)).json().getJsonArray("items"))
        .isEmpty();
    JsonArray byName =
        api.get("/api/admin/users?sort=displayName&role=supervisor", bearer(admin))
            .json()
            .getJsonArray("items");
    assertThat(byName.getJsonObject(0).getString("username")).isEqualTo("sam");
    assertThat(byName.getJsonObject(0).getJsonArray("supervises").getLong(0))
        .isEqualTo(tenant.supportGroup());
    assertThat(byName.getJsonObject(0).getJsonArray("supervises")).hasSize(1);
  }

  @Test
  @DisplayName(
      "a connected supervisor's team view shows a new agent of its group within a second, and its removal")
  void teamViewFollows() throws Exception {
    String sam = api.tokenOf("sam", tenant.domain());
    try (PushClient page = PushClient.authenticated(server.port(), sam)) {
      long snapshot = api.get("/api/supervisor/team", bearer(sam)).json().getLong("version");
      Response r = create(newAgent("frank", "7005", "7005"));
      long agentId = r.json().getJsonObject("agent").getLong("id");
      JsonObject added =
          page.nextMatching(
              "team.agent", m -> m.getJsonObject("agent").getLong("agentId") == agentId, SECOND);
      assertThat(added.getJsonObject("agent").getString("displayName")).isEqualTo("New frank");
      assertThat(added.getLong("version")).isGreaterThan(snapshot);
      assertThat(
              api.get("/api/supervisor/team", bearer(sam)).json().getJsonArray("agents").stream()
                  .map(a -> ((JsonObject) a).getLong("agentId")))
          .contains(agentId);

      assertThat(delete(api, "/api/admin/users/" + r.json().getLong("id"), admin).status())
          .isEqualTo(204);
      page.nextMatching("team.agent.removed", m -> m.getLong("agentId") == agentId, SECOND);
    }
  }

  @Test
  @DisplayName(
      "disabling a user ends its sessions at once: its token is refused, its push socket closed, no login")
  void disablingEndsSessions() throws Exception {
    String bob = api.tokenOf("bob", tenant.domain());
    assertThat(api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(bob)).status())
        .isEqualTo(200);
    try (PushClient page = PushClient.authenticated(server.port(), bob)) {
      Response r =
          patch(api, "/api/admin/users/" + userOf(tenant.bobAgent()), "{\"enabled\":false}", admin);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(r.json().getBoolean("enabled")).isFalse();
      assertThat(page.closeCode(Duration.ofSeconds(2))).isNotNull();
    }
    assertThat(api.get("/api/agent/state", bearer(bob)).status()).isEqualTo(401);
    assertThat(api.loginAs("bob", tenant.domain()).status()).isNotEqualTo(200);
    JsonObject team = api.get("/api/supervisor/team", bearer(admin)).json();
    assertThat(team.getJsonArray("agents").stream().map(a -> ((JsonObject) a).getLong("agentId")))
        .as("a disabled agent leaves the team view")
        .doesNotContain(tenant.bobAgent());
    assertThat(
            patch(api, "/api/admin/users/" + userOf(tenant.bobAgent()), "{\"enabled\":true}", admin)
                .status())
        .isEqualTo(200);
    // the disabled agent was logged out (the history is written a moment after the change)
    io.tandemcc.support.Await.until(
        () ->
            server
                .database()
                .dsl()
                .fetchExists(
                    AGENT_STATE_HISTORY,
                    AGENT_STATE_HISTORY
                        .AGENT_ID
                        .eq(tenant.bobAgent())
                        .and(AGENT_STATE_HISTORY.CAUSE.contains(":admin:"))),
        "bob logged out by the admin",
        Duration.ofSeconds(3));
  }

  @Test
  @DisplayName(
      "PATCH changes any subset: display name, agent settings, groups, password; duplicates are 409")
  void patching() {
    String path = "/api/admin/users/" + tenant.aliceUser();
    Response r =
        patch(
            api,
            path,
            new JsonObject()
                .put("displayName", "Alice Renamed")
                .put("password", "a-new-password")
                .put(
                    "agent",
                    new JsonObject()
                        .put("extension", "7009")
                        .put("workingWay", "outbound")
                        .put(
                            "groups",
                            new JsonArray().add(new JsonObject().put("id", tenant.salesGroup()))))
                .encode(),
            admin);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonObject a = r.json().getJsonObject("agent");
    assertThat(r.json().getString("displayName")).isEqualTo("Alice Renamed");
    assertThat(a.getString("extension")).isEqualTo("7009");
    assertThat(a.getString("number")).isEqualTo("1001");
    assertThat(a.getString("workingWay")).isEqualTo("outbound");
    assertThat(a.getJsonArray("groups").getJsonObject(0).getLong("id"))
        .isEqualTo(tenant.salesGroup());
    assertThat(
            api.post("/api/login", Api.login("alice", "a-new-password", tenant.domain())).status())
        .isEqualTo(200);
    assertProblem(patch(api, path, "{\"username\":\"bob\"}", admin), 409, "username-taken");
    assertProblem(
        patch(api, path, "{\"agent\":{\"extension\":\"1002\"}}", admin), 409, "extension-taken");
    assertProblem(
        patch(api, path, "{\"agent\":{\"number\":\"1003\"}}", admin), 409, "agent-number-taken");
    assertThat(invalidFields(patch(api, path, "{\"role\":\"supervisor\"}", admin)))
        .containsExactly("role");
    assertThat(api.get(path, bearer(admin)).json().getString("username")).isEqualTo("alice");
  }

  @Test
  @DisplayName(
      "an admin cannot disable, demote or delete itself (409 self), nor remove the last enabled admin")
  void selfAndLastAdmin() {
    long me =
        server
            .database()
            .dsl()
            .select(APP_USER.ID)
            .from(APP_USER)
            .where(APP_USER.TENANT_ID.eq(tenant.id()).and(APP_USER.USERNAME.eq("admin")))
            .fetchOne(APP_USER.ID);
    assertProblem(patch(api, "/api/admin/users/" + me, "{\"enabled\":false}", admin), 409, "self");
    assertProblem(
        patch(api, "/api/admin/users/" + me, "{\"role\":\"supervisor\"}", admin), 409, "self");
    assertProblem(delete(api, "/api/admin/users/" + me, admin), 409, "self");
    Response second =
        create(
            new JsonObject()
                .put("username", "admin2")
                .put("displayName", "Second")
                .put("role", "admin")
                .put("password", "long-enough-pw"));
    assertThat(second.status()).isEqualTo(201);
    String admin2 =
        api.post("/api/login", Api.login("admin2", "long-enough-pw", tenant.domain()))
            .json()
            .getString("accessToken");
    assertThat(delete(api, "/api/admin/users/" + second.json().getLong("id"), admin).status())
        .isEqualTo(204);
    // admin2's token no longer works; the first admin is now the last one and cannot be removed by
    // anybody
    assertThat(api.get("/api/admin/users", bearer(admin2)).status()).isEqualTo(401);
    assertThat(
            api.post("/api/login", Api.login("admin2", "long-enough-pw", tenant.domain())).status())
        .isNotEqualTo(200);
    assertThat(
            create(
                    new JsonObject()
                        .put("username", "admin2")
                        .put("displayName", "Again")
                        .put("role", "admin")
                        .put("password", "long-enough-pw"))
                .status())
        .as("a deleted user's username is free again")
        .isEqualTo(201);
  }

  @Test
  @DisplayName(
      "deleting an agent on a call is 409 agent-on-call; once the call is over it is deleted, its "
          + "extension and number free again")
  void deletingAnAgentOnACall() throws Exception {
    String alice = api.tokenOf("alice", tenant.domain());
    api.put("/api/agent/state", "{\"status\":\"READY\"}", bearer(alice));
    QueueRef support = new QueueRef(tenant.domain(), "support");
    AgentEndpoint endpoint = new AgentEndpoint(tenant.domain(), "1001");
    pbx(
        new PbxEvent.QueueCallOffered(
            tenant.domain(), support, "d-1", endpoint, "leg-d1", "1", "x", Map.of()));
    pbx(
        new PbxEvent.QueueCallAnswered(
            tenant.domain(),
            support,
            "d-1",
            endpoint,
            "leg-d1",
            Duration.ofSeconds(1),
            Duration.ofSeconds(1)));
    String path = "/api/admin/users/" + tenant.aliceUser();
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    Response r;
    do {
      Thread.sleep(50);
      r = api.get("/api/agent/state", bearer(alice));
    } while (r.json().getValue("call") == null && System.nanoTime() < deadline);
    assertProblem(delete(api, path, admin), 409, "agent-on-call");
    assertThat(api.get(path, bearer(admin)).status()).isEqualTo(200);

    pbx(
        new PbxEvent.AgentChannelHungUp(
            tenant.domain(), "d-1", endpoint, "leg-d1", 16, "Normal Clearing"));
    deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    do {
      Thread.sleep(50);
      r = delete(api, path, admin);
    } while (r.status() == 409 && "agent-on-call".equals(r.code()) && System.nanoTime() < deadline);
    assertThat(r.status()).as(r.body()).isEqualTo(204);
    assertThat(api.get(path, bearer(admin)).status()).isEqualTo(404);
    assertThat(api.get("/api/agent/state", bearer(alice)).status()).isEqualTo(401);
    var row =
        server
            .database()
            .dsl()
            .selectFrom(AGENT)
            .where(AGENT.ID.eq(tenant.aliceAgent()))
            .fetchOne();
    assertThat(row).as("the agent row stays for its history").isNotNull();
    assertThat(row.getExtensionId()).isNull();
    assertThat(create(newAgent("alice", "1001", "1001")).status())
        .as("username, number and extension are free")
        .isEqualTo(201);
  }

  private long userOf(long agentId) {
    return server
        .database()
        .dsl()
        .select(AGENT.USER_ID)
        .from(AGENT)
        .where(AGENT.ID.eq(agentId))
        .fetchOne(AGENT.USER_ID);
  }

  private void pbx(PbxEvent event) {
    server
        .vertx()
        .eventBus()
        .publish(PbxAddresses.EVENTS, event, LocalCodec.familyOptions(PbxEvent.class));
  }
}
