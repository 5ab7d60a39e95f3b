package io.tandemcc.admin;

import static io.tandemcc.admin.AdminApiTests.assertProblem;
import static io.tandemcc.admin.AdminApiTests.delete;
import static io.tandemcc.admin.AdminApiTests.invalidFields;
import static io.tandemcc.admin.AdminApiTests.patch;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP;
import static io.tandemcc.db.generated.Tables.AGENT_GROUP_MEMBER;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static io.tandemcc.support.Api.bearer;
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
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Groups / queues and extensions over /api/admin/groups and /api/admin/extensions (role admin)")
class AdminGroupsApiTest {
  private Server server;
  private Api api;
  private TestTenant tenant;
  private TestTenant other;
  private String admin;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "admingroups");
    other = TestTenants.create(server.database(), "admingrpoth");
    admin = api.tokenOf("admin", tenant.domain());
  }

  private int groups() {
    return server.database().dsl().fetchCount(AGENT_GROUP, AGENT_GROUP.TENANT_ID.eq(tenant.id()));
  }

  @Test
  @DisplayName(
      "an admin creates a group with members and supervisors; its queue name is generated; read, listed")
  void createsAGroup() {
    Response r =
        api.post(
            "/api/admin/groups",
            new JsonObject()
                .put("name", "Billing & Claims")
                .put("strategy", "leastrecent")
                .put("ringTimeoutSeconds", 30)
                .put("serviceLevelSeconds", 45)
                .put("alwaysRecord", true)
                .put(
                    "members",
                    new JsonArray()
                        .add(
                            new JsonObject().put("agentId", tenant.carolAgent()).put("penalty", 2)))
                .put("supervisors", new JsonArray().add(tenant.samUser()))
                .encode(),
            bearer(admin));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonObject g = r.json();
    assertThat(r.raw().headers().firstValue("Location"))
        .hasValue("/api/admin/groups/" + g.getLong("id"));
    assertThat(g.getString("queueName")).isEqualTo(tenant.domain() + "-billing-claims");
    assertThat(g.getString("strategy")).isEqualTo("leastrecent");
    assertThat(g.getInteger("ringTimeoutSeconds")).isEqualTo(30);
    assertThat(g.getInteger("serviceLevelSeconds")).isEqualTo(45);
    assertThat(g.getBoolean("alwaysRecord")).isTrue();
    assertThat(g.getJsonArray("members").getJsonObject(0).getLong("agentId"))
        .isEqualTo(tenant.carolAgent());
    assertThat(g.getJsonArray("supervisors").getLong(0)).isEqualTo(tenant.samUser());
    assertThat(api.get("/api/admin/groups/" + g.getLong("id"), bearer(admin)).json()).isEqualTo(g);
    JsonArray items =
        api.get("/api/admin/groups?q=billing", bearer(admin)).json().getJsonArray("items");
    assertThat(items).hasSize(1);
    Response page = api.get("/api/admin/groups?limit=1", bearer(admin));
    assertThat(page.json().getJsonArray("items").getJsonObject(0).getString("name"))
        .isEqualTo("Billing & Claims");
    String next = page.json().getString("next");
    assertThat(
            api
                .get("/api/admin/groups?limit=5&after=" + next, bearer(admin))
                .json()
                .getJsonArray("items")
                .stream()
                .map(x -> ((JsonObject) x).getString("name")))
        .containsExactly("Sales", "Support");
    // the queue keeps its name when the group is renamed
    Response renamed =
        patch(api, "/api/admin/groups/" + g.getLong("id"), "{\"name\":\"Claims\"}", admin);
    assertThat(renamed.json().getString("queueName"))
        .isEqualTo(tenant.domain() + "-billing-claims");
  }

  @Test
  @DisplayName(
      "bad, missing, oversized and foreign values are invalid-fields; a taken name is 409; nothing changes")
  void validation() {
    int before = groups();
    assertThat(
            invalidFields(
                api.post(
                    "/api/admin/groups",
                    new JsonObject()
                        .put("name", "x".repeat(101))
                        .put("strategy", "roundrobin")
                        .put("ringTimeoutSeconds", 4)
                        .put("serviceLevelSeconds", 3601)
                        .put("alwaysRecord", "no")
                        .put("queueName", "mine")
                        .put(
                            "members",
                            new JsonArray()
                                .add(new JsonObject().put("agentId", other.aliceAgent()))
                                .add(
                                    new JsonObject()
                                        .put("agentId", tenant.aliceAgent())
                                        .put("penalty", 101)))
                        .put("supervisors", new JsonArray().add(tenant.aliceUser()))
                        .encode(),
                    bearer(admin))))
        .contains(
            "name",
            "strategy",
            "ringTimeoutSeconds",
            "serviceLevelSeconds",
            "alwaysRecord",
            "queueName",
            "members[1].penalty");
    assertThat(invalidFields(api.post("/api/admin/groups", "{}", bearer(admin))))
        .containsExactly("name");
    assertThat(
            invalidFields(
                api.post(
                    "/api/admin/groups",
                    new JsonObject()
                        .put("name", "Ok")
                        .put(
                            "members",
                            new JsonArray()
                                .add(new JsonObject().put("agentId", other.aliceAgent())))
                        .put("supervisors", new JsonArray().add(tenant.aliceUser()))
                        .encode(),
                    bearer(admin))))
        .containsExactly("members[0].agentId", "supervisors[0]");
    assertProblem(
        api.post("/api/admin/groups", "{\"name\":\"Sales\"}", bearer(admin)),
        409,
        "group-name-taken");
    assertProblem(
        patch(api, "/api/admin/groups/" + tenant.supportGroup(), "{\"name\":\"Sales\"}", admin),
        409,
        "group-name-taken");
    assertThat(groups()).isEqualTo(before);
  }

  @Test
  @DisplayName("another tenant's group is 404; agents and supervisors get 403")
  void scoping() {
    String path = "/api/admin/groups/" + other.supportGroup();
    assertProblem(api.get(path, bearer(admin)), 404, "not-found");
    assertProblem(patch(api, path, "{\"name\":\"Mine\"}", admin), 404, "not-found");
    assertProblem(delete(api, path, admin), 404, "not-found");
    for (String user : List.of("alice", "sam")) {
      String token = api.tokenOf(user, tenant.domain());
      assertProblem(
          api.post("/api/admin/groups", "{\"name\":\"X\"}", bearer(token)), 403, "forbidden");
      assertProblem(
          patch(api, "/api/admin/groups/" + tenant.supportGroup(), "{\"name\":\"X\"}", token),
          403,
          "forbidden");
      assertProblem(
          delete(api, "/api/admin/groups/" + tenant.supportGroup(), token), 403, "forbidden");
    }
    assertThat(
            server
                .database()
                .dsl()
                .fetchCount(AGENT_GROUP, AGENT_GROUP.ID.eq(other.supportGroup())))
        .isEqualTo(1);
  }

  @Test
  @DisplayName(
      "changing members reaches the connected supervisor's team view at once; deleting a group removes it")
  void membersAndDeletion() throws Exception {
    String sam = api.tokenOf("sam", tenant.domain());
    try (PushClient page = PushClient.authenticated(server.port(), sam)) {
      api.get("/api/supervisor/team", bearer(sam));
      Response r =
          patch(
              api,
              "/api/admin/groups/" + tenant.supportGroup(),
              new JsonObject()
                  .put(
                      "members",
                      new JsonArray().add(new JsonObject().put("agentId", tenant.carolAgent())))
                  .encode(),
              admin);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonObject alice =
          page.nextMatching(
              "team.agent",
              m -> m.getJsonObject("agent").getLong("agentId") == tenant.aliceAgent(),
              Duration.ofSeconds(1));
      JsonObject carol =
          page.nextMatching(
              "team.agent",
              m -> m.getJsonObject("agent").getLong("agentId") == tenant.carolAgent(),
              Duration.ofSeconds(1));
      assertThat(alice.getJsonObject("agent").getJsonArray("groupIds"))
          .as("alice left Support")
          .isEmpty();
      assertThat(carol.getJsonObject("agent").getJsonArray("groupIds"))
          .contains((int) tenant.supportGroup());
      assertThat(
              api.get("/api/supervisor/team", bearer(sam)).json().getJsonArray("agents").stream()
                  .map(a -> ((JsonObject) a).getLong("agentId")))
          .containsExactly(tenant.carolAgent());
    }
    assertThat(delete(api, "/api/admin/groups/" + tenant.salesGroup(), admin).status())
        .isEqualTo(204);
    assertProblem(
        api.get("/api/admin/groups/" + tenant.salesGroup(), bearer(admin)), 404, "not-found");
    assertThat(
            server
                .database()
                .dsl()
                .fetchCount(
                    AGENT_GROUP_MEMBER, AGENT_GROUP_MEMBER.GROUP_ID.eq(tenant.salesGroup())))
        .isZero();
  }

  @Test
  @DisplayName(
      "extensions: listed with their agent, created free, duplicate 409, in use 409, free ones deleted")
  void extensions() {
    Response r = api.post("/api/admin/extensions", "{\"number\":\"4321\"}", bearer(admin));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().getValue("agentId")).isNull();
    assertProblem(
        api.post("/api/admin/extensions", "{\"number\":\"4321\"}", bearer(admin)),
        409,
        "extension-taken");
    assertThat(
            invalidFields(api.post("/api/admin/extensions", "{\"number\":\"1\"}", bearer(admin))))
        .containsExactly("number");
    JsonArray items =
        api.get("/api/admin/extensions?q=100", bearer(admin)).json().getJsonArray("items");
    assertThat(items.stream().map(x -> ((JsonObject) x).getString("number")))
        .containsExactly("1001", "1002", "1003");
    long alices = items.getJsonObject(0).getLong("id");
    assertThat(items.getJsonObject(0).getLong("agentId")).isEqualTo(tenant.aliceAgent());
    assertProblem(delete(api, "/api/admin/extensions/" + alices, admin), 409, "extension-in-use");
    long otherExtension =
        server
            .database()
            .dsl()
            .select(EXTENSION.ID)
            .from(EXTENSION)
            .where(EXTENSION.TENANT_ID.eq(other.id()))
            .limit(1)
            .fetchOne(EXTENSION.ID);
    assertProblem(delete(api, "/api/admin/extensions/" + otherExtension, admin), 404, "not-found");
    assertThat(delete(api, "/api/admin/extensions/" + r.json().getLong("id"), admin).status())
        .isEqualTo(204);
    assertProblem(
        api.get("/api/admin/extensions", bearer(api.tokenOf("sam", tenant.domain()))),
        403,
        "forbidden");
  }
}
