package io.tandemcc.admin;

import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.support.Api;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Tenant settings: the reload-survival grace and what follows it (docs/webphone.md)")
class ReattachSettingsTest {

  @Test
  @DisplayName(
      "default 60 s and requeue; an admin sets 30 s and hangup; out-of-range and unknown values change nothing")
  void graceAndAfter() {
    var server = TestServer.get();
    Api api = new Api(server.port());
    TestTenant tenant = TestTenants.create(server.database(), "reattset");
    String admin = api.tokenOf("admin", tenant.domain());
    JsonObject before = api.get("/api/admin/settings", bearer(admin)).json();
    assertThat(before.getInteger("reattachGraceSeconds")).isEqualTo(60);
    assertThat(before.getString("reattachAfter")).isEqualTo("requeue");

    Api.Response bad =
        api.patch(
            "/api/admin/settings",
            "{\"reattachGraceSeconds\":5,\"reattachAfter\":\"drop\"}",
            bearer(admin));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("reattachGraceSeconds", "reattachAfter");
    assertThat(
            api.patch("/api/admin/settings", "{\"reattachGraceSeconds\":\"30\"}", bearer(admin))
                .status())
        .as("a number, not a text")
        .isEqualTo(400);

    Api.Response ok =
        api.patch(
            "/api/admin/settings",
            "{\"reattachGraceSeconds\":30,\"reattachAfter\":\"hangup\"}",
            bearer(admin));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
    assertThat(ok.json().getInteger("reattachGraceSeconds")).isEqualTo(30);
    assertThat(ok.json().getString("reattachAfter")).isEqualTo("hangup");
    assertThat(
            ((Number)
                    server
                        .database()
                        .dsl()
                        .fetchValue(
                            "select reattach_grace_seconds from tenant where id = ?", tenant.id()))
                .intValue())
        .isEqualTo(30);
  }
}
