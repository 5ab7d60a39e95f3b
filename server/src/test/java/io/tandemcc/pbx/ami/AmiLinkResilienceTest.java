package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.MemberStatus.FREE;
import static io.tandemcc.pbx.ami.Scripts.event;
import static io.tandemcc.pbx.ami.Scripts.loggedIn;
import static io.tandemcc.pbx.ami.Scripts.queueMemberAdded;
import static io.tandemcc.pbx.ami.TraceFixtures.ACME;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static io.tandemcc.pbx.ami.TraceFixtures.JANE;
import static io.tandemcc.pbx.ami.TraceFixtures.JANE_NUMBER;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPPORT;
import static io.tandemcc.pbx.ami.TraceFixtures.alice;
import static io.tandemcc.pbx.ami.TraceFixtures.attachedData;
import static io.tandemcc.pbx.ami.TraceFixtures.bob;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.common.OneEventLoop;
import io.tandemcc.pbx.MemberStatus;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxEvent.LinkDown;
import io.tandemcc.pbx.PbxEvent.LinkUp;
import io.tandemcc.pbx.PbxEvent.QueueCallOffered;
import io.tandemcc.pbx.PbxEvent.QueueCallerJoined;
import io.tandemcc.pbx.PbxEvent.QueueMemberAdded;
import io.tandemcc.pbx.PbxEvent.QueueMemberStatusChanged;
import io.tandemcc.pbx.PbxLinkStatus;
import io.tandemcc.pbx.QueueMemberState;
import io.tandemcc.pbx.ami.AmiScript.Close;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Raw;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The AMI link survives what a network and a misbehaving peer can do")
class AmiLinkResilienceTest extends AmiLinkTestSupport {

  @Test
  @DisplayName(
      "a peer that drops the connection mid-call and then accepts again gets a reconnect and link up")
  void reconnectsAfterADropMidStream() throws Exception {
    AmiScript dropAfterOffer =
        AmiScript.fromTrace("04-queue-call-answered-agent-hangs-up", "QueueAdd")
            .cutAfter(AmiScript.event("AgentCalled"), new Close());
    startLink(ScriptedAmiPeer.acceptingAfterScript(dropAfterOffer));
    events.await(LinkUp.class, WAIT);
    await(link.commands().queueAdd(SUPPORT, ALICE, "Alice Agent", false, null));

    events.awaitCount(LinkUp.class::isInstance, 2, WAIT);
    await(link.commands().ping());

    String call = "1795315375.0";
    assertThat(events.all())
        .containsExactly(
            new LinkUp("pbx-test"),
            new QueueMemberAdded(ACME, alice(FREE, false, 0)),
            new QueueCallerJoined(ACME, SUPPORT, call, JANE_NUMBER, JANE, 1),
            new QueueCallOffered(
                ACME,
                SUPPORT,
                call,
                ALICE,
                "1795315375.1",
                JANE_NUMBER,
                JANE,
                attachedData(JANE_NUMBER)),
            new LinkDown("pbx-test", "connection closed by Asterisk"),
            new LinkUp("pbx-test"));
    assertThat(peer.sessionsAccepted()).isEqualTo(2);
    assertThat(peer.received("Login")).hasSize(2);
    assertThat(link.status().state()).isEqualTo(PbxLinkStatus.State.UP);
  }

  @Test
  @DisplayName(
      "garbage lines, broken framing, huge frames and events with missing fields are survived and counted")
  void survivesGarbageHugeAndMalformedInput() throws Exception {
    String hugeValue = "x".repeat(2_000_000);
    StringBuilder manyHeaders =
        new StringBuilder("Event: Newexten\r\nChannel: PJSIP/pstn-00000000\r\n");
    for (int i = 0; i < 20_000; i++) {
      manyHeaders.append("AppData: line ").append(i).append("\r\n");
    }
    manyHeaders.append("\r\n");
    AmiScript script =
        loggedIn(
            new Raw("this is not a header line\r\n\u0000\u0001\u0002 ~~ \r\n::::\r\n\r\n"),
            new Raw(
                "Event: QueueMemberAdded\nQueue: acme-support\r\n\r\n"), // bare LF: one broken line
            event(
                "Event: QueueMemberAdded",
                "Privilege: agent,all",
                "MemberName: No Queue Nor Interface"),
            event(
                "Event: AgentCalled",
                "Privilege: agent,all",
                "Channel: PJSIP/pstn-00000009",
                "Uniqueid: 1.9",
                "Queue: acme-support",
                "Interface: PJSIP/acme-1001",
                "MemberName: Alice Agent"), // no DestUniqueid
            event(
                "Event: QueueMemberStatus",
                "Queue: acme-support",
                "Interface: PJSIP/acme-1001",
                "Status: not-a-number",
                "Paused: 0",
                "CallsTaken: lots"),
            event("Event: TotallyMadeUpEvent", "Foo: bar"),
            event("Event: MusicOnHoldStart", "Channel: PJSIP/pstn-00000000", "Class: default"),
            event(
                "Event: VarSet",
                "Channel: PJSIP/pstn-00000000",
                "Uniqueid: 1.0",
                "Variable: BIG",
                "Value: " + hugeValue),
            new Raw(manyHeaders.toString()),
            queueMemberAdded("sales", "PJSIP/acme-1001", "No Tenant Queue"),
            queueMemberAdded("acme-support", "PJSIP/globex-1002", "Other Tenant Agent"),
            queueMemberAdded("acme-support", "PJSIP/acme-1002", "Bob Agent"));
    linkUpOn(script);
    drain();

    assertThat(events.tenantEvents())
        .containsExactly(
            // unreadable numbers: asterisk-java leaves them unset, so the status is UNKNOWN and no
            // calls were taken
            new QueueMemberStatusChanged(
                ACME,
                new QueueMemberState(
                    SUPPORT, ALICE, "", MemberStatus.UNKNOWN, false, "", false, 0)),
            new QueueMemberAdded(ACME, bob(FREE, false, 0)));
    assertThat(link.stats().malformed())
        .containsEntry("AgentCalled", 1L)
        .containsEntry(
            "QueueMemberAdded", 2L); // missing Queue/Interface, and another tenant's agent
    // events nothing reads are not even built (AmiFrames.UNREAD), the huge one included
    assertThat(link.stats().unknown()).doesNotContainKeys("MusicOnHoldStart", "NewExten");
    assertThat(link.stats().unattributed()).containsEntry("QueueMemberAdded", 1L);
    assertThat(link.status().state()).isEqualTo(PbxLinkStatus.State.UP);
    assertThat(peer.sessionsAccepted()).isEqualTo(1);
    assertThat(await(link.commands().ping())).isPositive();
  }

  @Test
  @DisplayName(
      "a peer that stops answering fails the keep-alive Ping: link down, reconnect, link up")
  void keepAliveDetectsAHungPeer() throws Exception {
    startLink(
        ScriptedAmiPeer.acceptingAfterScript(loggedIn()),
        config ->
            config
                .withPingInterval(Duration.ofMillis(200))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)));
    events.await(LinkUp.class, WAIT);
    waitUntil(() -> peer.received("Ping").size() >= 2, "two keep-alive pings were answered");
    peer.muteCurrentSession();

    LinkDown down = events.await(LinkDown.class, WAIT);
    events.awaitCount(LinkUp.class::isInstance, 2, WAIT);

    assertThat(down.reason()).startsWith("keep-alive failed");
    assertThat(peer.sessionsAccepted()).isEqualTo(2);
    assertThat(link.status().state()).isEqualTo(PbxLinkStatus.State.UP);
  }

  @Test
  @DisplayName(
      "closing the link logs off and reports it stopped, without a link-down event; commands then fail")
  void closingLogsOff() throws Exception {
    linkUpOn(loggedIn());

    await(link.close());

    assertThat(peer.received("Logoff")).hasSize(1);
    assertThat(link.status().state()).isEqualTo(PbxLinkStatus.State.STOPPED);
    assertThat(events.of(LinkDown.class)).isEmpty();
    assertThat(failureOf(link.commands().ping()))
        .as("commands after stop fail, they do not throw")
        .isInstanceOf(PbxCommandException.class);
    link = null;
  }

  @Test
  @DisplayName(
      "a link hosted on another verticle's event loop delivers there; closing it logs off once, for good")
  void hostedLink() throws Exception {
    peer = ScriptedAmiPeer.start(loggedIn());
    AmiLink hosted = AmiLink.create(vertx, config(peer.port()), events);
    AtomicReference<Context> neighbourContext = new AtomicReference<>();
    VerticleBase neighbour =
        new VerticleBase() {
          @Override
          public Future<?> start() {
            neighbourContext.set(context);
            return Future.succeededFuture();
          }
        };
    String id =
        await(vertx.deployVerticle(new OneEventLoop(List.of(neighbour, hosted.verticle()))));
    link = hosted;
    events.await(LinkUp.class, WAIT);

    assertThat(hosted.context()).isSameAs(neighbourContext.get());
    await(hosted.close());
    assertThat(peer.received("Logoff")).hasSize(1);
    assertThat(hosted.status().state()).isEqualTo(PbxLinkStatus.State.STOPPED);

    await(vertx.undeploy(id)); // stops the hosted link again: nothing more is sent
    assertThat(peer.received("Logoff")).hasSize(1);
    assertThat(events.of(LinkDown.class)).isEmpty();
    link = null;
  }

  @Test
  @DisplayName(
      "events are read and delivered on the link's event loop, straight from the socket: no thread between")
  void eventsComeStraightFromTheSocket() throws Exception {
    AtomicReference<StackTraceElement[]> delivery = new AtomicReference<>();
    AtomicReference<Thread> deliveredOn = new AtomicReference<>();
    peer =
        ScriptedAmiPeer.start(
            loggedIn(queueMemberAdded("acme-support", "PJSIP/acme-1002", "Bob Agent")));
    link =
        await(
            AmiLink.deploy(
                vertx,
                config(peer.port()),
                event -> {
                  if (event instanceof QueueMemberAdded) {
                    delivery.set(new Throwable().getStackTrace());
                    deliveredOn.set(Thread.currentThread());
                  }
                  events.accept(event);
                }));
    events.await(QueueMemberAdded.class, WAIT);
    CompletableFuture<Thread> linkThread = new CompletableFuture<>();
    link.context().runOnContext(v -> linkThread.complete(Thread.currentThread()));

    assertThat(deliveredOn.get()).isSameAs(linkThread.get(5, TimeUnit.SECONDS));
    List<String> callers =
        Arrays.stream(delivery.get()).map(StackTraceElement::getClassName).toList();
    // delivered from inside the parsing of what the socket read (Vert.x's line parser, the AMI
    // socket) ...
    assertThat(callers)
        .contains("io.vertx.core.parsetools.impl.RecordParserImpl", AmiLoopSocket.class.getName());
    // ... and not handed over by asterisk-java's reader thread or its event pump
    assertThat(callers).noneMatch(name -> name.startsWith("org.asteriskjava.manager.internal"));
  }

  @Test
  @DisplayName(
      "a line longer than the limit ends the session, with that reason; the link reconnects")
  void anEndlessLineEndsTheSessionNotTheLink() throws Exception {
    String endless =
        "Event: VarSet\r\nVariable: CC_VAR1\r\nValue: "
            + "x".repeat(AmiLoopSocket.MAX_LINE + 1_000_000)
            + "\r\n\r\n"; // longer than the limit by more than a read: the parser holds more than
    // the limit at some point
    startLink(
        ScriptedAmiPeer.acceptingAfterScript(
            loggedIn(
                new Expect(
                    AmiFrame.of("Action: QueueAdd", "ActionID: x"),
                    List.of(
                        AmiFrame.of(
                            "Response: Success",
                            "ActionID: x",
                            "Message: Added interface to queue")),
                    true),
                new Raw(endless))));
    events.await(LinkUp.class, WAIT);
    await(
        link.commands()
            .queueAdd(SUPPORT, ALICE, "Alice Agent", false, null)); // then the endless line comes

    events.awaitCount(LinkUp.class::isInstance, 2, WAIT);

    assertThat(events.all())
        .containsExactly(
            new LinkUp("pbx-test"),
            new LinkDown(
                "pbx-test",
                "connection closed: a line longer than " + AmiLoopSocket.MAX_LINE + " bytes"),
            new LinkUp("pbx-test"));
    assertThat(await(link.commands().ping())).isPositive();
    assertThat(peer.sessionsAccepted()).isEqualTo(2);
  }
}
