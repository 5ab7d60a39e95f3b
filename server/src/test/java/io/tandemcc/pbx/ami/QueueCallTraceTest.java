package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.MemberStatus.FREE;
import static io.tandemcc.pbx.MemberStatus.IN_USE;
import static io.tandemcc.pbx.MemberStatus.RINGING;
import static io.tandemcc.pbx.ami.TraceFixtures.ACME;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static io.tandemcc.pbx.ami.TraceFixtures.BOB;
import static io.tandemcc.pbx.ami.TraceFixtures.JANE;
import static io.tandemcc.pbx.ami.TraceFixtures.JANE_NUMBER;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPPORT;
import static io.tandemcc.pbx.ami.TraceFixtures.alice;
import static io.tandemcc.pbx.ami.TraceFixtures.attachedData;
import static io.tandemcc.pbx.ami.TraceFixtures.bob;
import static io.tandemcc.pbx.ami.TraceFixtures.status;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.CallEndedBy;
import io.tandemcc.pbx.PbxEvent.AgentChannelHungUp;
import io.tandemcc.pbx.PbxEvent.CallHeld;
import io.tandemcc.pbx.PbxEvent.CallUnheld;
import io.tandemcc.pbx.PbxEvent.LinkUp;
import io.tandemcc.pbx.PbxEvent.QueueCallAbandoned;
import io.tandemcc.pbx.PbxEvent.QueueCallAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallEnded;
import io.tandemcc.pbx.PbxEvent.QueueCallNotAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallOffered;
import io.tandemcc.pbx.PbxEvent.QueueCallerJoined;
import io.tandemcc.pbx.PbxEvent.QueueCallerLeft;
import io.tandemcc.pbx.PbxEvent.QueueMemberAdded;
import io.tandemcc.pbx.PbxEvent.QueueMemberListed;
import io.tandemcc.pbx.QueueAddResult;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Queue calls replayed from real Asterisk traces")
class QueueCallTraceTest extends AmiLinkTestSupport {

  private void checkInAliceOn(String trace) throws Exception {
    linkUpOn(AmiScript.fromTrace(trace, "QueueAdd"));
    assertThat(await(link.commands().queueAdd(SUPPORT, ALICE, "Alice Agent", false, null)))
        .isEqualTo(QueueAddResult.ADDED);
    drain();
  }

  @Test
  @DisplayName(
      "04: a queue call is offered with its attached data, answered, and ended by the agent")
  void queueCallAnsweredAndEndedByTheAgent() throws Exception {
    checkInAliceOn("04-queue-call-answered-agent-hangs-up");
    String call = "1795315375.0";
    String aliceLeg = "1795315375.1";

    assertThat(events.all())
        .containsExactly(
            new LinkUp("pbx-test"),
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            new QueueCallOffered(
                ACME, SUPPORT, call, ALICE, aliceLeg, JANE_NUMBER, JANE, attachedData(JANE_NUMBER)),
            status(alice(RINGING, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            new QueueCallAnswered(ACME, SUPPORT, call, ALICE, aliceLeg, ofSeconds(2), ofSeconds(2)),
            status(alice(IN_USE, true, 0)),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call,
                ALICE,
                aliceLeg,
                ofSeconds(2),
                ofSeconds(3),
                CallEndedBy.AGENT),
            new AgentChannelHungUp(ACME, call, ALICE, aliceLeg, 16, "Normal Clearing"),
            status(alice(FREE, false, 1)));

    QueueCallOffered offer = events.of(QueueCallOffered.class).get(0);
    assertThat(offer.attachedData()).containsKeys(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(List.copyOf(offer.attachedData().keySet())).isSorted();
    assertThat(offer.attachedData().get(3)).isEqualTo("Zoë Müller");
    assertThat(offer.attachedData().get(2)).isEqualTo("Billing question about invoice 2026-0042");
    assertThat(offer.attachedData().get(4)).isEmpty();
    assertThat(offer.attachedData().get(9))
        .isEqualTo("https://crm.example.com/tickets?id=4711&src=ivr");

    assertThat(events.deliveryThreads())
        .allMatch(name -> name.startsWith("vert.x-eventloop-thread-"));
    assertThat(events.deliveryThreads()).containsOnly(events.deliveryThreads().get(0));
    assertNoMalformedEvents();
    // the dialplan, device-state and bridge noise is not built at all (LinkConnection.UNREAD);
    // VarSet is read
    assertThat(link.stats().unknown())
        .doesNotContainKeys("NewExten", "DeviceStateChange", "BridgeEnter", "VarSet");
  }

  @Test
  @DisplayName(
      "05: a queue call the customer hangs up ends with the caller as the one who ended it")
  void queueCallEndedByTheCustomer() throws Exception {
    checkInAliceOn("05-queue-call-customer-hangs-up");
    String call = "1795315389.0";
    String aliceLeg = "1795315389.1";

    assertThat(events.tenantEvents())
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            new QueueCallOffered(
                ACME, SUPPORT, call, ALICE, aliceLeg, JANE_NUMBER, JANE, attachedData(JANE_NUMBER)),
            status(alice(RINGING, false, 0)),
            status(alice(IN_USE, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            new QueueCallAnswered(ACME, SUPPORT, call, ALICE, aliceLeg, ofSeconds(2), ofSeconds(2)),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call,
                ALICE,
                aliceLeg,
                ofSeconds(2),
                ofSeconds(4),
                CallEndedBy.CALLER),
            new AgentChannelHungUp(ACME, call, ALICE, aliceLeg, 16, "Normal Clearing"),
            status(alice(FREE, false, 1)));
    assertNoMalformedEvents();
  }

  @Test
  @DisplayName(
      "06: an offer that rings out is not answered, the retry rings, then the caller abandons")
  void ringNoAnswerThenAbandon() throws Exception {
    checkInAliceOn("06-queue-call-ring-no-answer-then-abandon");
    String call = "1795315403.0";
    String firstLeg = "1795315403.1";
    String retryLeg = "1795315420.2";

    assertThat(events.tenantEvents())
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            new QueueCallOffered(
                ACME, SUPPORT, call, ALICE, firstLeg, JANE_NUMBER, JANE, attachedData(JANE_NUMBER)),
            status(alice(RINGING, false, 0)),
            new QueueCallNotAnswered(ACME, SUPPORT, call, ALICE, firstLeg, ofMillis(15_000)),
            // "Cause-txt: Unknown": asterisk-java reads the word "Unknown" as no value
            new AgentChannelHungUp(ACME, call, ALICE, firstLeg, 0, ""),
            status(alice(FREE, false, 0)),
            new QueueCallOffered(
                ACME, SUPPORT, call, ALICE, retryLeg, JANE_NUMBER, JANE, attachedData(JANE_NUMBER)),
            status(alice(RINGING, false, 0)),
            new QueueCallAbandoned(ACME, SUPPORT, call, 1, 1, ofSeconds(21)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            new AgentChannelHungUp(ACME, call, ALICE, retryLeg, 0, ""),
            status(alice(FREE, false, 0)));
    assertNoMalformedEvents();
  }

  @Test
  @DisplayName("09: hold and unhold by the agent are reported between answer and end")
  void holdAndUnhold() throws Exception {
    checkInAliceOn("09-hold-unhold");
    String call = "1795315460.0";
    String aliceLeg = "1795315460.1";

    assertThat(events.tenantEvents())
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            new QueueCallOffered(
                ACME, SUPPORT, call, ALICE, aliceLeg, JANE_NUMBER, JANE, attachedData(JANE_NUMBER)),
            status(alice(RINGING, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call),
            new QueueCallAnswered(ACME, SUPPORT, call, ALICE, aliceLeg, ofSeconds(2), ofSeconds(2)),
            status(alice(IN_USE, true, 0)),
            new CallHeld(ACME, call, ALICE, aliceLeg),
            new CallUnheld(ACME, call, ALICE, aliceLeg),
            new AgentChannelHungUp(ACME, call, ALICE, aliceLeg, 16, "Normal Clearing"),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call,
                ALICE,
                aliceLeg,
                ofSeconds(2),
                ofSeconds(8),
                CallEndedBy.AGENT),
            status(alice(FREE, false, 1)));
    // music on hold is raised on the customer's channel; it is not even built
    // (LinkConnection.UNREAD)
    assertThat(link.stats().unknown()).doesNotContainKey("MusicOnHoldStart");
    assertNoMalformedEvents();
  }

  @Test
  @DisplayName(
      "17: two callers go to two agents in turn; QueueStatus lists both members while they ring")
  void twoCallersTwoAgents() throws Exception {
    linkUpOn(AmiScript.fromTrace("17-queue-call-two-agents-rrmemory", "QueueAdd", "QueueStatus"));
    await(link.commands().queueAdd(SUPPORT, ALICE, "Alice Agent", false, null));
    await(link.commands().queueAdd(SUPPORT, BOB, "Bob Agent", false, null));
    List<QueueMemberListed> members = await(link.commands().queueStatus(SUPPORT));
    drain();

    assertThat(members)
        .containsExactly(
            new QueueMemberListed(ACME, alice(RINGING, false, 0)),
            new QueueMemberListed(ACME, bob(RINGING, false, 0)));
    String call1 = "1795315659.0";
    String call2 = "1795315660.2";
    String zoe = "Zoë Müller";
    String zoeNumber = "+4915112345678";
    assertThat(events.tenantEvents())
        .containsExactly(
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueMemberAdded(ACME, bob(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call1, JANE_NUMBER, JANE, 1),
            new QueueCallOffered(
                ACME,
                SUPPORT,
                call1,
                ALICE,
                "1795315659.1",
                JANE_NUMBER,
                JANE,
                attachedData(JANE_NUMBER)),
            status(alice(RINGING, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call2, zoeNumber, zoe, 2),
            new QueueCallOffered(
                ACME, SUPPORT, call2, BOB, "1795315660.3", zoeNumber, zoe, attachedData(zoeNumber)),
            status(bob(RINGING, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call1),
            new QueueCallAnswered(
                ACME, SUPPORT, call1, ALICE, "1795315659.1", ofSeconds(2), ofSeconds(2)),
            status(alice(IN_USE, true, 0)),
            status(bob(IN_USE, false, 0)),
            new QueueCallerLeft(ACME, SUPPORT, call2),
            new QueueCallAnswered(
                ACME, SUPPORT, call2, BOB, "1795315660.3", ofSeconds(2), ofSeconds(2)),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call1,
                ALICE,
                "1795315659.1",
                ofSeconds(2),
                ofSeconds(5),
                CallEndedBy.AGENT),
            new AgentChannelHungUp(ACME, call1, ALICE, "1795315659.1", 16, "Normal Clearing"),
            status(alice(FREE, false, 1)),
            new QueueCallEnded(
                ACME,
                SUPPORT,
                call2,
                BOB,
                "1795315660.3",
                ofSeconds(2),
                ofSeconds(5),
                CallEndedBy.AGENT),
            new AgentChannelHungUp(ACME, call2, BOB, "1795315660.3", 16, "Normal Clearing"),
            status(bob(FREE, false, 1)));
    assertNoMalformedEvents();
  }
}
