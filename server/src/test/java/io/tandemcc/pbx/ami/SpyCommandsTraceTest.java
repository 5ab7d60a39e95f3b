package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.Scripts.answer;
import static io.tandemcc.pbx.ami.Scripts.error;
import static io.tandemcc.pbx.ami.Scripts.frame;
import static io.tandemcc.pbx.ami.Scripts.loggedIn;
import static io.tandemcc.pbx.ami.TraceFixtures.ACME;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPERVISOR;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxEvent.AgentChannelHungUp;
import io.tandemcc.pbx.PbxEvent.QueueCallAnswered;
import io.tandemcc.pbx.SpyMode;
import io.tandemcc.pbx.SpyRequest;
import io.tandemcc.pbx.ami.AmiScript.Expect;
import io.tandemcc.pbx.ami.AmiScript.Send;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Silent monitor, whisper and barge-in against trace 13: the supervisor's phone acme-1901 is
 * originated into ChanSpy on Alice's leg, and a running spy leg is switched to another mode by DTMF
 * on the same call.
 */
@DisplayName(
    "Supervision over AMI: ChanSpy on the agent's leg, modes switched on the same call (trace 13)")
class SpyCommandsTraceTest extends AmiLinkTestSupport {
  private static final String ALICE_LEG = "1795315582.1";
  private static final String SPY_LEG = "1795315585.2";
  private static final Duration RING = Duration.ofSeconds(20);

  private static SpyRequest request(SpyMode mode) {
    return new SpyRequest(SUPERVISOR, ALICE, ALICE_LEG, mode, "Monitor Alice Agent", RING);
  }

  /** Trace 13 up to the end of the first spy leg, with a DTMF switch answered while it runs. */
  private void firstSpyLegOfTrace13() throws Exception {
    AmiScript script =
        AmiScript.fromTrace("13-chanspy-monitor-whisper-barge", "QueueAdd", "Originate")
            .insertBefore(
                AmiScript.event("HangupRequest")
                    .and(AmiScriptSteps.channel("PJSIP/acme-1901-00000002")),
                new Expect(
                    AmiFrame.of("Action: PlayDTMF", "ActionID: x"),
                    List.of(
                        AmiFrame.of(
                            "Response: Success",
                            "ActionID: x",
                            "Message: DTMF successfully queued")),
                    true))
            .cutAfter(
                AmiScript.event("Hangup").and(AmiScriptSteps.channel("PJSIP/acme-1901-00000002")),
                new AmiScript.End());
    linkUpOn(script);
    await(link.commands().queueAdd(SUPPORT, ALICE, "Alice Agent", false, null));
    events.await(QueueCallAnswered.class, WAIT);
  }

  @Test
  @DisplayName(
      "listen: the supervisor's phone is originated into ChanSpy on Alice's own leg, quietly, answering by itself")
  void listenThenWhisperOnTheSameCall() throws Exception {
    firstSpyLegOfTrace13();

    String spyLeg = await(link.commands().spy(request(SpyMode.LISTEN)));

    assertThat(spyLeg).isEqualTo(SPY_LEG);
    AmiFrame originate = peer.received("Originate").get(0);
    assertThat(originate.get("Channel")).isEqualTo("PJSIP/acme-1901");
    assertThat(originate.get("Application")).isEqualTo("ChanSpy");
    assertThat(originate.get("Data")).isEqualTo("PJSIP/acme-1001-00000001,qudES");
    assertThat(originate.get("CallerID")).isEqualTo("\"Monitor Alice Agent\" <1001>");
    assertThat(originate.get("Timeout")).isEqualTo("20000");
    assertThat(originate.get("Async")).isEqualToIgnoringCase("true");
    assertThat(originate.get("Variable"))
        .isEqualTo("PJSIP_HEADER(add,Call-Info)=<sip:127.0.0.1>;answer-after=0");

    await(link.commands().spyMode(spyLeg, SpyMode.WHISPER));

    AmiFrame dtmf = peer.received("PlayDTMF").get(0);
    assertThat(dtmf.get("Digit")).isEqualTo("5");
    assertThat(dtmf.get("Receive")).isEqualToIgnoringCase("true");
    assertThat(dtmf.get("Channel")).isIn("PJSIP/acme-1901-00000002", SPY_LEG);
    assertThat(peer.received("Originate")).as("no new call for a new mode").hasSize(1);
    drain();
    assertThat(events.of(AgentChannelHungUp.class))
        .as("the spy leg ends; Alice's call goes on")
        .containsExactly(new AgentChannelHungUp(ACME, SPY_LEG, SUPERVISOR, SPY_LEG, 0, ""));
  }

  @Test
  @DisplayName(
      "whisper and barge start with ChanSpy's w and B options; 4, 5 and 6 switch between the modes")
  void modesAndDigits() {
    assertThat(Spies.options(SpyMode.LISTEN)).isEqualTo("qudES");
    assertThat(Spies.options(SpyMode.WHISPER)).isEqualTo("qudESw");
    assertThat(Spies.options(SpyMode.BARGE)).isEqualTo("qudESB");
    assertThat(List.of(SpyMode.LISTEN.digit(), SpyMode.WHISPER.digit(), SpyMode.BARGE.digit()))
        .containsExactly('4', '5', '6');
    assertThat(Spies.originate(request(SpyMode.BARGE), "PJSIP/acme-1001-00000001").getData())
        .isEqualTo("PJSIP/acme-1001-00000001,qudESB");
  }

  @Test
  @DisplayName("a supervisor's phone that does not answer, or a refused Originate, fails the spy")
  void notAnsweredOrRefused() throws Exception {
    linkUpOn(
        loggedIn(
            answer(
                "Originate",
                frame("Response: Success", "ActionID: x", "Message: Originate successfully queued"),
                frame(
                    "Event: OriginateResponse",
                    "Privilege: call,all",
                    "ActionID: x",
                    "Response: Failure",
                    "Channel: PJSIP/acme-1901",
                    "Application: ChanSpy",
                    "Data: 1795315582.1,qudES",
                    "Reason: 0",
                    "Uniqueid: <unknown>",
                    "CallerIDNum: <unknown>",
                    "CallerIDName: <unknown>")),
            answer("Originate", error("Originate failed")),
            answer("PlayDTMF", error("Channel not found"))));

    Throwable noAnswer = failureOf(link.commands().spy(request(SpyMode.LISTEN)));
    assertThat(noAnswer).isInstanceOf(PbxCommandException.class);
    assertThat(((PbxCommandException) noAnswer).pbxMessage()).isEqualTo(Spies.NOT_ANSWERED);
    Throwable refused = failureOf(link.commands().spy(request(SpyMode.BARGE)));
    assertThat(((PbxCommandException) refused).pbxMessage()).isEqualTo("Originate failed");
    Throwable gone = failureOf(link.commands().spyMode("1795315585.2", SpyMode.BARGE));
    assertThat(((PbxCommandException) gone).pbxMessage()).isEqualTo("Channel not found");
    assertThat(link.status().isUp()).isTrue();
  }

  @Test
  @DisplayName("a supervisor can never spy on another tenant's agent")
  void tenantsDoNotMix() {
    assertThatThrownBy(
            () ->
                new SpyRequest(
                    new AgentEndpoint("globex", "1901"),
                    ALICE,
                    ALICE_LEG,
                    SpyMode.LISTEN,
                    "x",
                    RING))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Predicates on the steps of a script. */
  static final class AmiScriptSteps {
    private AmiScriptSteps() {}

    static java.util.function.Predicate<AmiScript.Step> channel(String channel) {
      return step -> step instanceof Send send && channel.equals(send.frame().get("Channel"));
    }
  }
}
