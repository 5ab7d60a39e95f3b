package io.tandemcc.admin;

import static io.tandemcc.admin.AdminApiTests.assertProblem;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.PushClient;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A password set by an admin may have to be changed at the first sign-in")
class ForcedPasswordChangeApiTest {
  private static final String GIVEN = "given-by-admin-1";
  private static final String CHOSEN = "chosen-by-user-1";
  private Server server;
  private Api api;
  private TestTenant tenant;
  private String admin;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "pwchange");
    admin = api.tokenOf("admin", tenant.domain());
  }

  private long createSupervisor(boolean forced) {
    Response created =
        api.post(
            "/api/admin/users",
            new JsonObject()
                .put("username", "nina")
                .put("displayName", "Nina")
                .put("role", "supervisor")
                .put("password", GIVEN)
                .put("passwordChangeRequired", forced)
                .encode(),
            bearer(admin));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(created.json().getBoolean("passwordChangeRequired")).isEqualTo(forced);
    return created.json().getLong("id");
  }

  private Response login(String password) {
    return api.post("/api/login", Api.login("nina", password, tenant.domain()));
  }

  private Response change(String token, String current, String next) {
    return api.post(
        "/api/session/password",
        new JsonObject().put("currentPassword", current).put("newPassword", next).encode(),
        bearer(token));
  }

  @Test
  void untilChangedEveryOtherCallIsRefusedThenTheRenewedTokenOpensEverything() {
    createSupervisor(true);
    Response first = login(GIVEN);
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().getBoolean("passwordChangeRequired")).isTrue();
    String token = first.json().getString("accessToken");
    String cookie = first.raw().headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

    assertProblem(api.get("/api/supervisor/team", bearer(token)), 403, "password-change-required");
    assertProblem(api.get("/api/agents/directory", bearer(token)), 403, "password-change-required");
    assertProblem(api.post("/api/sip/ticket", "", bearer(token)), 403, "password-change-required");

    assertProblem(change(token, "not-my-password", CHOSEN), 400, "wrong-password");
    assertProblem(change(token, GIVEN, GIVEN), 400, "password-unchanged");
    assertProblem(change(token, GIVEN, "short"), 400, "password-too-short");
    assertThat(login(GIVEN).status()).as("nothing changed by the refusals").isEqualTo(200);

    assertThat(change(token, GIVEN, CHOSEN).status()).isEqualTo(204);
    // the old token keeps its claim; the renewed one is without it
    assertProblem(api.get("/api/supervisor/team", bearer(token)), 403, "password-change-required");
    Response renewed = api.post("/api/session/refresh", "", "Cookie", cookie);
    assertThat(renewed.status()).as(renewed.body()).isEqualTo(200);
    assertThat(renewed.json().getBoolean("passwordChangeRequired")).isFalse();
    assertThat(
            api.get("/api/supervisor/team", bearer(renewed.json().getString("accessToken")))
                .status())
        .isEqualTo(200);

    assertThat(login(GIVEN).status()).as("the given password is gone").isEqualTo(401);
    Response again = login(CHOSEN);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json().getBoolean("passwordChangeRequired")).isFalse();
  }

  @Test
  @DisplayName(
      "attack: a token that must change its password opens no push socket, nor takes over an open one")
  void thePushSocketRefusesAPasswordChangeToken() throws Exception {
    long id = createSupervisor(true);
    String forced = login(GIVEN).json().getString("accessToken");
    try (PushClient page = PushClient.connect(server.port())) {
      page.send(new JsonObject().put("type", "auth").put("token", forced));
      assertThat(page.closeCode(Duration.ofSeconds(5))).as("closed as forbidden").isEqualTo(4403);
      assertThat(page.next(Duration.ofMillis(200))).as("no welcome, no team view").isNull();
    }
    // a socket opened before an admin asked for a change: re-authenticating with the new token
    // closes it
    assertThat(change(forced, GIVEN, CHOSEN).status()).isEqualTo(204);
    String free = login(CHOSEN).json().getString("accessToken");
    try (PushClient page = PushClient.authenticated(server.port(), free)) {
      assertThat(
              api.patch(
                      "/api/admin/users/" + id,
                      new JsonObject()
                          .put("password", GIVEN)
                          .put("passwordChangeRequired", true)
                          .encode(),
                      bearer(admin))
                  .status())
          .isEqualTo(200);
      String forcedAgain = login(GIVEN).json().getString("accessToken");
      page.send(new JsonObject().put("type", "auth").put("token", forcedAgain));
      assertThat(page.closeCode(Duration.ofSeconds(5))).isEqualTo(4403);
    }
  }

  @Test
  void anAdminResetCanAskForAChangeAgainAndTheAuditShowsTheFlagButNoPassword() {
    long id = createSupervisor(false);
    assertThat(login(GIVEN).json().getBoolean("passwordChangeRequired")).isFalse();
    Response reset =
        api.patch(
            "/api/admin/users/" + id,
            new JsonObject()
                .put("password", "reset-by-admin-2")
                .put("passwordChangeRequired", true)
                .encode(),
            bearer(admin));
    assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    assertThat(reset.json().getBoolean("passwordChangeRequired")).isTrue();
    Response next = login("reset-by-admin-2");
    assertThat(next.json().getBoolean("passwordChangeRequired")).isTrue();

    Response audit = api.get("/api/admin/audit?entityType=user&entityId=" + id, bearer(admin));
    assertThat(audit.body()).doesNotContain(GIVEN).doesNotContain("reset-by-admin-2");
    JsonObject update = audit.json().getJsonArray("items").getJsonObject(0);
    assertThat(update.getString("action")).isEqualTo("update");
    assertThat(update.getJsonObject("after").getBoolean("passwordChangeRequired")).isTrue();
    assertThat(update.getJsonObject("before").getBoolean("passwordChangeRequired")).isFalse();
  }

  @Test
  void aWrongTypeOfTheFlagIsAFieldErrorAndLogoutStaysOpen() {
    Response bad =
        api.post(
            "/api/admin/users",
            new JsonObject()
                .put("username", "nina")
                .put("displayName", "Nina")
                .put("role", "supervisor")
                .put("password", GIVEN)
                .put("passwordChangeRequired", "yes")
                .encode(),
            bearer(admin));
    assertThat(AdminApiTests.invalidFields(bad)).containsExactly("passwordChangeRequired");
    createSupervisor(true);
    String token = login(GIVEN).json().getString("accessToken");
    assertThat(api.post("/api/session/logout", "", bearer(token)).status()).isEqualTo(204);
  }
}
