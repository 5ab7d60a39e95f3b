package io.tandemcc.call;

import static io.tandemcc.db.generated.Tables.AGENT;
import static io.tandemcc.db.generated.Tables.APP_USER;
import static io.tandemcc.db.generated.Tables.EXTENSION;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.db.Database;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "The call directory loads a tenant's agents at once and keeps answering while it reloads them")
class CallDirectoryTest {
  private Database db;
  private TestTenant tenant;
  private final MovableClock clock = new MovableClock();
  private CallDirectory directory;

  @BeforeEach
  void setUp() {
    db = TestServer.get().database();
    tenant = TestTenants.create(db, "calldir");
    AgentLocator locator = new AgentLocator(db);
    directory = new CallDirectory(db, locator, new CallRecords(db), clock);
  }

  @Test
  @DisplayName(
      "cached popup rules and key names are read again once the administration says they changed")
  void forgetsATenantsSettingsOnRequest() throws Exception {
    assertThat(get(directory.settings(tenant.id())).popupRules()).isEmpty();
    db.dsl()
        .insertInto(io.tandemcc.db.generated.Tables.POPUP_RULE)
        .set(io.tandemcc.db.generated.Tables.POPUP_RULE.TENANT_ID, tenant.id())
        .set(
            io.tandemcc.db.generated.Tables.POPUP_RULE.URL_TEMPLATE,
            "https://crm.example.com/{callId}")
        .execute();
    // within the TTL the cache answers (this is what a change made in SQL did: shown after a minute
    // at best)
    assertThat(get(directory.settings(tenant.id())).popupRules()).isEmpty();
    directory.forgetSettings(tenant.id());
    assertThat(get(directory.settings(tenant.id())).popupRules()).hasSize(1);
  }

  @Test
  @DisplayName(
      "every agent of the tenant comes from one load; an endpoint that is no agent is empty")
  void findsAgentsOfTheTenant() throws Exception {
    CallDirectory.AgentInfo alice = get(directory.agent(tenant.domain(), "1001")).orElseThrow();
    assertThat(alice.agentId()).isEqualTo(tenant.aliceAgent());
    assertThat(alice.tenantId()).isEqualTo(tenant.id());
    assertThat(alice.displayName()).isEqualTo("Alice Test");
    assertThat(get(directory.agent(tenant.domain(), "1003")).orElseThrow().agentId())
        .isEqualTo(tenant.carolAgent());
    assertThat(get(directory.agent(tenant.domain(), "1999"))).isEmpty();
    assertThat(get(directory.agent("nosuchtenant", "1001"))).isEmpty();
  }

  @Test
  @DisplayName("an agent created after the tenant was loaded is found on its own")
  void findsAnAgentCreatedAfterTheLoad() throws Exception {
    assertThat(get(directory.agent(tenant.domain(), "1001"))).isPresent();
    long dave = addAgent("dave", "1004");
    assertThat(get(directory.agent(tenant.domain(), "1004")).orElseThrow().agentId())
        .isEqualTo(dave);
  }

  @Test
  @DisplayName(
      "after a minute the tenant is reloaded in the background; the previous load answers meanwhile")
  void reloadsExpiredTenantsInTheBackground() throws Exception {
    assertThat(get(directory.agent(tenant.domain(), "1001")).orElseThrow().displayName())
        .isEqualTo("Alice Test");
    db.dsl()
        .update(APP_USER)
        .set(APP_USER.DISPLAY_NAME, "Alice Renamed")
        .where(APP_USER.ID.eq(tenant.aliceUser()))
        .execute();
    assertThat(get(directory.agent(tenant.domain(), "1001")).orElseThrow().displayName())
        .as("within the minute")
        .isEqualTo("Alice Test");

    clock.advance(CallDirectory.TTL.plusSeconds(1));
    Future<Optional<CallDirectory.AgentInfo>> during = directory.agent(tenant.domain(), "1001");
    assertThat(during.isComplete()).as("answered at once from the previous load").isTrue();
    assertThat(get(during).orElseThrow().displayName()).isEqualTo("Alice Test");

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String name = "Alice Test";
    while (!name.equals("Alice Renamed") && System.nanoTime() < deadline) {
      Thread.sleep(20);
      name = get(directory.agent(tenant.domain(), "1001")).orElseThrow().displayName();
    }
    assertThat(name).as("after the reload").isEqualTo("Alice Renamed");
  }

  private long addAgent(String username, String number) {
    return db.dsl()
        .transactionResult(
            cfg -> {
              var dsl = org.jooq.impl.DSL.using(cfg);
              long user =
                  dsl.insertInto(APP_USER)
                      .set(APP_USER.TENANT_ID, tenant.id())
                      .set(APP_USER.USERNAME, username)
                      .set(APP_USER.DISPLAY_NAME, username)
                      .set(APP_USER.PASSWORD_HASH, "x")
                      .set(APP_USER.ROLE, "agent")
                      .returning(APP_USER.ID)
                      .fetchOne(APP_USER.ID);
              long ext =
                  dsl.insertInto(EXTENSION)
                      .set(EXTENSION.TENANT_ID, tenant.id())
                      .set(EXTENSION.NUMBER, number)
                      .returning(EXTENSION.ID)
                      .fetchOne(EXTENSION.ID);
              return dsl.insertInto(AGENT)
                  .set(AGENT.TENANT_ID, tenant.id())
                  .set(AGENT.USER_ID, user)
                  .set(AGENT.AGENT_NUMBER, number)
                  .set(AGENT.EXTENSION_ID, ext)
                  .returning(AGENT.ID)
                  .fetchOne(AGENT.ID);
            });
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static final class MovableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-22T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
