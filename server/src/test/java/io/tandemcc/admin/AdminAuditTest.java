package io.tandemcc.admin;

import static io.tandemcc.db.generated.Tables.AUDIT_LOG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandemcc.db.Database;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Administration changes are appended to the audit log with before and after, and never a secret")
class AdminAuditTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private Database db;
  private TestTenant tenant;
  private AdminAudit audit;

  @BeforeEach
  void setUp() {
    db = TestServer.get().database();
    tenant = TestTenants.create(db, "adaudit");
    audit = new AdminAudit(db, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  @DisplayName(
      "an update is written with its kind, id, action, values and time; a changed password is only 'changed'")
  void writesBeforeAndAfterWithoutSecrets() throws Exception {
    JsonObject before =
        new JsonObject().put("displayName", "Alice").put("password", "old-secret-1");
    JsonObject after =
        new JsonObject().put("displayName", "Alice B").put("password", "new-secret-2");
    audit
        .changed(
            new AdminAudit.Change(
                tenant.id(),
                tenant.samUser(),
                "user",
                String.valueOf(tenant.aliceUser()),
                "update",
                before,
                after))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    var row =
        db.query(
                dsl ->
                    dsl.selectFrom(AUDIT_LOG)
                        .where(AUDIT_LOG.TENANT_ID.eq(tenant.id()))
                        .orderBy(AUDIT_LOG.ID.desc())
                        .limit(1)
                        .fetchOne())
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(row.getTargetKind()).isEqualTo("user");
    assertThat(row.getTargetId()).isEqualTo(String.valueOf(tenant.aliceUser()));
    assertThat(row.getTargetAgentId()).isNull();
    assertThat(row.getAction()).isEqualTo("update");
    assertThat(row.getOccurredAt().toInstant()).isEqualTo(NOW);
    assertThat(new JsonObject(row.getBeforeValue().data()))
        .isEqualTo(new JsonObject().put("displayName", "Alice").put("password", "changed"));
    assertThat(new JsonObject(row.getAfterValue().data()))
        .isEqualTo(new JsonObject().put("displayName", "Alice B").put("password", "changed"));
    assertThat(row.getBeforeValue().data() + row.getAfterValue().data()).doesNotContain("secret");
  }

  @Test
  @DisplayName("an unchanged secret is left out; a creation has no before, a deletion no after")
  void redactsSecrets() {
    assertThat(
            AdminAudit.redact(
                new JsonObject().put("name", "x").put("keyHash", "h"),
                new JsonObject().put("keyHash", "h")))
        .isEqualTo(new JsonObject().put("name", "x"));
    assertThat(AdminAudit.redact(null, new JsonObject())).isNull();
    assertThat(AdminAudit.redact(new JsonObject().put("secret", "s"), null))
        .isEqualTo(new JsonObject().put("secret", "changed"));
  }

  @Test
  @DisplayName("the log stays append-only: an administration entry cannot be updated")
  void appendOnly() throws Exception {
    audit
        .changed(
            new AdminAudit.Change(
                tenant.id(),
                tenant.samUser(),
                "queue",
                "7",
                "delete",
                new JsonObject().put("name", "support"),
                null))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    assertThatThrownBy(
            () ->
                db.query(
                        dsl ->
                            dsl.update(AUDIT_LOG)
                                .set(AUDIT_LOG.ACTION, "x")
                                .where(AUDIT_LOG.TENANT_ID.eq(tenant.id()))
                                .execute())
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS))
        .hasMessageContaining("append-only");
  }
}
