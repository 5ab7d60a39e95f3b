package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.AGENT_STATE_HISTORY;
import static io.tandemcc.db.generated.Tables.API_KEY;
import static io.tandemcc.db.generated.Tables.AUDIT_LOG;
import static io.tandemcc.db.generated.Tables.NOT_READY_REASON;
import static io.tandemcc.db.generated.Tables.TENANT_TRUNK;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.support.Api;
import io.tandemcc.support.Api.Response;
import io.tandemcc.support.Await;
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
    "Tenant configuration over /api/admin (reasons, dispositions, keys, popup rules, settings, API keys, trunk)")
class AdminConfigApiTest {
  private Server server;
  private Api api;
  private TestTenant tenant;
  private String admin;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "adminconf");
    admin = api.tokenOf("admin", tenant.domain());
  }

  private Response patch(String path, String json, String token) {
    return api.patch(path, json, bearer(token));
  }

  private Response delete(String path, String token) {
    return api.delete(path, bearer(token));
  }

  private int reasonCount() {
    return server
        .database()
        .dsl()
        .fetchCount(NOT_READY_REASON, NOT_READY_REASON.TENANT_ID.eq(tenant.id()));
  }

  @Test
  void agentsAndSupervisorsGet403AndNoTokenGets401OnEveryConfigurationRoute() {
    String agent = api.tokenOf("alice", tenant.domain());
    String supervisor = api.tokenOf("sam", tenant.domain());
    for (String path :
        List.of(
            "/api/admin/reasons",
            "/api/admin/dispositions",
            "/api/admin/attached-data-keys",
            "/api/admin/popup-rules",
            "/api/admin/settings",
            "/api/admin/api-keys",
            "/api/admin/trunk")) {
      assertThat(api.get(path, bearer(agent)).status()).as(path).isEqualTo(403);
      assertThat(api.get(path, bearer(supervisor)).status()).as(path).isEqualTo(403);
      assertThat(api.get(path).status()).as(path).isEqualTo(401);
    }
    assertThat(
            api.post("/api/admin/reasons", "{\"code\":\"x\",\"label\":\"X\"}", bearer(agent))
                .code())
        .isEqualTo("forbidden");
    assertThat(
            patch("/api/admin/settings", "{\"ringBeep\":false}", bearer(supervisor)[1].substring(7))
                .status())
        .isEqualTo(403);
    assertThat(api.post("/api/admin/api-keys", "{\"name\":\"x\"}", bearer(agent)).status())
        .isEqualTo(403);
    assertThat(reasonCount()).isEqualTo(2);
  }

  @Test
  void aNewReasonIsInTheAgentsReasonListAtOnceAndADuplicateCodeIs409() {
    Response created =
        api.post(
            "/api/admin/reasons", "{\"code\":\"meeting\",\"label\":\"Meeting\"}", bearer(admin));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().getLong("id");
    assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/admin/reasons/" + id);
    assertThat(created.json().getBoolean("active")).isTrue();

    JsonArray reasons =
        api.loginAs("alice", tenant.domain())
            .json()
            .getJsonObject("config")
            .getJsonArray("notReadyReasons");
    assertThat(reasons.stream().map(r -> ((JsonObject) r).getString("code"))).contains("meeting");
    // and the agent may use it at once
    String alice = api.tokenOf("alice", tenant.domain());
    assertThat(
            api.put(
                    "/api/agent/state",
                    "{\"status\":\"NOT_READY\",\"reasonCode\":\"meeting\"}",
                    bearer(alice))
                .status())
        .isEqualTo(200);

    Response dup =
        api.post("/api/admin/reasons", "{\"code\":\"meeting\",\"label\":\"Again\"}", bearer(admin));
    assertThat(dup.status()).isEqualTo(409);
    assertThat(dup.code()).isEqualTo("reason-code-taken");
    assertThat(reasonCount()).isEqualTo(3);
    assertThat(
            server
                .database()
                .dsl()
                .fetchCount(
                    AUDIT_LOG,
                    AUDIT_LOG
                        .TENANT_ID
                        .eq(tenant.id())
                        .and(AUDIT_LOG.TARGET_KIND.eq("reason"))
                        .and(AUDIT_LOG.TARGET_ID.eq(String.valueOf(id)))))
        .isEqualTo(1);
  }

  @Test
  void badMissingAndOversizedReasonFieldsAreListedAndNothingIsCreated() {
    Response bad =
        api.post(
            "/api/admin/reasons",
            new JsonObject()
                .put("code", "Not Valid!")
                .put("label", "x".repeat(101))
                .put("sortOrder", "first")
                .encode(),
            bearer(admin));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.code()).isEqualTo("invalid-fields");
    assertThat(
            bad.json().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("code", "label", "sortOrder");
    Response missing = api.post("/api/admin/reasons", "{}", bearer(admin));
    assertThat(
            missing.json().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("code", "label");
    assertThat(reasonCount()).isEqualTo(2);
  }

  @Test
  void anotherTenantsAdminGets404ForAReasonAndCannotChangeIt() {
    long id =
        api.post(
                "/api/admin/reasons", "{\"code\":\"meeting\",\"label\":\"Meeting\"}", bearer(admin))
            .json()
            .getLong("id");
    TestTenant other = TestTenants.create(server.database(), "adminconfb");
    String otherAdmin = api.tokenOf("admin", other.domain());
    assertThat(api.get("/api/admin/reasons/" + id, bearer(otherAdmin)).status()).isEqualTo(404);
    assertThat(patch("/api/admin/reasons/" + id, "{\"label\":\"Hacked\"}", otherAdmin).status())
        .isEqualTo(404);
    assertThat(delete("/api/admin/reasons/" + id, otherAdmin).status()).isEqualTo(404);
    assertThat(api.get("/api/admin/reasons/" + id, bearer(admin)).json().getString("label"))
        .isEqualTo("Meeting");
  }

  @Test
  void aReasonHistoryRefersToIsDeactivatedAnUnusedOneDeleted() throws Exception {
    String alice = api.tokenOf("alice", tenant.domain());
    assertThat(
            api.put(
                    "/api/agent/state",
                    "{\"status\":\"NOT_READY\",\"reasonCode\":\"break\"}",
                    bearer(alice))
                .status())
        .isEqualTo(200);
    var dsl = server.database().dsl();
    // the state history is written behind: wait for the row that names the reason
    Await.until(
        () ->
            dsl.fetchExists(
                AGENT_STATE_HISTORY,
                AGENT_STATE_HISTORY
                    .TENANT_ID
                    .eq(tenant.id())
                    .and(AGENT_STATE_HISTORY.REASON_CODE.eq("break"))),
        "history names break",
        Duration.ofSeconds(5));
    long breakId =
        dsl.select(NOT_READY_REASON.ID)
            .from(NOT_READY_REASON)
            .where(
                NOT_READY_REASON.TENANT_ID.eq(tenant.id()).and(NOT_READY_REASON.CODE.eq("break")))
            .fetchSingle(NOT_READY_REASON.ID);
    long lunchId =
        dsl.select(NOT_READY_REASON.ID)
            .from(NOT_READY_REASON)
            .where(
                NOT_READY_REASON.TENANT_ID.eq(tenant.id()).and(NOT_READY_REASON.CODE.eq("lunch")))
            .fetchSingle(NOT_READY_REASON.ID);
    assertThat(delete("/api/admin/reasons/" + breakId, admin).status()).isEqualTo(204);
    assertThat(delete("/api/admin/reasons/" + lunchId, admin).status()).isEqualTo(204);
    assertThat(api.get("/api/admin/reasons/" + breakId, bearer(admin)).json().getBoolean("active"))
        .isFalse();
    assertThat(api.get("/api/admin/reasons/" + lunchId, bearer(admin)).status()).isEqualTo(404);
    JsonArray reasons =
        api.loginAs("bob", tenant.domain())
            .json()
            .getJsonObject("config")
            .getJsonArray("notReadyReasons");
    assertThat(reasons).isEmpty();
  }

  @Test
  void reasonsArePagedByKeyAndSearched() {
    for (int i = 0; i < 5; i++) {
      api.post(
          "/api/admin/reasons",
          "{\"code\":\"r" + i + "\",\"label\":\"Reason " + i + "\"}",
          bearer(admin));
    }
    Response first = api.get("/api/admin/reasons?limit=3&sort=code", bearer(admin));
    assertThat(first.json().getJsonArray("items")).hasSize(3);
    String next = first.json().getString("next");
    assertThat(next).isNotNull();
    Response second = api.get("/api/admin/reasons?limit=3&sort=code&after=" + next, bearer(admin));
    Response third =
        api.get(
            "/api/admin/reasons?limit=3&sort=code&after=" + second.json().getString("next"),
            bearer(admin));
    assertThat(third.json().getString("next")).isNull();
    List<Object> codes = new java.util.ArrayList<>();
    for (Response r : List.of(first, second, third)) {
      r.json().getJsonArray("items").forEach(o -> codes.add(((JsonObject) o).getString("code")));
    }
    assertThat(codes).containsExactly("break", "lunch", "r0", "r1", "r2", "r3", "r4");
    assertThat(
            api.get("/api/admin/reasons?q=REASON%203", bearer(admin)).json().getJsonArray("items"))
        .hasSize(1);
    assertThat(api.get("/api/admin/reasons?limit=201", bearer(admin)).status()).isEqualTo(400);
    assertThat(api.get("/api/admin/reasons?sort=nope", bearer(admin)).status()).isEqualTo(400);
  }

  @Test
  void aDispositionCreatedAndRequiredShowsInTheAgentsConfig() {
    Response created =
        api.post(
            "/api/admin/dispositions", "{\"code\":\"sale\",\"label\":\"Sale\"}", bearer(admin));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(
            api.post(
                    "/api/admin/dispositions",
                    "{\"code\":\"sale\",\"label\":\"Sale\"}",
                    bearer(admin))
                .code())
        .isEqualTo("disposition-code-taken");
    assertThat(patch("/api/admin/settings", "{\"dispositionRequired\":true}", admin).status())
        .isEqualTo(200);
    JsonObject config = api.loginAs("alice", tenant.domain()).json().getJsonObject("config");
    assertThat(config.getBoolean("dispositionRequired")).isTrue();
    assertThat(config.getJsonArray("dispositions").getJsonObject(0).getString("code"))
        .isEqualTo("sale");
  }

  @Test
  void settingsChangeShowsInWhatTheAgentsPageReadsAndABadTimeZoneChangesNothing() {
    Response before = api.get("/api/admin/settings", bearer(admin));
    assertThat(before.json().getString("timeZone")).isEqualTo("UTC");
    Response changed =
        patch(
            "/api/admin/settings",
            "{\"ringBeep\":false,\"timeZone\":\"Europe/Berlin\",\"name\":\"Renamed\"}",
            admin);
    assertThat(changed.status()).as(changed.body()).isEqualTo(200);
    assertThat(changed.json().getString("timeZone")).isEqualTo("Europe/Berlin");
    JsonObject signedIn = api.loginAs("alice", tenant.domain()).json();
    assertThat(signedIn.getJsonObject("config").getBoolean("ringBeep")).isFalse();
    assertThat(signedIn.getJsonObject("tenant").getString("name")).isEqualTo("Renamed");

    Response bad =
        patch(
            "/api/admin/settings",
            "{\"timeZone\":\"Mars/Olympus\",\"ringBeep\":\"yes\",\"extra\":1}",
            admin);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(
            bad.json().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field")))
        .containsExactlyInAnyOrder("timeZone", "ringBeep", "extra");
    assertThat(api.get("/api/admin/settings", bearer(admin)).json().getString("timeZone"))
        .isEqualTo("Europe/Berlin");
  }

  @Test
  void attachedDataKeysAreReplacedAsAWholeAndDuplicatesRefused() {
    Response put =
        api.put(
            "/api/admin/attached-data-keys",
            "{\"keys\":[{\"position\":1,\"name\":\"CustomerId\","
                + "\"label\":\"Customer number\"},{\"position\":2,\"name\":\"Mobile\",\"label\":\"Mobile\"}]}",
            bearer(admin));
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().getJsonArray("keys")).hasSize(2);
    JsonArray keys =
        api.loginAs("alice", tenant.domain())
            .json()
            .getJsonObject("config")
            .getJsonArray("attachedDataKeys");
    assertThat(keys.getJsonObject(1).getString("name")).isEqualTo("Mobile");
    // the agent's page shows the labels instead of the raw names
    assertThat(keys.getJsonObject(0).getString("label")).isEqualTo("Customer number");

    Response dup =
        api.put(
            "/api/admin/attached-data-keys",
            "{\"keys\":[{\"position\":1,\"name\":\"A\"},"
                + "{\"position\":1,\"name\":\"a\"},{\"position\":11,\"name\":\"1bad\"}]}",
            bearer(admin));
    assertThat(dup.status()).isEqualTo(400);
    assertThat(
            dup.json().getJsonArray("errors").stream()
                .map(e -> ((JsonObject) e).getString("field")))
        .contains("keys[1].position", "keys[1].name", "keys[2].position", "keys[2].name");
    assertThat(api.get("/api/admin/attached-data-keys", bearer(admin)).json().getJsonArray("keys"))
        .hasSize(2);
  }

  @Test
  void anApiKeyIsShownOnceStoredHashedAndARevokedKeyGets401AtOnce() {
    Response created = api.post("/api/admin/api-keys", "{\"name\":\"CRM\"}", bearer(admin));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String key = created.json().getString("key");
    long id = created.json().getLong("id");
    assertThat(key).startsWith("tdm_").hasSizeGreaterThan(40);
    String stored =
        server
            .database()
            .dsl()
            .select(API_KEY.KEY_HASH)
            .from(API_KEY)
            .where(API_KEY.ID.eq(id))
            .fetchSingle(API_KEY.KEY_HASH);
    assertThat(stored).isNotEqualTo(key).doesNotContain(key);
    assertThat(api.get("/api/admin/api-keys", bearer(admin)).body())
        .doesNotContain(key)
        .doesNotContain(stored);
    assertThat(api.get("/api/admin/api-keys/" + id, bearer(admin)).json().containsKey("key"))
        .isFalse();
    assertThat(
            server
                .database()
                .dsl()
                .select(AUDIT_LOG.AFTER_VALUE)
                .from(AUDIT_LOG)
                .where(AUDIT_LOG.TENANT_ID.eq(tenant.id()))
                .fetch()
                .toString())
        .doesNotContain(key)
        .doesNotContain(stored);

    // the CRM endpoint: an unknown call is 404 with a live key, 401 with a revoked one
    Response live =
        api.put("/api/calls/nosuchcall/attached-data", "{\"CustomerId\":\"1\"}", "X-Api-Key", key);
    assertThat(live.status()).as(live.body()).isNotEqualTo(401);
    assertThat(api.get("/api/admin/api-keys/" + id, bearer(admin)).json().getString("lastUsedAt"))
        .isNotNull();
    assertThat(delete("/api/admin/api-keys/" + id, admin).status()).isEqualTo(204);
    Response revoked =
        api.put("/api/calls/nosuchcall/attached-data", "{\"CustomerId\":\"1\"}", "X-Api-Key", key);
    assertThat(revoked.status()).isEqualTo(401);
    assertThat(api.get("/api/admin/api-keys/" + id, bearer(admin)).json().getString("revokedAt"))
        .isNotNull();
    assertThat(api.post("/api/admin/api-keys", "{\"name\":\"\"}", bearer(admin)).code())
        .isEqualTo("invalid-fields");
    TestTenant other = TestTenants.create(server.database(), "adminconfc");
    assertThat(delete("/api/admin/api-keys/" + id, api.tokenOf("admin", other.domain())).status())
        .isEqualTo(404);
  }

  @Test
  void thePreviewExpandsLikeTheLivePopupAndBadTemplatesAreRefused() {
    Response preview =
        api.post(
            "/api/admin/popup-rules/preview",
            new JsonObject()
                .put(
                    "urlTemplate",
                    "https://crm.example.com/c?phone={callerNumber}&id={CustomerId}&x={unknown}")
                .put(
                    "sample",
                    new JsonObject().put("callerNumber", "+1 415").put("CustomerId", "a&b"))
                .encode(),
            bearer(admin));
    assertThat(preview.status()).as(preview.body()).isEqualTo(200);
    assertThat(preview.json().getString("url"))
        .isEqualTo("https://crm.example.com/c?phone=%2B1%20415&id=a%26b&x=");
    Response script =
        api.post(
            "/api/admin/popup-rules", "{\"urlTemplate\":\"javascript:alert(1)\"}", bearer(admin));
    assertThat(script.status()).isEqualTo(400);
    assertThat(script.json().getJsonArray("errors").getJsonObject(0).getString("field"))
        .isEqualTo("urlTemplate");
  }

  @Test
  void popupRulesNameQueuesByGroupIdAndRefuseAnotherTenantsGroup() {
    TestTenant other = TestTenants.create(server.database(), "adminconfd");
    Response foreign =
        api.post(
            "/api/admin/popup-rules",
            new JsonObject()
                .put("queueId", other.supportGroup())
                .put("urlTemplate", "https://crm.example.com/{callId}")
                .encode(),
            bearer(admin));
    assertThat(foreign.status()).isEqualTo(400);
    Response created =
        api.post(
            "/api/admin/popup-rules",
            new JsonObject()
                .put("queueId", tenant.supportGroup())
                .put("callKind", "inbound")
                .put("trigger", "answer")
                .put("urlTemplate", "https://crm.example.com/{callId}")
                .encode(),
            bearer(admin));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    long id = created.json().getLong("id");
    assertThat(created.json().getLong("queueId")).isEqualTo(tenant.supportGroup());
    Response off =
        patch("/api/admin/popup-rules/" + id, "{\"active\":false,\"callKind\":\"any\"}", admin);
    assertThat(off.json().getBoolean("active")).isFalse();
    assertThat(off.json().getString("callKind")).isEqualTo("any");
    assertThat(
            api.get("/api/admin/popup-rules/" + id, bearer(api.tokenOf("admin", other.domain())))
                .status())
        .isEqualTo(404);
    assertThat(delete("/api/admin/popup-rules/" + id, admin).status()).isEqualTo(204);
  }

  @Test
  void theTrunkPasswordIsWriteOnlyAndNeverAudited() {
    Response bad = patch("/api/admin/trunk", "{\"name\":\"other-pstn\",\"port\":70000}", admin);
    assertThat(bad.status()).isEqualTo(400);
    assertThat(
            server
                .database()
                .dsl()
                .fetchCount(TENANT_TRUNK, TENANT_TRUNK.TENANT_ID.eq(tenant.id())))
        .isZero();
    String secret = "trunk-secret-0123";
    Response set =
        patch(
            "/api/admin/trunk",
            new JsonObject()
                .put("name", tenant.domain() + "-pstn")
                .put("host", "sip.example.net")
                .put("port", 5061)
                .put("username", "acct")
                .put("password", secret)
                .put("outboundCallerId", "+14155550100")
                .encode(),
            admin);
    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().getBoolean("passwordSet")).isTrue();
    assertThat(set.body()).doesNotContain(secret);
    assertThat(api.get("/api/admin/trunk", bearer(admin)).body())
        .doesNotContain(secret)
        .contains("sip.example.net");
    assertThat(
            server
                .database()
                .dsl()
                .select(AUDIT_LOG.AFTER_VALUE, AUDIT_LOG.BEFORE_VALUE)
                .from(AUDIT_LOG)
                .where(AUDIT_LOG.TENANT_ID.eq(tenant.id()))
                .fetch()
                .toString())
        .doesNotContain(secret);
  }
}
