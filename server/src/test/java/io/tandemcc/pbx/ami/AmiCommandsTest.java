package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.Scripts.answer;
import static io.tandemcc.pbx.ami.Scripts.error;
import static io.tandemcc.pbx.ami.Scripts.frame;
import static io.tandemcc.pbx.ami.Scripts.loggedIn;
import static io.tandemcc.pbx.ami.TraceFixtures.ACME;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static io.tandemcc.pbx.ami.TraceFixtures.JANE;
import static io.tandemcc.pbx.ami.TraceFixtures.JANE_NUMBER;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPPORT;
import static io.tandemcc.pbx.ami.TraceFixtures.alice;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.MemberStatus;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxEvent.ChannelListed;
import io.tandemcc.pbx.PbxEvent.QueueMemberListed;
import io.tandemcc.pbx.QueueMemberState;
import io.tandemcc.pbx.QueueRef;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "PBX commands go out as the right AMI actions and Asterisk's errors come back as failures")
class AmiCommandsTest extends AmiLinkTestSupport {
  private static final AgentEndpoint GLOBEX_AGENT = new AgentEndpoint("globex", "2001");

  @Test
  @DisplayName("every Response: Error fails the future with Asterisk's own message")
  void errorResponsesBecomeFailures() throws Exception {
    linkUpOn(
        loggedIn(
            answer("QueueAdd", error("Unable to add interface to queue: No such queue")),
            answer("QueueRemove", error("Unable to remove interface from queue: No such queue")),
            answer("QueuePause", error("Interface not found")),
            answer("QueueStatus", error("Permission denied")),
            answer("CoreShowChannels", error("Permission denied")),
            answer("Ping", error("Permission denied"))));
    PbxCommands pbx = link.commands();

    assertRefused(
        pbx.queueAdd(SUPPORT, ALICE, "Alice Agent", false, null),
        "QueueAdd",
        "Unable to add interface to queue: No such queue");
    assertRefused(
        pbx.queueRemove(SUPPORT, ALICE),
        "QueueRemove",
        "Unable to remove interface from queue: No such queue");
    assertRefused(pbx.queuePauseAll(ALICE, true, "Break"), "QueuePause", "Interface not found");
    assertRefused(pbx.queueStatusAll(), "QueueStatus", "Permission denied");
    assertRefused(pbx.coreShowChannels(), "CoreShowChannels", "Permission denied");
    assertRefused(pbx.ping(), "Ping", "Permission denied");
    assertThat(link.status().isUp()).as("refusals do not harm the link").isTrue();
  }

  @Test
  @DisplayName("mixing tenants is refused locally and nothing is sent")
  void tenantMismatchIsRefusedLocally() throws Exception {
    linkUpOn(loggedIn());
    PbxCommands pbx = link.commands();

    assertThat(failureOf(pbx.queueAdd(SUPPORT, GLOBEX_AGENT, "Mallory", false, null)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(failureOf(pbx.queueRemove(SUPPORT, GLOBEX_AGENT)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(failureOf(pbx.queuePause(SUPPORT, GLOBEX_AGENT, true, "x")))
        .isInstanceOf(IllegalArgumentException.class);
    await(pbx.ping());

    assertThat(peer.received())
        .extracting(AmiFrame::action)
        .doesNotContain("QueueAdd", "QueueRemove", "QueuePause");
  }

  @Test
  @DisplayName("an action Asterisk never answers fails after the action timeout")
  void unansweredActionTimesOut() throws Exception {
    startLink(
        ScriptedAmiPeer.start(loggedIn()),
        config -> config.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
    events.await(io.tandemcc.pbx.PbxEvent.LinkUp.class, WAIT);
    peer.muteCurrentSession();

    Throwable failure =
        failureOf(link.commands().queueAdd(SUPPORT, ALICE, "Alice Agent", false, null));

    assertThat(failure).isInstanceOf(PbxCommandException.class).hasMessageContaining("Timeout");
    assertThat(peer.received("QueueAdd")).hasSize(1);
  }

  @Test
  @DisplayName(
      "CoreShowChannels lists the legs of agent phones and of calls carrying CC_TENANT, nothing else")
  void coreShowChannelsListsTenantLegs() throws Exception {
    String bridge = "08c447cd-8eb0-42e4-af9d-5dcc7ed1effc";
    linkUpOn(
        loggedIn(
            answer(
                "CoreShowChannels",
                frame(
                    "Response: Success",
                    "ActionID: x",
                    "EventList: start",
                    "Message: Channels will follow"),
                frame(
                    "Event: CoreShowChannel",
                    "ActionID: x",
                    "Channel: PJSIP/acme-1001-00000001",
                    "ChannelState: 6",
                    "ChannelStateDesc: Up",
                    "CallerIDNum: 1001",
                    "CallerIDName: Alice Agent",
                    "ConnectedLineNum: +14155550123",
                    "ConnectedLineName: Jane Customer",
                    "Language: en",
                    "AccountCode: ",
                    "Context: acme-agents",
                    "Exten: 7000",
                    "Priority: 1",
                    "Uniqueid: 1795315375.1",
                    "Linkedid: 1795315375.0",
                    "ChanVariable: CC_VAR1=CRM-4711",
                    "ChanVariable: CC_TENANT=acme",
                    "ChanVariable: CC_CALLID=1795315375.0",
                    "BridgeId: " + bridge,
                    "Application: AppDial",
                    "ApplicationData: (Outgoing Line)",
                    "Duration: 00:00:03"),
                frame(
                    "Event: CoreShowChannel",
                    "ActionID: x",
                    "Channel: PJSIP/pstn-00000000",
                    "ChannelState: 6",
                    "ChannelStateDesc: Up",
                    "CallerIDNum: +14155550123",
                    "CallerIDName: Jane Customer",
                    "ConnectedLineNum: 1001",
                    "ConnectedLineName: Alice Agent",
                    "Language: en",
                    "AccountCode: ",
                    "Context: acme-inbound",
                    "Exten: 7000",
                    "Priority: 15",
                    "Uniqueid: 1795315375.0",
                    "Linkedid: 1795315375.0",
                    "ChanVariable: CC_VAR1=CRM-4711",
                    "ChanVariable: CC_TENANT=acme",
                    "ChanVariable: CC_CALLID=1795315375.0",
                    "BridgeId: " + bridge,
                    "Application: Queue",
                    "ApplicationData: acme-support,t",
                    "Duration: 00:01:05"),
                frame(
                    "Event: CoreShowChannel",
                    "ActionID: x",
                    "Channel: PJSIP/pstn-00000002",
                    "ChannelState: 4",
                    "ChannelStateDesc: Ring",
                    "CallerIDNum: +4930111",
                    "CallerIDName: <unknown>",
                    "Uniqueid: 1795315399.2",
                    "Linkedid: 1795315399.2",
                    "ChanVariable: CC_TENANT=",
                    "ChanVariable: CC_CALLID=",
                    "BridgeId: ",
                    "Application: Playback",
                    "ApplicationData: hello-world",
                    "Duration: 00:00:01"),
                frame(
                    "Event: CoreShowChannelsComplete",
                    "ActionID: x",
                    "EventList: Complete",
                    "ListItems: 3"))));

    List<ChannelListed> channels = await(link.commands().coreShowChannels());
    drain();

    assertThat(channels)
        .containsExactly(
            new ChannelListed(
                ACME,
                "1795315375.0",
                "1795315375.1",
                Optional.of(ALICE),
                "Up",
                "1001",
                "Alice Agent",
                JANE_NUMBER,
                JANE,
                bridge,
                "AppDial",
                Duration.ofSeconds(3)),
            new ChannelListed(
                ACME,
                "1795315375.0",
                "1795315375.0",
                Optional.empty(),
                "Up",
                JANE_NUMBER,
                JANE,
                "1001",
                "Alice Agent",
                bridge,
                "Queue",
                Duration.ofSeconds(65)));
    assertThat(link.stats().unattributed()).containsEntry("CoreShowChannel", 1L);
    assertThat(events.tenantEvents())
        .as("list items answer our action, they are not events")
        .isEmpty();
  }

  @Test
  @DisplayName(
      "QueueStatus for all queues lists every tenant's members and skips queues without a tenant")
  void queueStatusAllListsEveryTenant() throws Exception {
    linkUpOn(
        loggedIn(
            answer(
                "QueueStatus",
                frame(
                    "Response: Success",
                    "ActionID: x",
                    "EventList: start",
                    "Message: Queue status will follow"),
                frame(
                    "Event: QueueParams",
                    "Queue: acme-support",
                    "Max: 0",
                    "Strategy: rrmemory",
                    "Calls: 1",
                    "ActionID: x"),
                member("acme-support", "Alice Agent", "PJSIP/acme-1001", "6"),
                frame(
                    "Event: QueueEntry",
                    "Queue: acme-support",
                    "Position: 1",
                    "Channel: PJSIP/pstn-00000000",
                    "Uniqueid: 1795315659.0",
                    "CallerIDNum: +14155550123",
                    "CallerIDName: Jane Customer",
                    "Wait: 1",
                    "Priority: 0",
                    "ActionID: x"),
                member("globex-sales", "Grace", "PJSIP/globex-2001", "1"),
                member("sales", "Legacy", "PJSIP/1234", "1"),
                frame(
                    "Event: QueueStatusComplete",
                    "ActionID: x",
                    "EventList: Complete",
                    "ListItems: 5"))));

    List<QueueMemberListed> members = await(link.commands().queueStatusAll());

    QueueMemberState grace =
        new QueueMemberState(
            new QueueRef("globex", "sales"),
            GLOBEX_AGENT,
            "Grace",
            MemberStatus.FREE,
            false,
            "",
            false,
            0);
    assertThat(members)
        .containsExactly(
            new QueueMemberListed(ACME, alice(MemberStatus.RINGING, false, 0)),
            new QueueMemberListed("globex", grace));
    assertThat(peer.received("QueueStatus").get(0).has("Queue")).isFalse();
    assertThat(link.stats().unattributed()).containsEntry("QueueMember", 1L);
  }

  @Test
  @DisplayName(
      "Command runs a CLI command and completes with its output (traced core show version)")
  void commandReturnsTheOutput() throws Exception {
    linkUpOn(AmiScript.fromTrace("01-login-resync"));

    List<String> output = await(link.commands().command("core show version"));

    assertThat(output)
        .containsExactly(
            "Asterisk 22.10.1 built by root @ vm on a x86_64 running Linux on 2026-11-22 02:08:07 UTC");
    AmiFrame sent = peer.received("Command").get(0);
    assertThat(sent.get("Command")).isEqualTo("core show version");
  }

  @Test
  @DisplayName(
      "Command: several output lines, a failed command's own output, and refusals become failures")
  void commandOutputsAndFailures() throws Exception {
    linkUpOn(
        loggedIn(
            answer(
                "Command",
                frame(
                    "Response: Success",
                    "ActionID: x",
                    "Message: Command output follows",
                    "Output: Dialplan reloaded.",
                    "Output: 2 extensions in 1 context")),
            answer(
                "Command",
                frame(
                    "Response: Error",
                    "ActionID: x",
                    "Message: Command output follows",
                    "Output: Unable to reload res_pjsip.so: module not loaded")),
            answer("Command", error("Permission denied"))));
    PbxCommands pbx = link.commands();

    assertThat(await(pbx.command("dialplan reload")))
        .containsExactly("Dialplan reloaded.", "2 extensions in 1 context");
    assertRefused(
        pbx.command("module reload res_pjsip.so"),
        "Command",
        "Unable to reload res_pjsip.so: module not loaded");
    assertRefused(pbx.command("queue reload all"), "Command", "Permission denied");
    assertThat(failureOf(pbx.command("dialplan reload\r\nAction: Logoff")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(peer.received("Command")).hasSize(3);
    assertThat(link.status().isUp()).isTrue();
  }

  @Test
  @DisplayName("a command's future completes on the context of the caller")
  void completesOnTheCallersContext() throws Exception {
    linkUpOn(loggedIn());
    Context caller = vertx.getOrCreateContext();
    CompletableFuture<Context> completedOn = new CompletableFuture<>();

    caller.runOnContext(
        v -> link.commands().ping().onComplete(r -> completedOn.complete(Vertx.currentContext())));

    assertThat(completedOn.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isSameAs(caller);
  }

  private static AmiFrame member(String queue, String name, String location, String status) {
    return frame(
        "Event: QueueMember",
        "Queue: " + queue,
        "Name: " + name,
        "Location: " + location,
        "StateInterface: " + location,
        "Membership: dynamic",
        "Penalty: 0",
        "CallsTaken: 0",
        "LastCall: 0",
        "LastPause: 0",
        "LoginTime: 1795315658",
        "InCall: 0",
        "Status: " + status,
        "Paused: 0",
        "PausedReason: ",
        "Wrapuptime: 0",
        "ActionID: x");
  }

  private static void assertRefused(Future<?> future, String action, String message) {
    Throwable failure = failureOf(future);
    assertThat(failure).isInstanceOf(PbxCommandException.class);
    PbxCommandException refused = (PbxCommandException) failure;
    assertThat(refused.action()).isEqualTo(action);
    assertThat(refused.pbxMessage()).isEqualTo(message);
    assertThat(refused.pbx()).isEqualTo("pbx-test");
  }
}
