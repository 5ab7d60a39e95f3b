package io.tandemcc.pbx.ami;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.asteriskjava.util.SocketConnectionFacade;
import org.junit.jupiter.api.Test;

/** The frame filter fed with what Asterisk 22 sent in a real trace (the {@code <<<} side of trace 04). */
class AmiFrameFilterTest {

  @Test
  void dropsOnlyTheNoiseOfARealQueueCallAndPassesTheRestUnchanged() throws IOException {
    List<List<String>> frames = asteriskSide("04-queue-call-answered-agent-hangs-up");
    Lines socket = new Lines();
    frames.forEach(socket::frame);
    AmiFrameFilter filter = new AmiFrameFilter(socket);

    List<List<String>> out = readFrames(filter);

    // the banner is one line without a blank line after it: it must come through at once, as the first line
    assertThat(out.get(0)).containsExactly("Asterisk Call Manager/11.0.0");
    List<List<String>> kept = new ArrayList<>();
    for (List<String> f : frames.subList(1, frames.size())) {
      String event = event(f);
      boolean noise = event != null && !f.toString().contains("ActionID")
          && (AmiFrameFilter.UNREAD.contains(event.toLowerCase(Locale.ROOT))
          || event.equals("VarSet") && !variable(f).replaceFirst("^_+", "").startsWith("CC_"));
      if (!noise) {
        kept.add(f);
      }
    }
    assertThat(out.subList(1, out.size())).containsExactlyElementsOf(kept);
    assertThat(filter.dropped()).isEqualTo(frames.size() - 1 - kept.size());

    // what the translator reads is all there: the queue events and every VarSet of ours (CC_TENANT, CC_CALLID,
    // CC_VAR1..10, each on both legs); none of the others
    List<String> events = out.stream().map(AmiFrameFilterTest::event).toList();
    assertThat(events).contains("QueueCallerJoin", "AgentCalled", "AgentConnect", "AgentComplete",
        "QueueCallerLeave", "Hangup", "Newchannel", "DialBegin", "DialEnd", "QueueMemberStatus");
    assertThat(events).doesNotContain("Newexten", "DeviceStateChange", "Newstate", "BridgeEnter", "RTCPSent");
    List<String> vars = out.stream().filter(f -> "VarSet".equals(event(f))).map(AmiFrameFilterTest::variable)
        .toList();
    assertThat(vars).isNotEmpty().allMatch(v -> v.startsWith("__CC_") || v.startsWith("CC_"));
    long oursInTrace = frames.stream().filter(f -> "VarSet".equals(event(f)))
        .filter(f -> variable(f).replaceFirst("^_+", "").startsWith("CC_")).count();
    assertThat(vars).hasSize((int) oursInTrace);
    // most of a traced call is noise
    assertThat(filter.dropped()).isGreaterThan(frames.size() / 2);
  }

  @Test
  void keepsANoiseFrameThatAnswersOneOfOurActions() throws IOException {
    Lines socket = new Lines();
    socket.frame(List.of("Event: VarSet", "Privilege: dialplan,all", "ActionID: 42", "Channel: PJSIP/acme-1001-1",
        "Variable: BRIDGEPEER", "Value: PJSIP/pstn-2", "Uniqueid: 1.1", ""));
    socket.frame(List.of("Event: Newexten", "ActionID: 43", "Channel: PJSIP/acme-1001-1", ""));
    AmiFrameFilter filter = new AmiFrameFilter(socket);

    assertThat(readFrames(filter)).hasSize(2);
    assertThat(filter.dropped()).isZero();
  }

  @Test
  void aReadTimeoutInsideAHeldFrameLosesNoLine() throws IOException {
    Lines socket = new Lines();
    socket.frame(List.of("Event: VarSet", "Channel: PJSIP/acme-1001-1"));
    socket.timeout();
    socket.frame(List.of("Variable: __CC_VAR1", "Value: 4711", "Uniqueid: 1.1", ""));
    socket.frame(List.of("Event: AgentCalled", "Queue: acme-support", ""));
    AmiFrameFilter filter = new AmiFrameFilter(socket);

    assertThatThrownBy(filter::readLine).isInstanceOf(SocketTimeoutException.class);
    List<List<String>> out = readFrames(filter);

    assertThat(out).containsExactly(
        List.of("Event: VarSet", "Channel: PJSIP/acme-1001-1", "Variable: __CC_VAR1", "Value: 4711", "Uniqueid: 1.1",
            ""),
        List.of("Event: AgentCalled", "Queue: acme-support", ""));
  }

  @Test
  void aConnectionThatEndsInsideAHeldFrameHandsItsLinesOn() throws IOException {
    Lines socket = new Lines();
    socket.frame(List.of("Event: Newexten", "Channel: PJSIP/acme-1001-1"));
    AmiFrameFilter filter = new AmiFrameFilter(socket);

    assertThat(filter.readLine()).isEqualTo("Event: Newexten");
    assertThat(filter.readLine()).isEqualTo("Channel: PJSIP/acme-1001-1");
    assertThat(filter.readLine()).isNull();
  }

  // ---- helpers

  /** The frames Asterisk sent in a trace ({@code <<<} blocks), each with its closing blank line; the banner alone. */
  static List<List<String>> asteriskSide(String trace) throws IOException {
    List<List<String>> frames = new ArrayList<>();
    List<String> current = null;
    for (String line : Files.readAllLines(TraceFiles.trace(trace))) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("<<<") || line.startsWith(">>>")) {
        current = line.startsWith("<<<") ? new ArrayList<>() : null;
        continue;
      }
      if (current == null) {
        continue;
      }
      if (line.isEmpty()) {
        if (!current.isEmpty()) {
          boolean banner = frames.isEmpty() && current.size() == 1 && current.get(0).startsWith("Asterisk Call");
          if (!banner) {
            current.add("");
          }
          frames.add(current);
          current = new ArrayList<>();
        }
        continue;
      }
      current.add(line);
    }
    return frames;
  }

  /** Reads frames (lines up to a blank one; the banner alone) until the end of the stream. */
  private static List<List<String>> readFrames(SocketConnectionFacade in) throws IOException {
    List<List<String>> out = new ArrayList<>();
    List<String> current = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      current.add(line);
      if (line.isEmpty() || line.startsWith("Asterisk Call Manager/")) {
        out.add(current);
        current = new ArrayList<>();
      }
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
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

  /** A socket that hands out prepared lines, optionally failing once with a read timeout. */
  private static final class Lines implements SocketConnectionFacade {
    private static final String TIMEOUT = "\u0000timeout";
    private final ArrayDeque<String> lines = new ArrayDeque<>();

    void frame(List<String> frameLines) {
      lines.addAll(frameLines);
    }

    void timeout() {
      lines.add(TIMEOUT);
    }

    @Override
    public String readLine() throws IOException {
      String line = lines.poll();
      if (TIMEOUT.equals(line)) {
        throw new SocketTimeoutException("read timed out");
      }
      return line;
    }

    @Override
    public void write(String s) {}

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public boolean isConnected() {
      return true;
    }

    @Override
    public InetAddress getLocalAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getLocalPort() {
      return 0;
    }

    @Override
    public InetAddress getRemoteAddress() {
      return InetAddress.getLoopbackAddress();
    }

    @Override
    public int getRemotePort() {
      return 0;
    }
  }
}
