package io.tandemcc.bench;

import io.tandemcc.testkit.AmiTrace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The frames one queue call makes Asterisk send, from the recorded trace 04 of {@code
 * testdata/ami-traces} (read with the test kit's {@link AmiTrace}): every frame Asterisk sent from
 * the customer's Newchannel on, with its offset from that first frame, its identities replaced by
 * placeholders. {@code full} keeps every frame (VarSet, Newexten, DeviceStateChange… about 180 per
 * call); {@code configured} what an Asterisk set up with asterisk-conf/manager.conf sends (its
 * read= classes and eventfilters applied); {@code lean} keeps only the call's channel, queue, dial,
 * bridge and hangup events.
 */
final class CallTemplate {
  /** The events a lean call keeps. */
  private static final Set<String> LEAN =
      Set.of(
          "Newchannel",
          "QueueCallerJoin",
          "AgentCalled",
          "DialBegin",
          "QueueMemberStatus",
          "DialEnd",
          "QueueCallerLeave",
          "AgentConnect",
          "BridgeEnter",
          "HangupRequest",
          "AgentComplete",
          "BridgeLeave",
          "Hangup",
          "Cdr");

  /** One frame: its offset, its event name, its text split at the placeholders. */
  record Frame(long offsetMicros, String event, List<Object> parts) {
    /**
     * The frame's bytes on the wire (CRLF line ends, blank line at the end) with this call's
     * identities.
     */
    void render(StringBuilder out, Map<String, String> identities) {
      for (Object part : parts) {
        if (part instanceof String literal) {
          out.append(literal);
        } else {
          out.append(identities.get(((Placeholder) part).name()));
        }
      }
    }
  }

  record Placeholder(String name) {}

  private final List<Frame> frames;

  private CallTemplate(List<Frame> frames) {
    this.frames = List.copyOf(frames);
  }

  List<Frame> frames() {
    return frames;
  }

  /** The recorded call: Alice answers a queue call (rings ~2 s, talk ~3 s) and hangs up. */
  static final String TRACE = "04-queue-call-answered-agent-hangs-up";

  /** The recorded identities and their placeholders, most specific first (a plain "acme" last). */
  private static final List<String[]> IDENTITIES =
      List.of(
          new String[] {"PJSIP/acme-1001-00000001", "PJSIP/{ENDPOINT}-{AGENT_CHAN}"},
          new String[] {"PJSIP/pstn-00000000", "PJSIP/pstn-{CALLER_CHAN}"},
          new String[] {"1795315375.0", "{CALLER_UID}"},
          new String[] {"1795315375.1", "{AGENT_UID}"},
          new String[] {"08c447cd-8eb0-42e4-af9d-5dcc7ed1effc", "{BRIDGE}"},
          new String[] {"acme-1001", "{ENDPOINT}"},
          new String[] {"acme-support", "{QUEUE}"},
          new String[] {"Alice Agent", "{AGENT_NAME}"},
          new String[] {"CallerIDNum: 1001", "CallerIDNum: {EXT}"},
          new String[] {"ConnectedLineNum: 1001", "ConnectedLineNum: {EXT}"},
          new String[] {"acme", "{TENANT}"});

  static CallTemplate load(String shape) {
    List<Frame> frames = new ArrayList<>();
    for (Recorded call : recordedCall()) {
      String event = call.lines().get(0).substring("Event: ".length());
      if (shape.equals("full")
          || shape.equals("lean") && LEAN.contains(event)
          || shape.equals("configured") && !filteredByManagerConf(event, call.lines())) {
        frames.add(new Frame(call.offsetMicros(), event, compile(call.lines())));
      }
    }
    return new CallTemplate(frames);
  }

  /**
   * One event of the recorded call: its offset from the call's first event, its lines with
   * placeholders.
   */
  record Recorded(long offsetMicros, List<String> lines) {}

  /**
   * The events Asterisk sent in trace 04 from the customer's Newchannel on (answers to actions left
   * out).
   */
  static List<Recorded> recordedCall() {
    List<AmiTrace.Frame> sent = AmiTrace.read(TRACE).asteriskFrames();
    int first = 0;
    while (!"Newchannel".equals(sent.get(first).event())) {
      first++;
    }
    double start = sent.get(first).at();
    List<Recorded> call = new ArrayList<>();
    for (AmiTrace.Frame frame : sent.subList(first, sent.size())) {
      if (!frame.lines().get(0).startsWith("Event:")) {
        continue;
      }
      List<String> lines = new ArrayList<>();
      for (String line : frame.lines()) {
        for (String[] identity : IDENTITIES) {
          line = line.replace(identity[0], identity[1]);
        }
        lines.add(line);
      }
      // whole milliseconds, as the trace records them
      call.add(new Recorded(Math.round((frame.at() - start) * 1000) * 1000, lines));
    }
    return call;
  }

  /**
   * What asterisk-conf/manager.conf keeps from Asterisk: no reporting (RTCP) or cdr classes in its
   * read=, and its eventfilters drop Newexten, VarSet of anything but our CC_ variables, successful
   * authentications and the queue pseudo-devices' DeviceStateChange.
   */
  static boolean filteredByManagerConf(String event, List<String> lines) {
    return switch (event) {
      case "Newexten",
          "SuccessfulAuth",
          "ChallengeSent",
          "RTCPSent",
          "RTCPReceived",
          "Cdr",
          "CEL" ->
          true;
      case "VarSet" -> lines.stream().noneMatch(l -> l.matches("Variable: _{0,2}CC_.*"));
      case "DeviceStateChange" -> lines.stream().anyMatch(l -> l.startsWith("Device: Queue:"));
      default -> false;
    };
  }

  private static List<Object> compile(List<String> lines) {
    StringBuilder text = new StringBuilder();
    for (String l : lines) {
      text.append(l).append("\r\n");
    }
    text.append("\r\n");
    List<Object> parts = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("{", i);
      int close = open < 0 ? -1 : text.indexOf("}", open);
      if (open < 0 || close < 0 || !text.substring(open + 1, close).matches("[A-Z_]+")) {
        // no placeholder left (a literal '{' of a value is kept as it is)
        int next = open < 0 ? text.length() : open + 1;
        parts.add(text.substring(i, next));
        i = next;
        continue;
      }
      if (open > i) {
        parts.add(text.substring(i, open));
      }
      parts.add(new Placeholder(text.substring(open + 1, close)));
      i = close + 1;
    }
    return parts;
  }
}
