package io.tandemcc.call;

import static io.tandemcc.call.CallEffect.PBX;
import static io.tandemcc.call.CallEffect.RESYNC;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.agent.CallKind;
import io.tandemcc.call.CallEffect.OutboundSeen;
import io.tandemcc.call.CallEffect.Publish;
import io.tandemcc.call.CallEffect.ToAgent;
import io.tandemcc.call.CallEffect.ToAgentInOrder;
import io.tandemcc.call.CallEffect.Write;
import io.tandemcc.call.CallRecords.Update;
import io.tandemcc.call.CallWrite.Attached;
import io.tandemcc.call.CallWrite.Held;
import io.tandemcc.call.CallWrite.PartyAnswered;
import io.tandemcc.call.CallWrite.PartyJoined;
import io.tandemcc.call.CallWrite.PartyLeft;
import io.tandemcc.call.CallWrite.Upsert;
import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.CallEndedBy;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.QueueRef;
import io.tandemcc.pbx.TransferKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The call tracker on its own: one input at a time, the calls and the effects it returns compared
 * exactly.
 */
@DisplayName("The call tracker")
class CallTrackerTest {
  private static final long TENANT = 1;
  private static final String ACME = "acme";
  private static final QueueRef SUPPORT = new QueueRef(ACME, "support");
  private static final CallDirectory.AgentInfo ALICE =
      new CallDirectory.AgentInfo(TENANT, ACME, 10, "1001", "Alice Agent", "1001");
  private static final CallDirectory.AgentInfo BOB =
      new CallDirectory.AgentInfo(TENANT, ACME, 20, "1002", "Bob Agent", "1002");
  private static final AgentEndpoint ALICE_EP = new AgentEndpoint(ACME, "1001");
  private static final AgentEndpoint BOB_EP = new AgentEndpoint(ACME, "1002");
  private static final CallSettings SETTINGS =
      new CallSettings(Map.of(1, "ticket"), List.of(), Map.of());
  private static final String CALL = "1795315375.0";
  private static final String ALICE_LEG = "1795315375.1";
  private static final String BOB_LEG = "1795315375.2";
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

  private final LiveCalls calls = new LiveCalls();

  private List<CallEffect> agentEvent(
      PbxEvent.TenantEvent e, CallDirectory.AgentInfo agent, Instant at) {
    return CallTracker.on(calls, new CallInput.OfAgent(e, agent, SETTINGS), at);
  }

  private List<CallEffect> tenantEvent(PbxEvent.TenantEvent e, Instant at) {
    return CallTracker.on(calls, new CallInput.OfTenant(e, TENANT), at);
  }

  private static Instant t(int seconds) {
    return T0.plusSeconds(seconds);
  }

  private static ToAgent told(CallDirectory.AgentInfo agent, AgentEvent event) {
    return new ToAgent(TENANT, agent.agentId(), event, PBX);
  }

  private static Write write(CallWrite w) {
    return new Write(w);
  }

  private static Write record(Instant startedAt, Update u) {
    return write(new Upsert(TENANT, CALL, startedAt, u));
  }

  private LiveCall call() {
    return calls.get(TENANT, CALL);
  }

  /** A queue call offered to and answered by Alice (trace 04's first half). */
  private void aliceAnswersQueueCall() {
    tenantEvent(
        new PbxEvent.QueueCallerJoined(ACME, SUPPORT, CALL, "+14155550123", "Jane Customer", 1),
        T0);
    agentEvent(
        new PbxEvent.QueueCallOffered(
            ACME,
            SUPPORT,
            CALL,
            ALICE_EP,
            ALICE_LEG,
            "+14155550123",
            "Jane Customer",
            Map.of(1, "T-4711")),
        ALICE,
        t(1));
    agentEvent(
        new PbxEvent.QueueCallAnswered(
            ACME, SUPPORT, CALL, ALICE_EP, ALICE_LEG, Duration.ofSeconds(3), Duration.ofSeconds(2)),
        ALICE,
        t(3));
  }

  @Test
  @DisplayName("QueueCallerJoined: the call is followed and its record created, no agent told")
  void callerJoined() {
    List<CallEffect> effects =
        tenantEvent(
            new PbxEvent.QueueCallerJoined(ACME, SUPPORT, CALL, "+14155550123", "Jane Customer", 1),
            T0);

    assertThat(effects)
        .containsExactly(
            record(T0, Update.queued(SUPPORT.pbxName(), "+14155550123", "Jane Customer")));
    assertThat(call().kind).isEqualTo(CallKind.QUEUE);
    assertThat(call().queue).isEqualTo(SUPPORT.pbxName());
    assertThat(call().agents).isEmpty();
  }

  @Test
  @DisplayName(
      "QueueCallOffered: the screen-pop first, then the agent rings, then record, leg and attached data")
  void queueCallOffered() {
    tenantEvent(
        new PbxEvent.QueueCallerJoined(ACME, SUPPORT, CALL, "+14155550123", "Jane Customer", 1),
        T0);

    List<CallEffect> effects =
        agentEvent(
            new PbxEvent.QueueCallOffered(
                ACME,
                SUPPORT,
                CALL,
                ALICE_EP,
                ALICE_LEG,
                "+14155550123",
                "Jane Customer",
                Map.of(1, "T-4711")),
            ALICE,
            t(1));

    assertThat(effects).hasSize(5);
    CallOffered offer = ((CallEffect.Offer) effects.get(0)).offer();
    assertThat(offer.agentId()).isEqualTo(ALICE.agentId());
    assertThat(offer.callId()).isEqualTo(CALL);
    assertThat(offer.attachedData()).containsExactly(new AttachedItem(1, "ticket", "T-4711"));
    assertThat(effects.subList(1, 5))
        .containsExactly(
            told(ALICE, new AgentEvent.CallRinging(CALL, CallKind.QUEUE)),
            record(
                T0,
                Update.offeredFromQueue(SUPPORT.pbxName(), "+14155550123", "Jane Customer", t(1))),
            write(
                new PartyJoined(TENANT, CALL, ALICE.agentId(), ALICE_LEG, PartyRole.PRIMARY, t(1))),
            write(new Attached(TENANT, CALL, Map.of(1, "T-4711"), "pbx")));
    assertThat(call().agents).containsExactly(ALICE.agentId());
    assertThat(call().legs)
        .containsEntry(ALICE.agentId(), new LiveCall.Leg(ALICE_LEG, PartyRole.PRIMARY));
  }

  @Test
  @DisplayName(
      "QueueCallAnswered: the agent owns the call; the record gets the answer and the queue's wait")
  void queueCallAnswered() {
    tenantEvent(
        new PbxEvent.QueueCallerJoined(ACME, SUPPORT, CALL, "+14155550123", "Jane Customer", 1),
        T0);
    agentEvent(
        new PbxEvent.QueueCallOffered(
            ACME, SUPPORT, CALL, ALICE_EP, ALICE_LEG, "+14155550123", "Jane Customer", Map.of()),
        ALICE,
        t(1));

    List<CallEffect> effects =
        agentEvent(
            new PbxEvent.QueueCallAnswered(
                ACME,
                SUPPORT,
                CALL,
                ALICE_EP,
                ALICE_LEG,
                Duration.ofSeconds(3),
                Duration.ofSeconds(2)),
            ALICE,
            t(3));

    assertThat(effects)
        .containsExactly(
            write(new PartyAnswered(TENANT, CALL, ALICE_LEG, t(3))),
            told(ALICE, new AgentEvent.CallAnswered(CALL)),
            record(T0, Update.answered(ALICE.agentId(), t(3), 3)));
    assertThat(call().answeredBy).isEqualTo(ALICE.agentId());
    assertThat(call().everAnswered).isTrue();
  }

  @Test
  @DisplayName(
      "QueueCallEnded: the owner's leg leaves, the record ends, the call is no longer followed")
  void queueCallEnded() {
    aliceAnswersQueueCall();

    List<CallEffect> effects =
        agentEvent(
            new PbxEvent.QueueCallEnded(
                ACME,
                SUPPORT,
                CALL,
                ALICE_EP,
                ALICE_LEG,
                Duration.ofSeconds(3),
                Duration.ofSeconds(60),
                CallEndedBy.AGENT),
            ALICE,
            t(63));

    assertThat(effects)
        .containsExactly(
            told(ALICE, new AgentEvent.CallEnded(CALL)),
            write(new PartyLeft(TENANT, CALL, ALICE_LEG, PartyEndReason.HANGUP, t(63))),
            record(T0, Update.ended(t(63))));
    assertThat(call()).isNull();
  }

  @Test
  @DisplayName(
      "QueueCallNotAnswered, then QueueCallAbandoned: the leg rang in vain, the customer gave up")
  void notAnsweredThenAbandoned() {
    tenantEvent(
        new PbxEvent.QueueCallerJoined(ACME, SUPPORT, CALL, "+14155550123", "Jane Customer", 1),
        T0);
    agentEvent(
        new PbxEvent.QueueCallOffered(
            ACME, SUPPORT, CALL, ALICE_EP, ALICE_LEG, "+14155550123", "Jane Customer", Map.of()),
        ALICE,
        t(1));

    List<CallEffect> rang =
        agentEvent(
            new PbxEvent.QueueCallNotAnswered(
                ACME, SUPPORT, CALL, ALICE_EP, ALICE_LEG, Duration.ofSeconds(15)),
            ALICE,
            t(16));
    assertThat(rang)
        .containsExactly(
            told(ALICE, new AgentEvent.CallNotAnswered(CALL)),
            write(new PartyLeft(TENANT, CALL, ALICE_LEG, PartyEndReason.NOT_ANSWERED, t(16))));
    assertThat(call().agents).isEmpty();

    List<CallEffect> gaveUp =
        tenantEvent(
            new PbxEvent.QueueCallAbandoned(ACME, SUPPORT, CALL, 1, 1, Duration.ofSeconds(20)),
            t(20));
    assertThat(gaveUp).containsExactly(record(T0, Update.abandoned(t(20), 20)));
    assertThat(call()).isNull();
  }

  @Test
  @DisplayName(
      "DirectCallOffered to a second agent while the first talks: a consultation, shown to the owner")
  void directCallConsultation() {
    aliceAnswersQueueCall();

    List<CallEffect> offered =
        agentEvent(
            new PbxEvent.DirectCallOffered(ACME, CALL, BOB_EP, BOB_LEG, "1001", "Alice Agent"),
            BOB,
            t(10));

    ConsultView ringing = new ConsultView(BOB.agentId(), "Bob Agent", null, ConsultView.RINGING);
    assertThat(offered.get(0))
        .isEqualTo(
            new Publish(
                CallAddresses.CONSULT_CHANGED,
                new CallConsultChanged(TENANT, ALICE.agentId(), CALL, ringing)));
    assertThat(offered.get(1)).isInstanceOf(CallEffect.Offer.class);
    assertThat(offered.subList(2, offered.size()))
        .containsExactly(
            told(BOB, new AgentEvent.CallRinging(CALL, CallKind.DIRECT)),
            record(T0, Update.directAlsoOffered(t(10))),
            write(new PartyJoined(TENANT, CALL, BOB.agentId(), BOB_LEG, PartyRole.CONSULT, t(10))));
    assertThat(call().consultTarget).isEqualTo(BOB.agentId());
    assertThat(call().callerName)
        .as("the customer's, not the consulting agent's")
        .isEqualTo("Jane Customer");

    List<CallEffect> answered =
        agentEvent(new PbxEvent.DirectCallAnswered(ACME, CALL, BOB_EP, BOB_LEG), BOB, t(12));
    assertThat(answered)
        .containsExactly(
            told(BOB, new AgentEvent.CallAnswered(CALL)),
            write(new PartyAnswered(TENANT, CALL, BOB_LEG, t(12))),
            new Publish(
                CallAddresses.CONSULT_CHANGED,
                new CallConsultChanged(TENANT, ALICE.agentId(), CALL, ringing.answered())));
    assertThat(call().answeredBy).as("the customer stays with Alice").isEqualTo(ALICE.agentId());

    List<CallEffect> hungUp =
        agentEvent(
            new PbxEvent.AgentChannelHungUp(ACME, CALL, BOB_EP, BOB_LEG, 16, "Normal Clearing"),
            BOB,
            t(20));
    assertThat(hungUp)
        .containsExactly(
            told(BOB, new AgentEvent.CallEnded(CALL)),
            new Publish(
                CallAddresses.CONSULT_CHANGED,
                new CallConsultChanged(TENANT, ALICE.agentId(), CALL, null)),
            write(new PartyLeft(TENANT, CALL, BOB_LEG, PartyEndReason.CONSULT_ENDED, t(20))));
    assertThat(call().consultTarget).isNull();
    assertThat(call().agents).containsExactly(ALICE.agentId());
  }

  @Test
  @DisplayName("DirectCallOffered and nobody answers: the hang-up ends the record as not answered")
  void directCallNotAnswered() {
    List<CallEffect> offered =
        agentEvent(
            new PbxEvent.DirectCallOffered(
                ACME, CALL, ALICE_EP, ALICE_LEG, "+14155550123", "Jane Customer"),
            ALICE,
            T0);
    assertThat(offered)
        .contains(
            record(T0, Update.directTo(ALICE.agentId(), "+14155550123", "Jane Customer", T0)),
            write(
                new PartyJoined(TENANT, CALL, ALICE.agentId(), ALICE_LEG, PartyRole.PRIMARY, T0)));

    List<CallEffect> ended =
        agentEvent(
            new PbxEvent.AgentChannelHungUp(ACME, CALL, ALICE_EP, ALICE_LEG, 16, "Normal Clearing"),
            ALICE,
            t(20));
    assertThat(ended)
        .containsExactly(
            told(ALICE, new AgentEvent.CallEnded(CALL)),
            write(new PartyLeft(TENANT, CALL, ALICE_LEG, PartyEndReason.HANGUP, t(20))),
            record(T0, Update.endedUnanswered(t(20), CallOutcome.NOT_ANSWERED)));
    assertThat(call()).isNull();
  }

  @Test
  @DisplayName(
      "OutboundCallStarted: the claim is seen, the agent dials; unanswered, the call failed")
  void outboundCallFailed() {
    List<CallEffect> started =
        agentEvent(
            new PbxEvent.OutboundCallStarted(ACME, CALL, ALICE_EP, CALL, "+4930123456"), ALICE, T0);
    assertThat(started.get(0)).isEqualTo(new OutboundSeen(TENANT, ALICE.agentId()));
    assertThat(started.get(1)).isInstanceOf(CallEffect.Offer.class);
    assertThat(started.subList(2, started.size()))
        .containsExactly(
            told(ALICE, new AgentEvent.CallDialing(CALL)),
            record(T0, Update.dialled(ALICE.agentId(), null, "+4930123456", T0)),
            write(new PartyJoined(TENANT, CALL, ALICE.agentId(), CALL, PartyRole.PRIMARY, T0)));
    assertThat(call().dialledBy).isEqualTo(ALICE.agentId());

    List<CallEffect> ended =
        agentEvent(
            new PbxEvent.AgentChannelHungUp(ACME, CALL, ALICE_EP, CALL, 17, "User busy"),
            ALICE,
            t(5));
    assertThat(ended).endsWith(record(T0, Update.endedUnanswered(t(5), CallOutcome.FAILED)));
    assertThat(call()).isNull();
  }

  @Test
  @DisplayName("OutboundCallAnswered: the dialling agent owns the call (no queue wait)")
  void outboundCallAnswered() {
    agentEvent(
        new PbxEvent.OutboundCallStarted(ACME, CALL, ALICE_EP, CALL, "+4930123456"), ALICE, T0);

    List<CallEffect> answered =
        agentEvent(new PbxEvent.OutboundCallAnswered(ACME, CALL, ALICE_EP, CALL), ALICE, t(4));

    assertThat(answered)
        .containsExactly(
            told(ALICE, new AgentEvent.CallAnswered(CALL)),
            write(new PartyAnswered(TENANT, CALL, CALL, t(4))),
            record(T0, Update.answered(ALICE.agentId(), t(4), null)));
  }

  @Test
  @DisplayName(
      "CallHeld, CallUnheld: the hold's start and end are written as one hold when it ends")
  void holdAndResume() {
    aliceAnswersQueueCall();

    assertThat(agentEvent(new PbxEvent.CallHeld(ACME, CALL, ALICE_EP, ALICE_LEG), ALICE, t(10)))
        .containsExactly(told(ALICE, new AgentEvent.CallHeld(CALL)));
    assertThat(call().heldSince).isEqualTo(t(10));

    assertThat(agentEvent(new PbxEvent.CallUnheld(ACME, CALL, ALICE_EP, ALICE_LEG), ALICE, t(25)))
        .containsExactly(
            told(ALICE, new AgentEvent.CallResumed(CALL)),
            write(new Held(TENANT, CALL, t(10), t(25))));
    assertThat(call().heldSince).isNull();
  }

  @Test
  @DisplayName(
      "CallTransferred blind: the owner leaves, the next agent offered takes the call over")
  void blindTransfer() {
    aliceAnswersQueueCall();

    List<CallEffect> transferred =
        agentEvent(
            new PbxEvent.CallTransferred(
                ACME, CALL, ALICE_EP, ALICE_LEG, TransferKind.BLIND, "1002"),
            ALICE,
            t(30));
    assertThat(transferred)
        .containsExactly(write(new CallWrite.Transferred(TENANT, CALL, ALICE_LEG)));
    assertThat(call().transferPending).isTrue();
    assertThat(call().answeredBy).isNull();

    List<CallEffect> offered =
        agentEvent(
            new PbxEvent.DirectCallOffered(ACME, CALL, BOB_EP, BOB_LEG, "1001", "Alice Agent"),
            BOB,
            t(31));
    assertThat(offered)
        .contains(
            write(
                new PartyJoined(TENANT, CALL, BOB.agentId(), BOB_LEG, PartyRole.TRANSFER, t(31))));
    assertThat(call().transferPending).isFalse();
  }

  @Test
  @DisplayName("CallTransferred attended: the consulted agent owns the call and the record")
  void attendedTransfer() {
    aliceAnswersQueueCall();
    agentEvent(
        new PbxEvent.DirectCallOffered(ACME, CALL, BOB_EP, BOB_LEG, "1001", "Alice Agent"),
        BOB,
        t(10));
    agentEvent(new PbxEvent.DirectCallAnswered(ACME, CALL, BOB_EP, BOB_LEG), BOB, t(12));

    List<CallEffect> transferred =
        agentEvent(
            new PbxEvent.CallTransferred(
                ACME, CALL, ALICE_EP, ALICE_LEG, TransferKind.ATTENDED, "1002"),
            ALICE,
            t(20));

    assertThat(transferred)
        .containsExactly(
            new Publish(
                CallAddresses.CONSULT_CHANGED,
                new CallConsultChanged(TENANT, ALICE.agentId(), CALL, null)),
            write(new CallWrite.Transferred(TENANT, CALL, ALICE_LEG)),
            record(T0, Update.ownedBy(BOB.agentId())));
    assertThat(call().answeredBy).isEqualTo(BOB.agentId());
    assertThat(call().agents).containsExactly(BOB.agentId());
  }

  @Test
  @DisplayName("RecordingStarted: the asked file is written, the agents hear of it once it is")
  void recording() {
    aliceAnswersQueueCall();
    CallTracker.on(
        calls,
        new CallInput.RecordingAsked(new RecordingRequest(TENANT, CALL, ALICE_LEG, "1/x.wav")),
        t(5));

    List<CallEffect> started =
        tenantEvent(new PbxEvent.RecordingStarted(ACME, CALL, ALICE_EP, ALICE_LEG), t(6));

    assertThat(started)
        .containsExactly(
            new Write(
                new CallWrite.Recording(TENANT, CALL, ALICE_LEG, true, t(6), "1/x.wav"),
                List.of(
                    new Publish(
                        CallAddresses.RECORDING_CHANGED,
                        new CallRecordingChanged(TENANT, ALICE.agentId(), CALL, true)))));
    assertThat(call().recording).isTrue();
    assertThat(call().recordingFiles).isEmpty();
  }

  @Test
  @DisplayName(
      "ConsultAsked for a number, then the PBX holds, dials, the number answers and hangs up")
  void consultNumber() {
    aliceAnswersQueueCall();
    List<CallEffect> asked =
        CallTracker.on(
            calls,
            new CallInput.ConsultAsked(
                new ConsultRequest(TENANT, ALICE.agentId(), CALL, "+4930999")),
            t(10));
    assertThat(asked).containsExactly(new OutboundSeen(TENANT, ALICE.agentId()));

    ConsultView ringing = new ConsultView(null, null, "+4930999", ConsultView.RINGING);
    assertThat(agentEvent(new PbxEvent.CallHeld(ACME, CALL, ALICE_EP, ALICE_LEG), ALICE, t(11)))
        .containsExactly(
            told(ALICE, new AgentEvent.CallHeld(CALL)),
            new Publish(
                CallAddresses.CONSULT_CHANGED,
                new CallConsultChanged(TENANT, ALICE.agentId(), CALL, ringing)));
    assertThat(
            tenantEvent(
                new PbxEvent.OutsideLegDialed(ACME, CALL, "PJSIP/trunk-7", "+4930999", true),
                t(14)))
        .containsExactly(
            new Publish(
                CallAddresses.CONSULT_CHANGED,
                new CallConsultChanged(TENANT, ALICE.agentId(), CALL, ringing.answered())));
    assertThat(tenantEvent(new PbxEvent.OutsideLegHungUp(ACME, CALL, "PJSIP/trunk-7"), t(30)))
        .containsExactly(
            new Publish(
                CallAddresses.CONSULT_CHANGED,
                new CallConsultChanged(TENANT, ALICE.agentId(), CALL, null)));
    assertThat(call().consult).isNull();
  }

  @Test
  @DisplayName(
      "Originated (click-to-dial): an outbound call with the CRM's name, data and direction")
  void originated() {
    List<CallEffect> effects =
        CallTracker.on(
            calls,
            new CallInput.Originated(
                new CallOriginated(
                    TENANT,
                    ACME,
                    "1001",
                    CALL,
                    ALICE_LEG,
                    "+4930123456",
                    "Zoë Müller",
                    Map.of(2, "Lead 7")),
                ALICE,
                SETTINGS),
            T0);

    assertThat(effects.get(0)).isEqualTo(new OutboundSeen(TENANT, ALICE.agentId()));
    assertThat(((CallEffect.Offer) effects.get(1)).offer().callerName()).isEqualTo("Zoë Müller");
    assertThat(effects.subList(2, effects.size()))
        .containsExactly(
            told(ALICE, new AgentEvent.CallDialing(CALL)),
            record(T0, Update.dialled(ALICE.agentId(), "Zoë Müller", "+4930123456", T0)),
            write(new PartyJoined(TENANT, CALL, ALICE.agentId(), ALICE_LEG, PartyRole.PRIMARY, T0)),
            write(new Attached(TENANT, CALL, Map.of(2, "Lead 7"), "api")),
            write(new CallWrite.ClickToDial(TENANT, CALL)));
  }

  @Test
  @DisplayName(
      "Resynced: a connected leg found at link-up is followed, offered, rung and answered in order")
  void resyncBringsALegIn() {
    PbxEvent.ChannelListed listed =
        new PbxEvent.ChannelListed(
            ACME,
            CALL,
            ALICE_LEG,
            Optional.of(ALICE_EP),
            "Up",
            "1001",
            "Alice",
            "+14155550123",
            "Jane Customer",
            "b1",
            "AppQueue",
            Duration.ofSeconds(40));
    CallResync.Leg leg = new CallResync.Leg(ALICE, listed);

    List<CallEffect> effects =
        CallTracker.on(
            calls, new CallInput.Resynced(new CallResync.Bring(leg, false), SETTINGS), t(100));

    Instant started = t(60);
    assertThat(effects.get(4)).isInstanceOf(CallEffect.Offer.class);
    assertThat(effects)
        .hasSize(6)
        .startsWith(
            record(
                started,
                Update.found(
                    CallKind.QUEUE, ALICE.agentId(), "+14155550123", "Jane Customer", started)),
            write(
                new PartyJoined(
                    TENANT, CALL, ALICE.agentId(), ALICE_LEG, PartyRole.PRIMARY, t(100))),
            write(new PartyAnswered(TENANT, CALL, ALICE_LEG, t(100))),
            record(started, Update.answered(ALICE.agentId(), t(100), null)));
    assertThat(effects.get(5))
        .isEqualTo(
            new ToAgentInOrder(
                TENANT,
                ALICE.agentId(),
                List.of(
                    new AgentEvent.CallRinging(CALL, CallKind.QUEUE),
                    new AgentEvent.CallAnswered(CALL)),
                RESYNC));
    assertThat(call().answeredBy).isEqualTo(ALICE.agentId());
  }

  @Test
  @DisplayName(
      "Resynced: a missed end tells the agent; a call no leg is listed of is forgotten and its record ended")
  void resyncEndsAndForgets() {
    aliceAnswersQueueCall();

    assertThat(
            CallTracker.on(
                calls,
                new CallInput.Resynced(new CallResync.End(TENANT, ALICE.agentId(), CALL), null),
                t(50)))
        .containsExactly(
            new ToAgent(TENANT, ALICE.agentId(), new AgentEvent.CallEnded(CALL), RESYNC));
    assertThat(
            CallTracker.on(
                calls, new CallInput.Resynced(new CallResync.Forget(TENANT, CALL), null), t(50)))
        .containsExactly(record(T0, Update.ended(t(50))));
    assertThat(call()).isNull();
  }

  @Test
  @DisplayName(
      "a reloaded page's new leg (reattach): the hold ends, the leg joins as primary and is answered")
  void rejoined() {
    aliceAnswersQueueCall();
    call().heldSince = t(10);

    assertThat(CallTracker.rejoined(calls, call(), ALICE.agentId(), "1795315999.9", t(20)))
        .containsExactly(
            write(new Held(TENANT, CALL, t(10), t(20))),
            write(
                new PartyJoined(
                    TENANT, CALL, ALICE.agentId(), "1795315999.9", PartyRole.PRIMARY, t(20))),
            write(new PartyAnswered(TENANT, CALL, "1795315999.9", t(20))));
  }
}
