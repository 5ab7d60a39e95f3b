package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.MemberStatus.FREE;
import static io.tandemcc.pbx.MemberStatus.IN_USE;
import static io.tandemcc.pbx.MemberStatus.RINGING;
import static io.tandemcc.pbx.ami.TraceFixtures.ACME;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static io.tandemcc.pbx.ami.TraceFixtures.BOB;
import static io.tandemcc.pbx.ami.TraceFixtures.JANE;
import static io.tandemcc.pbx.ami.TraceFixtures.JANE_NUMBER;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPERVISOR;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPPORT;
import static io.tandemcc.pbx.ami.TraceFixtures.alice;
import static io.tandemcc.pbx.ami.TraceFixtures.attachedData;
import static io.tandemcc.pbx.ami.TraceFixtures.bob;
import static io.tandemcc.pbx.ami.TraceFixtures.status;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.CallEndedBy;
import io.tandemcc.pbx.ConferenceEvent;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.PbxEvent.AgentChannelHungUp;
import io.tandemcc.pbx.PbxEvent.CallHeld;
import io.tandemcc.pbx.PbxEvent.CallTransferred;
import io.tandemcc.pbx.PbxEvent.CallUnheld;
import io.tandemcc.pbx.PbxEvent.DirectCallAnswered;
import io.tandemcc.pbx.PbxEvent.DirectCallOffered;
import io.tandemcc.pbx.PbxEvent.EndpointUnregistered;
import io.tandemcc.pbx.PbxEvent.OutboundCallAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallEnded;
import io.tandemcc.pbx.PbxEvent.QueueCallOffered;
import io.tandemcc.pbx.PbxEvent.QueueCallerJoined;
import io.tandemcc.pbx.PbxEvent.QueueCallerLeft;
import io.tandemcc.pbx.PbxEvent.QueueMemberAdded;
import io.tandemcc.pbx.PbxEvent.RecordingStarted;
import io.tandemcc.pbx.PbxEvent.RecordingStopped;
import io.tandemcc.pbx.TransferKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Transfers and recordings have events of their own; conference, supervision and click-to-dial are
 * read from the queue, endpoint and hold events. These tests pin down what each trace says, so
 * changes show up.
 */
@DisplayName(
    "Transfers, conference, spying, recording and originate replayed from real Asterisk traces")
class CallFeatureTraceTest extends AmiLinkTestSupport {

  private List<PbxEvent> replay(String trace, AgentEndpoint... checkIns) throws Exception {
    linkUpOn(AmiScript.fromTrace(trace, "QueueAdd"));
    for (AgentEndpoint agent : checkIns) {
      await(
          link.commands()
              .queueAdd(SUPPORT, agent, agent == ALICE ? "Alice Agent" : "Bob Agent", false, null));
    }
    drain();
    assertNoMalformedEvents();
    return events.tenantEvents();
  }

  private static QueueCallOffered offered(String call, AgentEndpoint agent, String leg) {
    return new QueueCallOffered(
        ACME, SUPPORT, call, agent, leg, JANE_NUMBER, JANE, attachedData(JANE_NUMBER));
  }

  private static QueueCallAnswered answered(String call, AgentEndpoint agent, String leg) {
    return new QueueCallAnswered(ACME, SUPPORT, call, agent, leg, ofSeconds(2), ofSeconds(2));
  }

  private static AgentChannelHungUp hungUp(String call, AgentEndpoint agent, String leg) {
    return new AgentChannelHungUp(ACME, call, agent, leg, 16, "Normal Clearing");
  }

  @Test
  @DisplayName("10: blind transfer ends Alice's queue call as a transfer and rings Bob directly")
  void blindTransfer() throws Exception {
    String call = "1795315478.0";
    String aliceLeg = "1795315478.1";
    String bobLeg = "1795315482.2";
    assertThat(replay("10-blind-transfer", ALICE))
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            offered(call, ALICE, aliceLeg),
            status(alice(RINGING, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            answered(call, ALICE, aliceLeg),
            status(alice(IN_USE, true, 0)),
            new CallUnheld(ACME, call, ALICE, aliceLeg),
            new CallTransferred(ACME, call, ALICE, aliceLeg, TransferKind.BLIND, "1002"),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call,
                ALICE,
                aliceLeg,
                ofSeconds(2),
                ofSeconds(2),
                CallEndedBy.TRANSFER),
            hungUp(call, ALICE, aliceLeg),
            status(alice(FREE, false, 1)),
            new DirectCallOffered(ACME, call, BOB, bobLeg, JANE_NUMBER, JANE),
            new DirectCallAnswered(ACME, call, BOB, bobLeg),
            hungUp(call, BOB, bobLeg));
  }

  @Test
  @DisplayName(
      "10b: a caller redirected back to the queue is offered to Bob; Alice's AgentComplete comes last")
  void redirectToQueue() throws Exception {
    String call = "1795315496.0";
    String aliceLeg = "1795315496.1";
    String bobLeg = "1795315500.2";
    assertThat(replay("10b-redirect-to-queue", ALICE, BOB))
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueMemberAdded(ACME, bob(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            offered(call, ALICE, aliceLeg),
            status(alice(RINGING, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            status(alice(IN_USE, false, 0)),
            answered(call, ALICE, aliceLeg),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            hungUp(call, ALICE, aliceLeg),
            status(alice(FREE, false, 1)),
            offered(call, BOB, bobLeg),
            status(bob(RINGING, false, 0)),
            status(bob(IN_USE, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            answered(call, BOB, bobLeg),
            new QueueCallEnded(
                ACME, SUPPORT, call, BOB, bobLeg, ofSeconds(2), ofSeconds(3), CallEndedBy.AGENT),
            hungUp(call, BOB, bobLeg),
            status(bob(FREE, false, 1)),
            // AgentComplete without any channel field: call and leg come from Alice's AgentConnect
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call,
                ALICE,
                aliceLeg,
                ofSeconds(2),
                ofSeconds(7),
                CallEndedBy.CALLER));
  }

  @Test
  @DisplayName(
      "11: attended transfer holds the customer, rings Bob via a Local channel, ends as a transfer")
  void attendedTransfer() throws Exception {
    String call = "1795315514.0";
    String aliceLeg = "1795315514.1";
    String bobLeg = "1795315518.4";
    assertThat(replay("11-attended-transfer", ALICE))
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            offered(call, ALICE, aliceLeg),
            status(alice(RINGING, false, 0)),
            status(alice(IN_USE, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            answered(call, ALICE, aliceLeg),
            new CallHeld(ACME, call, ALICE, aliceLeg),
            new DirectCallOffered(ACME, call, BOB, bobLeg, "1001", "Alice Agent"),
            new DirectCallAnswered(ACME, call, BOB, bobLeg),
            new CallTransferred(ACME, call, ALICE, aliceLeg, TransferKind.ATTENDED, "1002"),
            hungUp(call, ALICE, aliceLeg),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call,
                ALICE,
                aliceLeg,
                ofSeconds(2),
                ofSeconds(7),
                CallEndedBy.TRANSFER),
            status(alice(FREE, false, 1)),
            hungUp(call, BOB, bobLeg));
  }

  @Test
  @DisplayName("11b: a cancelled attended transfer hangs up Bob and takes the customer off hold")
  void attendedTransferCancelled() throws Exception {
    String call = "1795315535.0";
    String aliceLeg = "1795315535.1";
    String bobLeg = "1795315539.4";
    assertThat(replay("11b-attended-transfer-cancelled", ALICE))
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            offered(call, ALICE, aliceLeg),
            status(alice(RINGING, false, 0)),
            status(alice(IN_USE, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            answered(call, ALICE, aliceLeg),
            new CallHeld(ACME, call, ALICE, aliceLeg),
            new DirectCallOffered(ACME, call, BOB, bobLeg, "1001", "Alice Agent"),
            new DirectCallAnswered(ACME, call, BOB, bobLeg),
            new CallUnheld(ACME, call, ALICE, aliceLeg),
            hungUp(call, BOB, bobLeg),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call,
                ALICE,
                aliceLeg,
                ofSeconds(2),
                ofSeconds(12),
                CallEndedBy.AGENT),
            hungUp(call, ALICE, aliceLeg),
            status(alice(FREE, false, 1)));
  }

  @Test
  @DisplayName(
      "12: the room's start, joins, leaves and end; Bob's originated leg has a call id of its own")
  void conference() throws Exception {
    String call = "1795315557.0";
    String aliceLeg = "1795315557.1";
    String bobLeg = "1795315562.4";
    String room = "acme-room-8000";
    assertThat(replay("12-conference", ALICE))
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            offered(call, ALICE, aliceLeg),
            status(alice(RINGING, false, 0)),
            status(alice(IN_USE, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            answered(call, ALICE, aliceLeg),
            new ConferenceEvent.Started(ACME, room),
            new ConferenceEvent.Joined(
                ACME, room, call, call, "PJSIP/pstn-00000000", Optional.empty(), JANE_NUMBER, JANE),
            new ConferenceEvent.Joined(
                ACME,
                room,
                call,
                aliceLeg,
                "PJSIP/acme-1001-00000001",
                Optional.of(ALICE),
                "1001",
                "Alice Agent"),
            new ConferenceEvent.Joined(
                ACME,
                room,
                bobLeg,
                bobLeg,
                "PJSIP/acme-1002-00000002",
                Optional.of(BOB),
                "8000",
                "ACME Conference"),
            new ConferenceEvent.Left(ACME, room, bobLeg, bobLeg, Optional.of(BOB)),
            hungUp(bobLeg, BOB, bobLeg),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call,
                ALICE,
                aliceLeg,
                ofSeconds(2),
                ofSeconds(12),
                CallEndedBy.CALLER),
            new ConferenceEvent.Left(ACME, room, call, call, Optional.empty()),
            new ConferenceEvent.Left(ACME, room, call, aliceLeg, Optional.of(ALICE)),
            new ConferenceEvent.Ended(ACME, room),
            hungUp(call, ALICE, aliceLeg),
            status(alice(FREE, false, 1)));
  }

  @Test
  @DisplayName(
      "13: the supervisor's three spy legs (originated) end with cause 0; Alice's call is untouched")
  void chanSpy() throws Exception {
    String call = "1795315582.0";
    String aliceLeg = "1795315582.1";
    assertThat(replay("13-chanspy-monitor-whisper-barge", ALICE))
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            offered(call, ALICE, aliceLeg),
            status(alice(RINGING, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            answered(call, ALICE, aliceLeg),
            status(alice(IN_USE, true, 0)),
            new AgentChannelHungUp(ACME, "1795315585.2", SUPERVISOR, "1795315585.2", 0, ""),
            new AgentChannelHungUp(ACME, "1795315590.3", SUPERVISOR, "1795315590.3", 0, ""),
            new AgentChannelHungUp(ACME, "1795315595.4", SUPERVISOR, "1795315595.4", 0, ""),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call,
                ALICE,
                aliceLeg,
                ofSeconds(2),
                ofSeconds(24),
                CallEndedBy.AGENT),
            hungUp(call, ALICE, aliceLeg),
            status(alice(FREE, false, 1)));
  }

  @Test
  @DisplayName("14: MixMonitor start and stop on Alice's leg become recording events")
  void mixMonitor() throws Exception {
    String call = "1795315616.0";
    String aliceLeg = "1795315616.1";
    assertThat(replay("14-mixmonitor", ALICE))
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            offered(call, ALICE, aliceLeg),
            status(alice(RINGING, false, 0)),
            status(alice(IN_USE, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            answered(call, ALICE, aliceLeg),
            new RecordingStarted(ACME, call, ALICE, aliceLeg),
            new RecordingStopped(ACME, call, ALICE, aliceLeg),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call,
                ALICE,
                aliceLeg,
                ofSeconds(2),
                ofSeconds(12),
                CallEndedBy.AGENT),
            hungUp(call, ALICE, aliceLeg),
            status(alice(FREE, false, 1)));
    assertThat(link.stats().unknown()).doesNotContainKeys("MixMonitorStart", "MixMonitorStop");
  }

  @Test
  @DisplayName(
      "15: click-to-dial shows the agent's leg answering the customer; a phone unregisters meanwhile")
  void originateClickToDial() throws Exception {
    String aliceLeg = "1795315638.0";
    assertThat(replay("15-originate-click-to-dial"))
        .containsExactly(
            new OutboundCallAnswered(ACME, aliceLeg, ALICE, aliceLeg),
            hungUp(aliceLeg, ALICE, aliceLeg),
            new EndpointUnregistered(ACME, BOB, "sip:acme-1002@127.0.0.1:5072"));
  }
}
