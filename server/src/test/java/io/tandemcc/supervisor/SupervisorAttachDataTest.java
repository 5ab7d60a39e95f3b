package io.tandemcc.supervisor;

import static io.tandemcc.db.generated.Tables.ATTACHED_DATA_KEY;
import static io.tandemcc.db.generated.Tables.CALL_ATTACHED_DATA;
import static io.tandemcc.db.generated.Tables.CALL_RECORD;
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
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code PUT /api/calls/:callId/attached-data} by a supervisor reaches its groups' calls only
 * (issue 13, item 8): sam supervises Support (alice, bob; queue support), not Sales (carol; queue
 * sales). A call outside them is a 404 like another tenant's, and nothing is written to it; the
 * admin and a CRM key reach the whole tenant.
 */
@DisplayName("Supervisors attach data to their groups' calls only")
class SupervisorAttachDataTest {
  private Server server;
  private Api api;
  private TestTenant tenant;
  private TestTenant other;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "attach");
    other = TestTenants.create(server.database(), "attachother");
    for (TestTenant t : new TestTenant[] {tenant, other}) {
      server
          .database()
          .dsl()
          .insertInto(ATTACHED_DATA_KEY)
          .set(ATTACHED_DATA_KEY.TENANT_ID, t.id())
          .set(ATTACHED_DATA_KEY.POSITION, 1)
          .set(ATTACHED_DATA_KEY.KEY_NAME, "Tier")
          .execute();
    }
  }

  @Test
  @DisplayName(
      "recorded calls: sam reaches a Support agent's or queue's call, gets 404 for Sales' and for another"
          + " tenant's; the admin reaches Sales")
  void recordedCalls() {
    String alices = record(tenant, "rec-alice", tenant.domain() + "-support", tenant.aliceAgent());
    String carols = record(tenant, "rec-carol", tenant.domain() + "-sales", tenant.carolAgent());
    String salesQueueOnly = record(tenant, "rec-sales-abandoned", tenant.domain() + "-sales", null);
    String supportQueueOnly =
        record(tenant, "rec-support-abandoned", tenant.domain() + "-support", null);
    String foreign = record(other, "rec-foreign", other.domain() + "-support", other.aliceAgent());
    String sam = api.tokenOf("sam", tenant.domain());

    assertThat(attach(alices, sam).status()).isEqualTo(200);
    assertThat(attach(supportQueueOnly, sam).status()).isEqualTo(200);
    for (String outside : new String[] {carols, salesQueueOnly, foreign}) {
      Response r = attach(outside, sam);
      assertThat(r.status()).as(outside).isEqualTo(404);
      assertThat(r.code()).as(outside).isEqualTo("not-found");
    }
    assertThat(attachedValue(tenant, carols)).as("nothing written to Sales' call").isNull();
    assertThat(attachedValue(other, foreign)).isNull();

    String admin = api.tokenOf("admin", tenant.domain());
    assertThat(attach(carols, admin).status()).isEqualTo(200);
    assertThat(attachedValue(tenant, carols)).isEqualTo("gold");
    assertThat(attach(foreign, admin).status())
        .as("not even an admin crosses tenants")
        .isEqualTo(404);
  }

  @Test
  @DisplayName(
      "a live call offered to carol (Sales) is a 404 for sam and is left untouched; alice's is his")
  void liveCalls() throws Exception {
    api.put(
        "/api/agent/state",
        "{\"status\":\"READY\"}",
        bearer(api.tokenOf("carol", tenant.domain())));
    api.put(
        "/api/agent/state",
        "{\"status\":\"READY\"}",
        bearer(api.tokenOf("alice", tenant.domain())));
    AgentEndpoint carol = new AgentEndpoint(tenant.domain(), "1003");
    AgentEndpoint alice = new AgentEndpoint(tenant.domain(), "1001");
    pbx(
        new PbxEvent.QueueCallOffered(
            tenant.domain(),
            new QueueRef(tenant.domain(), "sales"),
            "live-sales",
            carol,
            "leg-s",
            "1",
            "x",
            Map.of()));
    pbx(
        new PbxEvent.QueueCallOffered(
            tenant.domain(),
            new QueueRef(tenant.domain(), "support"),
            "live-support",
            alice,
            "leg-a",
            "2",
            "y",
            Map.of()));
    String sam = api.tokenOf("sam", tenant.domain());
    try {
      Response mine = awaitFound("live-support", sam);
      assertThat(mine.status()).isEqualTo(200);
      assertThat(mine.json().getInteger("agentsNotified")).isEqualTo(1);
      // the admin sees the Sales call live, so it exists: sam is refused it, not missing it
      assertThat(awaitFound("live-sales", api.tokenOf("admin", tenant.domain())).status())
          .isEqualTo(200);
      Response theirs = attach("live-sales", sam);
      assertThat(theirs.status()).isEqualTo(404);
      assertThat(theirs.code()).isEqualTo("not-found");
    } finally {
      pbx(
          new PbxEvent.AgentChannelHungUp(
              tenant.domain(), "live-sales", carol, "leg-s", 16, "Normal Clearing"));
      pbx(
          new PbxEvent.AgentChannelHungUp(
              tenant.domain(), "live-support", alice, "leg-a", 16, "Normal Clearing"));
    }
  }

  /**
   * The call verticle follows the PBX events a moment later: retry while the call is not known yet.
   */
  private Response awaitFound(String callId, String token) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    Response r = attach(callId, token);
    while (r.status() == 404 && System.nanoTime() < deadline) {
      Thread.sleep(50);
      r = attach(callId, token);
    }
    return r;
  }

  private Response attach(String callId, String token) {
    return api.put("/api/calls/" + callId + "/attached-data", "{\"Tier\":\"gold\"}", bearer(token));
  }

  private String record(TestTenant t, String callId, String queue, Long agentId) {
    server
        .database()
        .dsl()
        .insertInto(CALL_RECORD)
        .set(CALL_RECORD.TENANT_ID, t.id())
        .set(CALL_RECORD.CALL_ID, callId)
        .set(CALL_RECORD.KIND, "queue")
        .set(CALL_RECORD.QUEUE_NAME, queue)
        .set(CALL_RECORD.AGENT_ID, agentId)
        .set(CALL_RECORD.STARTED_AT, OffsetDateTime.now())
        .execute();
    return callId;
  }

  private String attachedValue(TestTenant t, String callId) {
    return server
        .database()
        .dsl()
        .select(CALL_ATTACHED_DATA.VALUE)
        .from(CALL_ATTACHED_DATA)
        .join(CALL_RECORD)
        .on(CALL_RECORD.ID.eq(CALL_ATTACHED_DATA.CALL_RECORD_ID))
        .where(CALL_RECORD.TENANT_ID.eq(t.id()).and(CALL_RECORD.CALL_ID.eq(callId)))
        .fetchOne(CALL_ATTACHED_DATA.VALUE);
  }

  private void pbx(PbxEvent event) {
    server
        .vertx()
        .eventBus()
        .publish(PbxAddresses.EVENTS, event, LocalCodec.familyOptions(PbxEvent.class));
  }
}
