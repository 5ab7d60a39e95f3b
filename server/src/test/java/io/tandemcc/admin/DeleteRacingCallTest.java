package io.tandemcc.admin;

import static io.tandemcc.admin.AdminApiTests.assertProblem;
import static io.tandemcc.admin.AdminApiTests.delete;
import static io.tandemcc.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.Server;
import io.tandemcc.call.AgentCallQuery;
import io.tandemcc.call.AgentCallView;
import io.tandemcc.call.CallAddresses;
import io.tandemcc.common.LocalCodec;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.QueueRef;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.TestServer;
import io.tandemcc.support.TestTenants;
import io.tandemcc.support.TestTenants.TestTenant;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A call being offered to an agent while an admin deletes it: the call owner (which sees the PBX's
 * ringing leg first) is asked too, not only the agent state owner (which hears of the offer later,
 * or not at all when the agent is not Ready, e.g. a colleague dialling its extension).
 */
@DisplayName("Deleting an agent while a call is offered to it is 409 agent-on-call")
class DeleteRacingCallTest {
  private Server server;
  private Api api;
  private TestTenant tenant;
  private String admin;

  @BeforeEach
  void setUp() {
    server = TestServer.get();
    api = new Api(server.port());
    tenant = TestTenants.create(server.database(), "delrace");
    admin = api.tokenOf("admin", tenant.domain());
  }

  private void pbx(PbxEvent event) {
    server
        .vertx()
        .eventBus()
        .publish(PbxAddresses.EVENTS, event, LocalCodec.familyOptions(PbxEvent.class));
  }

  private boolean callOwnerSeesACall(long agentId) throws Exception {
    return server
        .vertx()
        .eventBus()
        .<AgentCallView.Reply>request(
            CallAddresses.AGENT_CALL, new AgentCallQuery(tenant.id(), agentId))
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS)
        .body()
        .call()
        .isPresent();
  }

  @Test
  void aRingingOfferTheAgentStateHasNotTakenIsSeenThroughTheCallOwner() throws Exception {
    // alice never signed in: her state owner has no call for her, but Asterisk rings her phone
    AgentEndpoint alice = new AgentEndpoint(tenant.domain(), "1001");
    pbx(
        new PbxEvent.QueueCallOffered(
            tenant.domain(),
            new QueueRef(tenant.domain(), "support"),
            "race-1",
            alice,
            "leg-race-1",
            "+14155550123",
            "Caller",
            Map.of()));
    Await.until(
        () -> callOwnerSeesACall(tenant.aliceAgent()),
        "the call owner has the ringing leg",
        Duration.ofSeconds(5));
    String path = "/api/admin/users/" + tenant.aliceUser();
    assertProblem(delete(api, path, admin), 409, "agent-on-call");
    assertThat(api.get(path, bearer(admin)).status()).as("nothing deleted").isEqualTo(200);

    pbx(
        new PbxEvent.AgentChannelHungUp(
            tenant.domain(), "race-1", alice, "leg-race-1", 16, "Normal Clearing"));
    Await.until(
        () -> !callOwnerSeesACall(tenant.aliceAgent()), "the call is over", Duration.ofSeconds(5));
    assertThat(delete(api, path, admin).status()).isEqualTo(204);
  }

  @Test
  void anOfferPublishedJustBeforeTheDeleteIsNeverMissed() throws Exception {
    // no waiting: the call owner takes PBX events in order, so the question after the offer sees it
    AgentEndpoint bob = new AgentEndpoint(tenant.domain(), "1002");
    pbx(
        new PbxEvent.QueueCallOffered(
            tenant.domain(),
            new QueueRef(tenant.domain(), "support"),
            "race-2",
            bob,
            "leg-race-2",
            "+14155550124",
            "Caller",
            Map.of()));
    long bobUser =
        server
            .database()
            .dsl()
            .select(io.tandemcc.db.generated.Tables.AGENT.USER_ID)
            .from(io.tandemcc.db.generated.Tables.AGENT)
            .where(io.tandemcc.db.generated.Tables.AGENT.ID.eq(tenant.bobAgent()))
            .fetchOne(io.tandemcc.db.generated.Tables.AGENT.USER_ID);
    assertProblem(delete(api, "/api/admin/users/" + bobUser, admin), 409, "agent-on-call");
  }
}
