package io.tandemcc.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.CallKind;
import io.tandemcc.call.CallResync.Bring;
import io.tandemcc.call.CallResync.End;
import io.tandemcc.call.CallResync.Forget;
import io.tandemcc.call.CallResync.Leg;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.QueueRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Resynchronising calls when a PBX link comes up: the listed legs against the calls followed")
class CallResyncTest {
  private static final long ACME = 7;
  private static final CallDirectory.AgentInfo ALICE = agent(101, "1001");
  private static final CallDirectory.AgentInfo BOB = agent(102, "1002");
  private static final Instant T0 = Instant.parse("2026-11-22T02:42:55Z");

  @Test
  @DisplayName(
      "the kind of a leg comes from its application: AppQueue, AppDial, anything else is the agent's own call")
  void kindFromApplication() {
    assertThat(leg(ALICE, "c1", "Ringing", "AppQueue").kind()).isEqualTo(CallKind.QUEUE);
    assertThat(leg(ALICE, "c1", "Ringing", "AppDial").kind()).isEqualTo(CallKind.DIRECT);
    assertThat(leg(ALICE, "c1", "Ring", "Dial").kind()).isEqualTo(CallKind.OUTBOUND);
    assertThat(leg(ALICE, "c1", "Up", "").kind()).isEqualTo(CallKind.OUTBOUND);
    assertThat(leg(ALICE, "c1", "Up", "AppQueue").answered()).isTrue();
    assertThat(leg(ALICE, "c1", "Ringing", "AppQueue").answered()).isFalse();
  }

  @Test
  @DisplayName("a listed agent leg brings the agent onto the call, known or not")
  void listedLegsAreBroughtIn() {
    LiveCall known = live("c1", ALICE);
    Leg alice = leg(ALICE, "c1", "Up", "AppQueue");
    Leg bob = leg(BOB, "c2", "Ringing", "AppDial");

    List<CallResync.Step> steps =
        CallResync.plan(List.of(alice, bob), Set.of("c1", "c2"), List.of(known), Set.of());

    assertThat(steps).containsExactly(new Bring(alice, true), new Bring(bob, false));
  }

  @Test
  @DisplayName(
      "an agent whose leg is gone is ended; a call with no leg left is forgotten; ends come first")
  void vanishedLegsAndCallsEnd() {
    LiveCall gone = live("c1", ALICE);
    LiveCall transferred = live("c2", BOB); // the customer is still there, bob's leg is not
    Leg aliceNow = leg(ALICE, "c3", "Ringing", "AppQueue");
    ChannelListed customer = customer("c2");

    List<CallResync.Step> steps =
        CallResync.plan(
            List.of(aliceNow),
            Set.of(customer.callId(), "c3"),
            List.of(transferred, gone),
            Set.of());

    assertThat(steps)
        .containsExactly(
            new End(ACME, ALICE.agentId(), "c1"),
            new Forget(ACME, "c1"),
            new End(ACME, BOB.agentId(), "c2"),
            new Bring(aliceNow, false));
  }

  @Test
  @DisplayName(
      "calls that saw a live event since the query are left alone: the event is newer than the list")
  void touchedCallsAreLeftAlone() {
    LiveCall ringing = live("c1", ALICE);
    Leg bob = leg(BOB, "c2", "Up", "AppDial");

    assertThat(CallResync.plan(List.of(bob), Set.of("c2"), List.of(ringing), Set.of("c1", "c2")))
        .isEmpty();
  }

  @Test
  @DisplayName("the events about one call name it; the others do not")
  void callIdOfEvents() {
    AgentEndpoint alice = new AgentEndpoint("acme", "1001");
    assertThat(
            CallResync.callIdOf(
                new PbxEvent.AgentChannelHungUp("acme", "c1", alice, "c1.1", 16, "Normal")))
        .contains("c1");
    assertThat(
            CallResync.callIdOf(
                new PbxEvent.QueueCallOffered(
                    "acme",
                    new QueueRef("acme", "support"),
                    "c2",
                    alice,
                    "c2.1",
                    "",
                    "",
                    Map.of())))
        .contains("c2");
    assertThat(CallResync.callIdOf(new PbxEvent.EndpointRegistered("acme", alice, "sip:x")))
        .isEmpty();
  }

  private static LiveCall live(String callId, CallDirectory.AgentInfo... agents) {
    LiveCall c = new LiveCall(ACME, callId, CallKind.QUEUE, T0);
    for (CallDirectory.AgentInfo a : agents) {
      c.agents.add(a.agentId());
    }
    return c;
  }

  private static Leg leg(
      CallDirectory.AgentInfo agent, String callId, String state, String application) {
    AgentEndpoint endpoint = new AgentEndpoint("acme", agent.extension());
    return new Leg(
        agent,
        new ChannelListed(
            "acme",
            callId,
            callId + "." + agent.extension(),
            Optional.of(endpoint),
            state,
            agent.extension(),
            agent.displayName(),
            "+14155550123",
            "Jane Customer",
            "",
            application,
            Duration.ofSeconds(3)));
  }

  private static ChannelListed customer(String callId) {
    return new ChannelListed(
        "acme",
        callId,
        callId,
        Optional.empty(),
        "Up",
        "+14155550123",
        "Jane Customer",
        "",
        "",
        "",
        "Queue",
        Duration.ofSeconds(30));
  }

  private static CallDirectory.AgentInfo agent(long id, String extension) {
    return new CallDirectory.AgentInfo(
        ACME, "acme", id, extension, "Agent " + extension, extension);
  }
}
