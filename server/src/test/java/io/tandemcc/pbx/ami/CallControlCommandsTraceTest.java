package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.TraceFixtures.ACME;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static io.tandemcc.pbx.ami.TraceFixtures.BOB;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.ClickToDial;
import io.tandemcc.pbx.ConferenceDial;
import io.tandemcc.pbx.ConferenceEvent;
import io.tandemcc.pbx.ConferenceRoom;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.PbxEvent.CallTransferred;
import io.tandemcc.pbx.PbxEvent.CallUnheld;
import io.tandemcc.pbx.PbxEvent.DirectCallAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallAnswered;
import io.tandemcc.pbx.PbxEvent.QueueCallOffered;
import io.tandemcc.pbx.PbxEvent.RecordingStarted;
import io.tandemcc.pbx.PbxEvent.RecordingStopped;
import io.tandemcc.pbx.TransferKind;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The call-control commands send exactly the actions of the recorded traces, and the trace's events
 * follow.
 */
@DisplayName("Call-control commands replayed against real Asterisk traces")
class CallControlCommandsTraceTest extends AmiLinkTestSupport {

  private PbxCommands answeredQueueCall(String trace, AgentEndpoint[] members, String... awaited)
      throws Exception {
    String[] actions = new String[awaited.length + 1];
    actions[0] = "QueueAdd";
    System.arraycopy(awaited, 0, actions, 1, awaited.length);
    linkUpOn(AmiScript.fromTrace(trace, actions));
    for (AgentEndpoint agent : members) {
      await(
          link.commands()
              .queueAdd(SUPPORT, agent, agent == ALICE ? "Alice Agent" : "Bob Agent", false, null));
    }
    events.await(QueueCallAnswered.class, WAIT);
    return link.commands();
  }

  @Test
  @DisplayName(
      "10: BlindTransfer of Alice's leg to 1002 in acme-agents; Alice's transfer is reported")
  void blindTransfer() throws Exception {
    PbxCommands pbx =
        answeredQueueCall("10-blind-transfer", new AgentEndpoint[] {ALICE}, "BlindTransfer");

    await(pbx.blindTransfer(ALICE, "1795315478.1", "1002"));
    drain();

    AmiFrame sent = peer.received("BlindTransfer").get(0);
    assertThat(sent.get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
    assertThat(sent.get("Exten")).isEqualTo("1002");
    assertThat(sent.get("Context")).isEqualTo("acme-agents");
    assertThat(events.of(CallTransferred.class))
        .containsExactly(
            new CallTransferred(
                ACME, "1795315478.0", ALICE, "1795315478.1", TransferKind.BLIND, "1002"));
  }

  @Test
  @DisplayName("10b: the customer's leg is redirected into the queue's entry and is offered to Bob")
  void redirectToQueue() throws Exception {
    PbxCommands pbx =
        answeredQueueCall("10b-redirect-to-queue", new AgentEndpoint[] {ALICE, BOB}, "Redirect");

    await(pbx.redirectToQueue(SUPPORT, "1795315496.0"));
    drain();

    AmiFrame sent = peer.received("Redirect").get(0);
    assertThat(sent.get("Channel")).isEqualTo("PJSIP/pstn-00000000");
    assertThat(sent.get("Context"))
        .as("our dialplan's queue entry, not the lab's 7090")
        .isEqualTo("acme-queue-entry");
    assertThat(sent.get("Exten"))
        .as("the generated acme-queue-entry has one extension per PBX queue name")
        .isEqualTo("acme-support");
    assertThat(sent.get("Priority")).isEqualTo("1");
    // the place exists in the dialplan we ship (the generated example of tenant acme): a Redirect
    // to an extension
    // that is not there would lose the caller
    String shipped =
        java.nio.file.Files.readString(
            java.nio.file.Path.of("../asterisk-conf/tandem/extensions_tenants.conf"));
    String entry = shipped.substring(shipped.indexOf("[" + sent.get("Context") + "]"));
    assertThat(entry.substring(0, entry.indexOf("\n[")))
        .contains("exten => " + sent.get("Exten") + "," + sent.get("Priority") + ",");
    assertThat(events.of(QueueCallOffered.class))
        .extracting(QueueCallOffered::agent)
        .containsExactly(ALICE, BOB);
    assertThat(events.of(QueueCallOffered.class).get(1).attachedData())
        .as("the caller keeps its attached data")
        .isEqualTo(events.of(QueueCallOffered.class).get(0).attachedData());
  }

  @Test
  @DisplayName(
      "11: Atxfer of Alice's leg to 1002 consults Bob; hanging up completes it as an attended transfer")
  void attendedTransfer() throws Exception {
    PbxCommands pbx =
        answeredQueueCall("11-attended-transfer", new AgentEndpoint[] {ALICE}, "Atxfer");

    await(pbx.consult(ALICE, "1795315514.1", "1002"));
    drain();

    AmiFrame sent = peer.received("Atxfer").get(0);
    assertThat(sent.get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
    assertThat(sent.get("Exten")).isEqualTo("1002");
    assertThat(sent.get("Context")).isEqualTo("acme-agents");
    assertThat(events.of(CallTransferred.class))
        .containsExactly(
            new CallTransferred(
                ACME, "1795315514.0", ALICE, "1795315514.1", TransferKind.ATTENDED, "1002"));
  }

  @Test
  @DisplayName(
      "11b: CancelAtxfer while Bob is on the line hangs Bob up and gives Alice her customer back")
  void attendedTransferCancelled() throws Exception {
    PbxCommands pbx =
        answeredQueueCall(
            "11b-attended-transfer-cancelled",
            new AgentEndpoint[] {ALICE},
            "Atxfer",
            "CancelAtxfer");

    await(pbx.consult(ALICE, "1795315535.1", "1002"));
    events.await(DirectCallAnswered.class, WAIT);
    await(pbx.cancelConsultation("1795315535.1"));
    drain();

    assertThat(peer.received("CancelAtxfer").get(0).get("Channel"))
        .isEqualTo("PJSIP/acme-1001-00000001");
    assertThat(events.of(CallTransferred.class)).isEmpty();
    assertThat(events.of(CallUnheld.class)).hasSize(1);
  }

  @Test
  @DisplayName(
      "14: MixMonitor with option b starts recording; a second StopMixMonitor is refused with Asterisk's words")
  void recording() throws Exception {
    PbxCommands pbx =
        answeredQueueCall(
            "14-mixmonitor", new AgentEndpoint[] {ALICE}, "MixMonitor", "StopMixMonitor");

    await(pbx.startRecording("1795315616.1", "acme/rec-queue-call.wav"));
    await(pbx.stopRecording("1795315616.1"));
    Throwable again = failureOf(pbx.stopRecording("1795315616.1"));
    drain();

    AmiFrame sent = peer.received("MixMonitor").get(0);
    assertThat(sent.get("Channel")).isEqualTo("PJSIP/acme-1001-00000001");
    assertThat(sent.get("File")).isEqualTo("acme/rec-queue-call.wav");
    assertThat(sent.get("Options")).isEqualTo("b");
    assertThat(again)
        .isInstanceOf(PbxCommandException.class)
        .hasMessageContaining("Could not stop monitoring");
    assertThat(events.all())
        .filteredOn(e -> e instanceof RecordingStarted || e instanceof RecordingStopped)
        .hasSize(2);
  }

  @Test
  @DisplayName(
      "15: Originate rings the agent's phone first; OriginateResponse Success gives its leg, Failure fails")
  void originate() throws Exception {
    linkUpOn(AmiScript.fromTrace("15-originate-click-to-dial", "Originate"));
    PbxCommands pbx = link.commands();

    String leg =
        await(
            pbx.originate(
                new ClickToDial(
                    ALICE,
                    "90155501234",
                    "CRM: Jane Customer",
                    Map.of(1, "CRM-42"),
                    false,
                    Duration.ofSeconds(20))));
    Throwable offline =
        failureOf(
            pbx.originate(
                new ClickToDial(
                    new AgentEndpoint(ACME, "1003"),
                    "90155501234",
                    "",
                    Map.of(),
                    false,
                    Duration.ofSeconds(20))));

    AmiFrame sent = peer.received("Originate").get(0);
    assertThat(leg).isEqualTo("1795315638.0");
    assertThat(sent.get("Channel")).isEqualTo("PJSIP/acme-1001");
    assertThat(sent.get("Context")).isEqualTo("acme-agents");
    assertThat(sent.get("Exten")).isEqualTo("90155501234");
    assertThat(sent.get("Async")).isEqualTo("true");
    assertThat(sent.get("Timeout")).isEqualTo("20000");
    assertThat(sent.toWire()).contains("__CC_TENANT=acme").contains("__CC_VAR1=CRM-42");
    assertThat(offline)
        .isInstanceOf(PbxCommandException.class)
        .hasMessageContaining("did not answer");
    assertThat(peer.received("Originate").get(1).get("Channel")).isEqualTo("PJSIP/acme-1003");
  }

  @Test
  @DisplayName(
      "15: while click-to-dial rings the agent's phone, the queue actions sent after it are answered at once")
  void originateRingingHoldsNothing() throws Exception {
    // trace 15 up to its first Originate, answered only with Asterisk's immediate "queued"
    // Response: the phone
    // rings on, its OriginateResponse does not come; then a QueuePause, answered as in trace 02
    List<AmiScript.Step> steps = new ArrayList<>();
    for (AmiScript.Step step :
        AmiScript.fromTrace("15-originate-click-to-dial", "Originate").steps()) {
      if (step instanceof AmiScript.Expect e && "Originate".equalsIgnoreCase(e.action())) {
        steps.add(new AmiScript.Expect(e.request(), List.of(e.replies().get(0)), true));
        break;
      }
      steps.add(step);
    }
    steps.add(
        new AmiScript.Expect(
            AmiFrame.of("Action: QueuePause", "ActionID: x"),
            List.of(
                AmiFrame.of(
                    "Response: Success", "ActionID: x", "Message: Interface paused successfully")),
            true));
    linkUpOn(new AmiScript(steps));
    PbxCommands pbx = link.commands();

    // both from one context, as an HTTP event loop sends them (actions of one context run in order)
    CompletableFuture<Future<String>> ringing = new CompletableFuture<>();
    CompletableFuture<Future<Void>> paused = new CompletableFuture<>();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v -> {
              ringing.complete(
                  pbx.originate(
                      new ClickToDial(
                          ALICE, "90155501234", "", Map.of(), false, Duration.ofSeconds(60))));
              paused.complete(pbx.queuePause(SUPPORT, BOB, true, "break"));
            });
    await(
        paused.get(WAIT.toSeconds(), TimeUnit.SECONDS)); // within WAIT, far less than the ring time
    assertThat(peer.received("Originate")).hasSize(1);
    assertThat(ringing.get().isComplete()).as("alice's phone still rings").isFalse();
  }

  @Test
  @DisplayName(
      "12: a dual Redirect moves customer and agent into the call's room, an Originate rings Bob into it")
  void conference() throws Exception {
    PbxCommands pbx =
        answeredQueueCall("12-conference", new AgentEndpoint[] {ALICE}, "Redirect", "Originate");
    ConferenceRoom room = ConferenceRoom.forCall(ACME, "1795315557.0");

    await(pbx.redirectToConference(room, "1795315557.0", "1795315557.1"));
    String bobLeg =
        await(
            pbx.dialIntoConference(
                ConferenceDial.agent(
                    room, BOB, "1795315557.0", "Jane Customer", Duration.ofSeconds(20))));
    drain();

    AmiFrame redirect = peer.received("Redirect").get(0);
    assertThat(room.name()).isEqualTo("acme-room-17953155570");
    assertThat(redirect.get("Channel")).isEqualTo("PJSIP/pstn-00000000");
    assertThat(redirect.get("ExtraChannel")).isEqualTo("PJSIP/acme-1001-00000001");
    assertThat(redirect.get("Context")).isEqualTo("acme-conf");
    assertThat(redirect.get("ExtraContext")).isEqualTo("acme-conf");
    assertThat(redirect.get("Exten")).isEqualTo("17953155570");
    assertThat(redirect.get("ExtraExten")).isEqualTo("17953155570");
    assertThat(redirect.get("Priority")).isEqualTo("1");
    assertThat(redirect.get("ExtraPriority")).isEqualTo("1");
    AmiFrame originate = peer.received("Originate").get(0);
    assertThat(originate.get("Channel")).isEqualTo("PJSIP/acme-1002");
    assertThat(originate.get("Context")).isEqualTo("acme-conf");
    assertThat(originate.get("Exten")).isEqualTo("17953155570");
    assertThat(originate.get("Async")).isEqualTo("true");
    assertThat(originate.get("Timeout")).isEqualTo("20000");
    assertThat(originate.get("CallerID")).isEqualTo("\"Jane Customer\" <17953155570>");
    assertThat(originate.toWire())
        .contains("__CC_TENANT=acme")
        .contains("__CC_CALLID=1795315557.0");
    assertThat(bobLeg).as("OriginateResponse Success names Bob's leg").isEqualTo("1795315562.4");
    assertThat(events.of(ConferenceEvent.Joined.class)).hasSize(3);
    assertThat(events.of(ConferenceEvent.Ended.class)).hasSize(1);
    assertThat(await(pbx.conferenceRooms()))
        .as("ConfbridgeListRooms, answered as in the trace")
        .containsExactly("acme-room-8000");
  }

  @Test
  @DisplayName(
      "ConfbridgeListRooms with no room open: Asterisk's error 'No active conferences.' is an empty list")
  void noConferenceRooms() throws Exception {
    linkUpOn(
        Scripts.loggedIn(
            Scripts.answer("ConfbridgeListRooms", Scripts.error("No active conferences."))));
    assertThat(await(link.commands().conferenceRooms())).isEmpty();
    assertThat(failureOf(link.commands().conferenceRooms()))
        .as("any other error is a refusal")
        .isInstanceOf(PbxCommandException.class);
  }

  @Test
  @DisplayName(
      "a number is rung through a Local channel into the tenant's agents' dialplan; parties of another tenant are refused")
  void conferenceNumber() {
    ConferenceRoom room = ConferenceRoom.forCall(ACME, "1795315557.0");
    var action =
        ConferenceActions.originate(
            ConferenceDial.number(
                room, "+14155550199", "1795315557.0", "Jane", Duration.ofSeconds(30)));
    assertThat(action.getChannel()).isEqualTo("Local/+14155550199@acme-agents/n");
    assertThat(action.getContext()).isEqualTo("acme-conf");
    assertThat(action.getExten()).isEqualTo("17953155570");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                ConferenceDial.agent(
                    room,
                    new AgentEndpoint("globex", "1002"),
                    "1795315557.0",
                    "",
                    Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ConferenceDial.number(room, "9;Dial(x)", "c", "", Duration.ofSeconds(30)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ConferenceRoom.forCall(ACME, "1795315557.10").number()).isEqualTo("179531555710");
    assertThat(ConferenceRoom.forCall("globex", "1795315557.0").name())
        .isEqualTo("globex-room-17953155570");
  }
}
