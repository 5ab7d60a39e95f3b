package io.tandemcc.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The schema on a real PostgreSQL")
class SchemaTest {
  private final Database db = TestServer.get().database();

  @Test
  @DisplayName("an agent of one tenant cannot be put in another tenant's group")
  void noCrossTenantMembership() {
    TestTenant a = TestTenants.create(db, "schema-a");
    TestTenant b = TestTenants.create(db, "schema-b");
    assertThatThrownBy(
            () ->
                db.dsl()
                    .execute(
                        "insert into agent_group_member (tenant_id, group_id, agent_id) values (?, ?, ?)",
                        a.id(),
                        b.supportGroup(),
                        a.aliceAgent()))
        .hasMessageContaining("agent_group_member_group_fk");
    assertThatThrownBy(
            () ->
                db.dsl()
                    .execute(
                        "insert into agent_group_member (tenant_id, group_id, agent_id) values (?, ?, ?)",
                        b.id(),
                        b.supportGroup(),
                        a.aliceAgent()))
        .hasMessageContaining("agent_group_member_agent_fk");
  }

  @Test
  @DisplayName("the agent state history is append-only")
  void historyIsAppendOnly() {
    TestTenant t = TestTenants.create(db, "schema-h");
    db.dsl()
        .execute(
            "insert into agent_state_history (tenant_id, agent_id, status, call_state, cause, occurred_at)"
                + " values (?, ?, 'READY', 'IDLE', 'test', now())",
            t.id(),
            t.aliceAgent());
    assertThatThrownBy(
            () ->
                db.dsl()
                    .execute(
                        "update agent_state_history set status = 'NOT_READY' where tenant_id = ?",
                        t.id()))
        .hasMessageContaining("append-only");
    assertThatThrownBy(
            () -> db.dsl().execute("delete from agent_state_history where tenant_id = ?", t.id()))
        .hasMessageContaining("append-only");
    assertThat(
            db.dsl()
                .fetchCount(
                    db.dsl().selectFrom("agent_state_history").where("tenant_id = ?", t.id())))
        .isEqualTo(1);
  }

  @Test
  @DisplayName("tenant domains are unique and must be DNS-label shaped")
  void domains() {
    TestTenant t = TestTenants.create(db, "schema-d");
    assertThatThrownBy(
            () -> db.dsl().execute("insert into tenant (domain, name) values (?, 'x')", t.domain()))
        .hasMessageContaining("tenant_domain_uk");
    assertThatThrownBy(
            () -> db.dsl().execute("insert into tenant (domain, name) values ('Bad Domain!', 'x')"))
        .hasMessageContaining("tenant_domain_ck");
  }
}
