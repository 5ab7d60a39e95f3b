package io.tandemcc.pbx.ami;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.testkit.AmiTrace;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The frame router fed with what Asterisk 22 sent in a real trace (the {@code <<<} side of trace
 * 04).
 */
class AmiFramesTest {
  private final List<String> toAsteriskJava = new ArrayList<>();
  private final List<Map<String, Object>> events = new ArrayList<>();
  private final AmiFrames frames =
      new AmiFrames(
          new AmiFrames.Out() {
            @Override
            public void toAsteriskJava(String line) {
              toAsteriskJava.add(line);
            }

            @Override
            public void event(Map<String, Object> attributes) {
              events.add(attributes);
            }
          });

  @Test
  void readsOurEventsDropsTheNoiseAndPassesTheRestToAsteriskJavaUnchanged() throws IOException {
    List<List<String>> trace = asteriskSide("04-queue-call-answered-agent-hangs-up");
    trace.forEach(f -> f.forEach(frames::line));

    List<List<String>> expectedForAsteriskJava = new ArrayList<>();
    List<List<String>> expectedEvents = new ArrayList<>();
    for (List<String> f : trace) {
      String event = event(f);
      boolean answer = f.stream().anyMatch(l -> l.startsWith("ActionID:"));
      if (event == null || answer) {
        expectedForAsteriskJava.add(f);
      } else if (!(AmiFrames.UNREAD.contains(event.toLowerCase(Locale.ROOT))
          || event.equals("VarSet") && !variable(f).replaceFirst("^_+", "").startsWith("CC_"))) {
        expectedEvents.add(f);
      }
    }
    // the banner is one line without a blank line after it: it must come through at once, as the
    // first line
    assertThat(toAsteriskJava.get(0)).isEqualTo("Asterisk Call Manager/11.0.0");
    assertThat(toAsteriskJava)
        .containsExactlyElementsOf(expectedForAsteriskJava.stream().flatMap(List::stream).toList());
    assertThat(toAsteriskJava).contains("Response: Success").doesNotContain("Event: AgentCalled");
    assertThat(events).hasSameSizeAs(expectedEvents);
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).get("event")).isEqualTo(event(expectedEvents.get(i)));
    }
    assertThat(frames.dropped())
        .isEqualTo(trace.size() - expectedForAsteriskJava.size() - expectedEvents.size());

    // what the translator reads is all there: the queue events and every VarSet of ours (CC_TENANT,
    // CC_CALLID,
    // CC_VAR1..10, each on both legs); none of the others
    List<Object> names = events.stream().map(e -> e.get("event")).toList();
    assertThat(names)
        .contains(
            "QueueCallerJoin",
            "AgentCalled",
            "AgentConnect",
            "AgentComplete",
            "QueueCallerLeave",
            "Hangup",
            "Newchannel",
            "DialBegin",
            "DialEnd",
            "QueueMemberStatus");
    assertThat(names)
        .doesNotContain("Newexten", "DeviceStateChange", "Newstate", "BridgeEnter", "RTCPSent");
    List<Object> vars =
        events.stream()
            .filter(e -> "VarSet".equals(e.get("event")))
            .map(e -> e.get("variable"))
            .toList();
    long oursInTrace =
        trace.stream()
            .filter(f -> "VarSet".equals(event(f)))
            .filter(f -> variable(f).replaceFirst("^_+", "").startsWith("CC_"))
            .count();
    assertThat(vars)
        .hasSize((int) oursInTrace)
        .allMatch(v -> v.toString().replaceFirst("^_+", "").startsWith("CC_"));
    // most of a traced call is noise
    assertThat(frames.dropped()).isGreaterThan(trace.size() / 2);
  }

  @Test
  void dropsByTheAmiNamesOfTheEventClassesAsteriskJavaIsToldNotToBuild() {
    assertThat(AmiFrames.UNREAD)
        .containsExactlyInAnyOrder(
            "newexten",
            "devicestatechange",
            "newstate",
            "newconnectedline",
            "dialstate",
            "musiconholdstart",
            "musiconholdstop",
            "bridgecreate",
            "bridgeenter",
            "bridgeleave",
            "bridgedestroy",
            "hanguprequest",
            "softhanguprequest",
            "rtcpsent",
            "rtcpreceived",
            "cdr",
            "successfulauth");
  }

  @Test
  void readsAFrameAsAsteriskJavasReaderDoes() {
    List.of(
            "Event: AgentCalled",
            "Privilege: agent,all",
            "Queue: acme-support",
            "AccountCode: ",
            "CallerIDName: Jane: Customer",
            "ChanVariable: CC_VAR1=4711",
            "ChanVariable: CC_VAR2=",
            "ChanVariable: X=y",
            "not a field",
            ": no key",
            "")
        .forEach(frames::line);

    assertThat(events)
        .containsExactly(
            Map.of(
                "event",
                "AgentCalled",
                "privilege",
                "agent,all",
                "queue",
                "acme-support",
                "accountcode",
                "",
                "calleridname",
                "Jane: Customer",
                "chanvariable",
                List.of("CC_VAR1=4711", "CC_VAR2=", "X=y")));
    assertThat(toAsteriskJava).isEmpty();
  }

  @Test
  void aNoiseFrameThatAnswersOneOfOurActionsGoesToAsteriskJava() {
    List<String> varSet =
        List.of(
            "Event: VarSet",
            "Privilege: dialplan,all",
            "ActionID: 42",
            "Channel: PJSIP/acme-1001-1",
            "Variable: BRIDGEPEER",
            "Value: PJSIP/pstn-2",
            "Uniqueid: 1.1",
            "");
    List<String> newexten =
        List.of("Event: Newexten", "ActionID: 43", "Channel: PJSIP/acme-1001-1", "");
    varSet.forEach(frames::line);
    newexten.forEach(frames::line);

    assertThat(toAsteriskJava)
        .containsExactlyElementsOf(
            java.util.stream.Stream.concat(varSet.stream(), newexten.stream()).toList());
    assertThat(events).isEmpty();
    assertThat(frames.dropped()).isZero();
  }

  @Test
  void aFrameCutOffByTheEndOfTheConnectionIsHandedOnAsItCame() {
    List.of("Event: Newexten", "Channel: PJSIP/acme-1001-1").forEach(frames::line);

    assertThat(frames.unfinished())
        .containsExactly("Event: Newexten", "Channel: PJSIP/acme-1001-1");
    assertThat(frames.unfinished()).isEmpty();
    assertThat(events).isEmpty();
    assertThat(toAsteriskJava).isEmpty();
  }

  // ---- helpers

  /**
   * The frames Asterisk sent in a trace ({@code <<<} blocks), each with its closing blank line; the
   * banner alone.
   */
  static List<List<String>> asteriskSide(String trace) {
    List<List<String>> frames = new ArrayList<>();
    for (AmiTrace.Frame frame : AmiTrace.read(trace).asteriskFrames()) {
      List<String> lines = new ArrayList<>(frame.lines());
      if (!(frames.isEmpty() && frame.isBanner())) {
        lines.add("");
      }
      frames.add(lines);
    }
    return frames;
  }

  private static String event(List<String> frame) {
    return value(frame, "Event");
  }

  private static String variable(List<String> frame) {
    String v = value(frame, "Variable");
    return v == null ? "" : v;
  }

  private static String value(List<String> frame, String key) {
    for (String line : frame) {
      if (line.startsWith(key + ":")) {
        return line.substring(key.length() + 1).trim();
      }
    }
    return null;
  }
}
