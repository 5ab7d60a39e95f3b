package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.MemberStatus.FREE;
import static io.tandemcc.pbx.MemberStatus.UNAVAILABLE;
import static io.tandemcc.pbx.ami.TraceFixtures.ACME;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static io.tandemcc.pbx.ami.TraceFixtures.BOB;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPPORT;
import static io.tandemcc.pbx.ami.TraceFixtures.alice;
import static io.tandemcc.pbx.ami.TraceFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxEvent.EndpointRegistered;
import io.tandemcc.pbx.PbxEvent.EndpointUnregistered;
import io.tandemcc.pbx.PbxEvent.LinkUp;
import io.tandemcc.pbx.PbxEvent.QueueMemberAdded;
import io.tandemcc.pbx.PbxEvent.QueueMemberListed;
import io.tandemcc.pbx.PbxEvent.QueueMemberPauseChanged;
import io.tandemcc.pbx.PbxEvent.QueueMemberRemoved;
import io.tandemcc.pbx.QueueAddResult;
import io.tandemcc.pbx.QueueMemberState;
import io.tandemcc.pbx.QueueRemoveResult;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Agent check-in, pause, check-out and phone registration replayed from real Asterisk traces")
class AgentCheckInTraceTest extends AmiLinkTestSupport {

  private static QueueMemberState pausedAlice(String reason) {
    return new QueueMemberState(SUPPORT, ALICE, "Alice Agent", FREE, true, reason, false, 0);
  }

  @Test
  @DisplayName(
      "02: check-in paused, repeated check-in, pause/unpause per queue and everywhere, check-out twice")
  void checkInPauseCheckOut() throws Exception {
    linkUpOn(
        AmiScript.fromTrace(
            "02-agent-checkin-pause-checkout",
            "QueueAdd",
            "QueueStatus",
            "QueuePause",
            "QueueRemove"));
    PbxCommands pbx = link.commands();

    assertThat(await(pbx.queueAdd(SUPPORT, ALICE, "Alice Agent", true, "Login")))
        .isEqualTo(QueueAddResult.ADDED);
    assertThat(await(pbx.queueAdd(SUPPORT, ALICE, "Alice Agent", true, "Login")))
        .isEqualTo(QueueAddResult.ALREADY_MEMBER);
    assertThat(await(pbx.queueStatus(SUPPORT)))
        .containsExactly(new QueueMemberListed(ACME, pausedAlice("Login")));
    await(pbx.queuePause(SUPPORT, ALICE, false, null));
    await(pbx.queuePauseAll(ALICE, true, "Lunch"));
    assertThat(await(pbx.queueStatus(SUPPORT)))
        .containsExactly(new QueueMemberListed(ACME, pausedAlice("Lunch")));
    Throwable notMember = failureOf(pbx.queuePause(SUPPORT, BOB, true, "Break"));
    assertThat(await(pbx.queueRemove(SUPPORT, ALICE))).isEqualTo(QueueRemoveResult.REMOVED);
    assertThat(await(pbx.queueRemove(SUPPORT, ALICE))).isEqualTo(QueueRemoveResult.NOT_MEMBER);
    assertThat(await(pbx.queueStatus(SUPPORT))).isEmpty();
    drain();

    assertThat(notMember)
        .isInstanceOf(PbxCommandException.class)
        .hasMessageContaining("Interface not found");
    assertThat(((PbxCommandException) notMember).action()).isEqualTo("QueuePause");
    assertThat(((PbxCommandException) notMember).pbxMessage()).isEqualTo("Interface not found");

    assertThat(events.all())
        .containsExactly(
            new LinkUp("pbx-test"),
            new QueueMemberAdded(ACME, pausedAlice("Login")),
            new QueueMemberPauseChanged(ACME, SUPPORT, ALICE, false, ""),
            new QueueMemberPauseChanged(ACME, SUPPORT, ALICE, true, "Lunch"),
            new QueueMemberRemoved(ACME, SUPPORT, ALICE, "Alice Agent"));

    List<AmiFrame> adds = peer.received("QueueAdd");
    assertThat(adds).hasSize(2);
    AmiFrame add = adds.get(0);
    assertThat(add.get("Queue")).isEqualTo("acme-support");
    assertThat(add.get("Interface")).isEqualTo("PJSIP/acme-1001");
    assertThat(add.get("StateInterface")).isEqualTo("PJSIP/acme-1001");
    assertThat(add.get("MemberName")).isEqualTo("Alice Agent");
    assertThat(add.get("Paused")).isEqualToIgnoringCase("true");
    assertThat(add.get("Reason")).isEqualTo("Login");

    List<AmiFrame> pauses = peer.received("QueuePause");
    assertThat(pauses).hasSize(3);
    assertThat(pauses.get(0).get("Queue")).isEqualTo("acme-support");
    assertThat(pauses.get(0).get("Paused")).isEqualToIgnoringCase("false");
    assertThat(pauses.get(0).has("Reason")).isFalse();
    assertThat(pauses.get(1).has("Queue")).as("no Queue header pauses in all queues").isFalse();
    assertThat(pauses.get(1).get("Interface")).isEqualTo("PJSIP/acme-1001");
    assertThat(pauses.get(1).get("Paused")).isEqualToIgnoringCase("true");
    assertThat(pauses.get(1).get("Reason")).isEqualTo("Lunch");
    assertThat(pauses.get(2).get("Interface")).isEqualTo("PJSIP/acme-1002");
    assertThat(pauses.get(2).get("Reason")).isEqualTo("Break");

    assertThat(peer.received("QueueRemove"))
        .hasSize(2)
        .allSatisfy(
            remove -> {
              assertThat(remove.get("Queue")).isEqualTo("acme-support");
              assertThat(remove.get("Interface")).isEqualTo("PJSIP/acme-1001");
            });
    assertThat(peer.received("QueueStatus"))
        .hasSize(3)
        .allSatisfy(status -> assertThat(status.get("Queue")).isEqualTo("acme-support"));
    assertNoMalformedEvents();
  }

  @Test
  @DisplayName("03: a member's phone registers and unregisters; member status follows (5 → 1 → 5)")
  void phoneRegistersAndUnregisters() throws Exception {
    linkUpOn(
        AmiScript.fromTrace(
            "03-endpoint-register-unregister", "QueueAdd", "QueueStatus", "QueueRemove"));
    PbxCommands pbx = link.commands();

    await(pbx.queueAdd(SUPPORT, ALICE, "Alice Agent", false, null));
    List<QueueMemberListed> registered = await(pbx.queueStatus(SUPPORT));
    List<QueueMemberListed> unregistered = await(pbx.queueStatus(SUPPORT));
    await(pbx.queueRemove(SUPPORT, ALICE));
    drain();

    String contact = "sip:acme-1001@127.0.0.1:5071";
    assertThat(events.tenantEvents())
        .containsExactly(
            new QueueMemberAdded(ACME, alice(UNAVAILABLE, false, 0)),
            new EndpointRegistered(ACME, ALICE, contact),
            status(alice(FREE, false, 0)),
            new EndpointUnregistered(ACME, ALICE, contact),
            status(alice(UNAVAILABLE, false, 0)),
            new QueueMemberRemoved(ACME, SUPPORT, ALICE, "Alice Agent"));
    assertThat(registered).containsExactly(new QueueMemberListed(ACME, alice(FREE, false, 0)));
    assertThat(unregistered)
        .containsExactly(new QueueMemberListed(ACME, alice(UNAVAILABLE, false, 0)));
    assertThat(link.stats().unknown()).containsEntry("PeerStatus", 2L);
    assertNoMalformedEvents();
  }
}
