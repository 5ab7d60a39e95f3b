package io.tandemcc.tenant;

import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.TENANT;
import static io.tandemcc.db.generated.Tables.USER_SESSION;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandemcc.Server;
import io.tandemcc.auth.PasswordHasher;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.tandemcc.tenant.TenantRepository.NewAccount;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("System administration over /api/system/tenants (role system)")
class SystemApiTest {
  private static final String PASSWORD = "system-pass-0123";
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static String passwordHash;
  private Server server;
  private Api api;
  private TestTenant tenant;
  private String system;

  @BeforeAll
  static void hash() {
    passwordHash = new PasswordHasher().hash(PASSWORD);
  }

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "sysapi");
    String root = "root" + ProcessHandle.current().pid() + "x" + SEQ.incrementAndGet();
    server
        .database()
        .dsl()
        .transaction(
            cfg ->
                TenantRepository.createSystemUser(
                    DSL.using(cfg), new NewAccount(root, "Root", passwordHash)));
    Response login = api.post("/api/login", Api.login(root, PASSWORD, Tenant.SYSTEM_DOMAIN));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.json().getJsonObject("user").getString("role")).isEqualTo("system");
    system = login.json().getString("accessToken");
  }

  private static String newDomain() {
    String d = "sys" + ProcessHandle.current().pid() + "n" + SEQ.incrementAndGet();
    return d.length() > 32 ? d.substring(d.length() - 32) : d;
  }

  private static String body(String domain, String name, String username, String password) {
    return new JsonObject()
        .put("domain", domain)
        .put("name", name)
        .put(
            "admin",
            new JsonObject()
                .put("username", username)
                .put("displayName", "First Admin")
                .put("password", password))
        .encode();
  }

  private Response create(String domain) {
    return api.post(
        "/api/system/tenants",
        body(domain, "Tenant " + domain, "boss", "boss-password-1"),
        bearer(system));
  }

  private Response delete(String path, String token) {
    return api.send(
        HttpRequest.newBuilder(URI.create(api.base() + path)).DELETE(), null, bearer(token));
  }

  private static void assertProblem(Response r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.code()).isEqualTo(code);
  }

  private long tenantCount() {
    return server.database().dsl().fetchCount(TENANT);
  }

  @Test
  @DisplayName(
      "agents, supervisors and tenant admins get 403 on every system endpoint; no token gets 401")
  void onlySystemUsersManageTenants() {
    String path = "/api/system/tenants/" + tenant.id();
    for (String user : List.of("alice", "sam", "admin")) {
      String token = api.tokenOf(user, tenant.domain());
      assertProblem(api.get("/api/system/tenants", bearer(token)), 403, "forbidden");
      assertProblem(
          api.post(
              "/api/system/tenants",
              body(newDomain(), "X", "boss", "boss-password-1"),
              bearer(token)),
          403,
          "forbidden");
      assertProblem(api.get(path, bearer(token)), 403, "forbidden");
      assertProblem(api.post(path + "/suspend", "", bearer(token)), 403, "forbidden");
      assertProblem(api.post(path + "/resume", "", bearer(token)), 403, "forbidden");
      assertProblem(delete(path, token), 403, "forbidden");
    }
    assertProblem(api.get("/api/system/tenants"), 401, "not-authenticated");
    assertThat(api.loginAs("admin", tenant.domain()).status())
        .as("nothing was suspended or deleted")
        .isEqualTo(200);
  }

  @Test
  @DisplayName(
      "a system user reaches no tenant route (agent, supervisor, directory, callbacks, SIP) nor the push "
          + "channel, but may sign out")
  void systemUsersReachNoTenantRoute() throws Exception {
    for (String path :
        List.of(
            "/api/agent/state",
            "/api/supervisor/team",
            "/api/supervisor/audit",
            "/api/agents/directory",
            "/api/callbacks")) {
      assertProblem(api.get(path, bearer(system)), 403, "tenant-route");
    }
    assertProblem(api.post("/api/sip/ticket", "", bearer(system)), 403, "tenant-route");
    assertProblem(
        api.post("/api/supervisor/agents/" + tenant.aliceAgent() + "/logout", "", bearer(system)),
        403,
        "tenant-route");
    try (PushClient push = PushClient.connect(server.port())) {
      push.send(new JsonObject().put("type", "auth").put("token", system));
      assertThat(push.closeCode(Duration.ofSeconds(5))).isEqualTo(4403);
    }
    assertThat(api.post("/api/session/logout", "", bearer(system)).status()).isEqualTo(204);
    assertProblem(api.get("/api/system/tenants", bearer(system)), 401, "token-invalid");
  }

  @Test
  @DisplayName(
      "a system user creates a tenant with its first admin, who signs in at once; it is listed and read")
  void createsATenantWithItsAdmin() {
    String domain = newDomain();
    Response created = create(domain);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonObject t = created.json();
    assertThat(t.getString("domain")).isEqualTo(domain);
    assertThat(t.getString("status")).isEqualTo("active");
    assertThat(t.getJsonObject("admin").getString("username")).isEqualTo("boss");
    assertThat(t.getJsonObject("admin").containsKey("password")).isFalse();
    assertThat(created.raw().headers().firstValue("Location"))
        .hasValue("/api/system/tenants/" + t.getLong("id"));

    Response login = api.post("/api/login", Api.login("boss", "boss-password-1", domain));
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    assertThat(login.json().getJsonObject("user").getString("role")).isEqualTo("admin");
    assertThat(login.json().getJsonObject("user").getString("displayName"))
        .isEqualTo("First Admin");

    Response read = api.get("/api/system/tenants/" + t.getLong("id"), bearer(system));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().getString("name")).isEqualTo("Tenant " + domain);
  }

  @Test
  @DisplayName(
      "the list pages by domain with limit and after, ends with next null, and never shows the reserved "
          + "tenant 'system'")
  void listPages() {
    for (int i = 0; i < 3; i++) {
      assertThat(create(newDomain()).status()).isEqualTo(201);
    }
    List<String> domains = new ArrayList<>();
    String after = null;
    int pages = 0;
    do {
      Response page =
          api.get(
              "/api/system/tenants?limit=2" + (after == null ? "" : "&after=" + after),
              bearer(system));
      assertThat(page.status()).as(page.body()).isEqualTo(200);
      assertThat(page.json().getJsonArray("items").size()).isBetween(1, 2);
      page.json()
          .getJsonArray("items")
          .forEach(o -> domains.add(((JsonObject) o).getString("domain")));
      after = page.json().getString("next");
      pages++;
    } while (after != null && pages < 10_000);
    assertThat(domains)
        .isSorted()
        .doesNotHaveDuplicates()
        .doesNotContain("system")
        .contains(tenant.domain());
    assertThat((long) domains.size())
        .isEqualTo(
            server
                .database()
                .dsl()
                .fetchCount(TENANT, TENANT.DOMAIN.ne("system").and(TENANT.STATUS.ne("deleted"))));
    long systemId =
        server
            .database()
            .dsl()
            .select(TENANT.ID)
            .from(TENANT)
            .where(TENANT.DOMAIN.eq("system"))
            .fetchSingle(TENANT.ID);
    assertProblem(
        api.get("/api/system/tenants/" + systemId, bearer(system)), 404, "tenant-not-found");
    assertProblem(
        api.post("/api/system/tenants/" + systemId + "/suspend", "", bearer(system)),
        404,
        "tenant-not-found");
    assertProblem(api.get("/api/system/tenants/abc", bearer(system)), 404, "tenant-not-found");
    for (String bad :
        List.of(
            "limit=0", "limit=201", "limit=x", "limit=1&limit=2", "after=UPPER", "after=a%0Ab")) {
      assertProblem(api.get("/api/system/tenants?" + bad, bearer(system)), 400, "invalid-request");
    }
  }

  @Test
  @DisplayName(
      "bad, missing, oversized and duplicate values each get a clear problem, and nothing is created")
  void validation() {
    String taken = tenant.domain();
    long before = tenantCount();
    String d = newDomain();
    record Case(String body, String code) {}
    List<Case> cases =
        List.of(
            new Case(body("Acme", "Acme", "boss", "boss-password-1"), "invalid-domain"),
            new Case(body("a".repeat(33), "Acme", "boss", "boss-password-1"), "invalid-domain"),
            new Case(body("ac-me", "Acme", "boss", "boss-password-1"), "invalid-domain"),
            new Case(body("system", "Acme", "boss", "boss-password-1"), "domain-reserved"),
            new Case(body(d, "Acme", "bo ss", "boss-password-1"), "invalid-username"),
            new Case(body(d, "Acme", "boss", "short"), "password-too-short"),
            new Case(body(d, "A".repeat(201), "boss", "boss-password-1"), "invalid-request"),
            new Case(body(d, "Acme", "b".repeat(65), "boss-password-1"), "invalid-request"),
            new Case(body(d, "Ac\nme", "boss", "boss-password-1"), "invalid-text"),
            new Case(body(d, "Acme", "boss", "boss-pass\u0000word"), "invalid-text"),
            new Case(body(d, "   ", "boss", "boss-password-1"), "invalid-request"),
            new Case(
                new JsonObject().put("domain", d).put("name", "Acme").encode(), "invalid-request"),
            new Case(
                new JsonObject().put("domain", d).put("name", "Acme").put("admin", "boss").encode(),
                "invalid-request"),
            new Case(
                new JsonObject().put("domain", 7).put("name", "Acme").encode(), "invalid-request"),
            new Case("[]", "invalid-request"),
            new Case("{", "invalid-request"));
    for (Case c : cases) {
      assertProblem(api.post("/api/system/tenants", c.body(), bearer(system)), 400, c.code());
    }
    Response duplicate =
        api.post(
            "/api/system/tenants", body(taken, "Again", "boss", "boss-password-1"), bearer(system));
    assertProblem(duplicate, 409, "domain-taken");
    assertThat(tenantCount()).isEqualTo(before);
    assertThat(server.database().dsl().fetchCount(APP_USER, APP_USER.TENANT_ID.eq(tenant.id())))
        .as("no admin was added to the existing tenant")
        .isEqualTo(5);
  }

  @Test
  @DisplayName(
      "suspending a tenant refuses its logins and ends its sessions at once (token, cookie, push); resume "
          + "lets it in again")
  void suspendEndsSessions() throws Exception {
    Response aliceLogin = api.loginAs("alice", tenant.domain());
    String alice = aliceLogin.json().getString("accessToken");
    String cookie = aliceLogin.raw().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    String sam = api.tokenOf("sam", tenant.domain());
    try (PushClient push = PushClient.authenticated(server.port(), sam)) {
      Response suspended =
          api.post("/api/system/tenants/" + tenant.id() + "/suspend", "", bearer(system));
      assertThat(suspended.status()).as(suspended.body()).isEqualTo(200);
      assertThat(suspended.json().getString("status")).isEqualTo("suspended");

      JsonObject ended = push.nextOfType("session.ended", Duration.ofSeconds(5));
      assertThat(ended).isNotNull();
      assertThat(ended.getString("reason")).isEqualTo("tenant-suspended");
    }
    assertProblem(api.get("/api/agent/state", bearer(alice)), 401, "token-invalid");
    assertProblem(api.get("/api/supervisor/team", bearer(sam)), 401, "token-invalid");
    assertProblem(api.post("/api/session/refresh", "", "Cookie", cookie), 401, "session-ended");
    assertProblem(api.loginAs("admin", tenant.domain()), 403, "tenant-suspended");
    // a wrong password learns nothing about the suspension
    assertProblem(
        api.post("/api/login", Api.login("admin", "wrong-password", tenant.domain())),
        401,
        "invalid-credentials");
    // suspending again changes nothing
    assertThat(
            api.post("/api/system/tenants/" + tenant.id() + "/suspend", "", bearer(system))
                .status())
        .isEqualTo(200);

    Response resumed =
        api.post("/api/system/tenants/" + tenant.id() + "/resume", "", bearer(system));
    assertThat(resumed.status()).isEqualTo(200);
    assertThat(resumed.json().getString("status")).isEqualTo("active");
    assertThat(api.loginAs("alice", tenant.domain()).status()).isEqualTo(200);
  }

  @Test
  @DisplayName(
      "a login that races a suspension gets no session: it waits for the suspension's commit, then is refused")
  void loginRacingASuspensionIsRefused() throws Exception {
    CountDownLatch suspending = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    // a suspension caught between its update of the tenant row and its commit (then it would end
    // the sessions)
    Thread suspension =
        new Thread(
            () ->
                server
                    .database()
                    .dsl()
                    .transaction(
                        cfg -> {
                          DSL.using(cfg)
                              .update(TENANT)
                              .set(TENANT.STATUS, "suspended")
                              .where(TENANT.ID.eq(tenant.id()))
                              .execute();
                          suspending.countDown();
                          commit.await();
                        }));
    suspension.start();
    assertThat(suspending.await(10, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Response> login =
        CompletableFuture.supplyAsync(() -> api.loginAs("alice", tenant.domain()));
    Thread.sleep(
        1000); // the password is checked against the still committed 'active'; the session must
    // wait
    commit.countDown();
    suspension.join(10_000);
    assertProblem(login.get(15, TimeUnit.SECONDS), 403, "tenant-suspended");
    assertThat(
            server
                .database()
                .dsl()
                .fetchCount(USER_SESSION, USER_SESSION.TENANT_ID.eq(tenant.id())))
        .as("no session was opened")
        .isZero();
  }

  @Test
  @DisplayName(
      "deleting a tenant is soft: its users cannot sign in, it is gone from the API, its domain stays taken")
  void deleteIsSoft() {
    String admin = api.tokenOf("admin", tenant.domain());
    assertThat(delete("/api/system/tenants/" + tenant.id(), system).status()).isEqualTo(204);
    assertProblem(api.get("/api/supervisor/team", bearer(admin)), 401, "token-invalid");
    assertProblem(api.loginAs("admin", tenant.domain()), 401, "invalid-credentials");
    assertProblem(
        api.get("/api/system/tenants/" + tenant.id(), bearer(system)), 404, "tenant-not-found");
    assertProblem(
        api.post("/api/system/tenants/" + tenant.id() + "/resume", "", bearer(system)),
        404,
        "tenant-not-found");
    assertProblem(delete("/api/system/tenants/" + tenant.id(), system), 404, "tenant-not-found");
    assertProblem(create(tenant.domain()), 409, "domain-taken");
    assertThat(server.database().dsl().fetchCount(APP_USER, APP_USER.TENANT_ID.eq(tenant.id())))
        .as("the users stay for the records")
        .isEqualTo(5);
  }

  @Test
  @DisplayName(
      "the database refuses the role system outside the tenant 'system', and other roles inside it")
  void databaseKeepsTheRoleSystemInItsTenant() {
    var dsl = server.database().dsl();
    assertThatThrownBy(
            () ->
                dsl.update(APP_USER)
                    .set(APP_USER.ROLE, "system")
                    .where(APP_USER.TENANT_ID.eq(tenant.id()).and(APP_USER.USERNAME.eq("admin")))
                    .execute())
        .hasMessageContaining("the role system belongs to the tenant system only");
    long systemTenant =
        dsl.select(TENANT.ID).from(TENANT).where(TENANT.DOMAIN.eq("system")).fetchSingle(TENANT.ID);
    assertThatThrownBy(
            () ->
                dsl.insertInto(APP_USER)
                    .set(APP_USER.TENANT_ID, systemTenant)
                    .set(APP_USER.USERNAME, "sneaky" + SEQ.incrementAndGet())
                    .set(APP_USER.DISPLAY_NAME, "S")
                    .set(APP_USER.PASSWORD_HASH, passwordHash)
                    .set(APP_USER.ROLE, "admin")
                    .execute())
        .hasMessageContaining("the role system belongs to the tenant system only");
    assertThatThrownBy(
            () ->
                dsl.update(TENANT)
                    .set(TENANT.STATUS, "suspended")
                    .where(TENANT.ID.eq(systemTenant))
                    .execute())
        .hasMessageContaining("tenant_system_active_ck");
  }
}
