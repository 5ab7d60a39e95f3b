package io.tandemcc.pbx.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recorded queue call the simulator plays: the events of trace 04 (testdata/ami-traces), kept
 * in {@code demo/queue-call.ami} on the class path (the simulator must not need the test-only
 * testkit), rewritten per call for a new caller, agent, queue and ids, with the pauses stretched to
 * a pace a person can follow.
 */
final class DemoQueueCall {
  static final String RESOURCE = "/demo/queue-call.ami";

  /** One event on the wire (CRLF, blank line at the end) and how long to wait before sending it. */
  record Step(Duration delay, String event, String wire) {}

  /** Ids and names of the recording that every call replaces. */
  private static final Pattern UNIQUE_ID = Pattern.compile("1795315375\\.([01])(?!\\d)");

  private static final Pattern EXTENSION = Pattern.compile("(?<!\\d)1001(?!\\d)");
  private static final String BRIDGE = "08c447cd-8eb0-42e4-af9d-5dcc7ed1effc";

  private record Recorded(double at, String text) {}

  private static final List<Recorded> RECORDED = load();

  private DemoQueueCall() {}

  /** A caller of the demo's made-up list. */
  record Caller(String number, String name) {}

  /**
   * The call's events for {@code member} of {@code queue}: number {@code seq} (for unique ids and
   * channel names), ids starting at {@code idBase} (a Unix time, as Asterisk's are), paused by
   * {@code pace}.
   */
  static List<Step> play(
      long idBase, int seq, String queue, DemoMember member, Caller caller, DemoPace pace) {
    String customerId = idBase + "." + (2 * seq);
    String agentId = idBase + "." + (2 * seq + 1);
    String bridge = UUID.randomUUID().toString();
    String endpoint = member.endpoint();
    String ext = endpoint.substring(endpoint.indexOf('-') + 1);
    List<Step> steps = new ArrayList<>();
    double previous = 0;
    int longPauses = 0;
    int newChannels = 0;
    for (Recorded r : RECORDED) {
      String text = r.text();
      String event = text.substring("Event: ".length(), text.indexOf('\n'));
      Duration delay = Duration.ofMillis(Math.round((r.at() - previous) * 1000));
      previous = r.at();
      if (event.equals("Newchannel") && ++newChannels == 2) {
        delay =
            pace.waitInQueue(); // the caller waits before the queue rings the agent: the tiles show
        // it
      } else if (delay.toMillis() > 1000) {
        delay = longPauses++ == 0 ? pace.ringing() : pace.talking();
      }
      Matcher ids = UNIQUE_ID.matcher(text);
      text = ids.replaceAll(m -> m.group(1).equals("0") ? customerId : agentId);
      text =
          text.replace("pstn-00000000", "pstn-" + hex(2 * seq))
              .replace("acme-1001-00000001", endpoint + "-" + hex(2 * seq + 1))
              .replace("PJSIP/acme-1001", member.iface())
              .replace("Alice Agent", member.name())
              .replace("acme-support", queue)
              .replace(BRIDGE, bridge)
              .replace("+14155550123", caller.number())
              .replace("Jane Customer", caller.name())
              .replace("CRM-4711", "CRM-" + (4711 + seq))
              .replace("LastCall: 1795315380", "LastCall: " + idBase);
      text = EXTENSION.matcher(text).replaceAll(Matcher.quoteReplacement(ext));
      steps.add(new Step(delay, event, text.replace("\n", "\r\n") + "\r\n"));
    }
    return steps;
  }

  /**
   * The index of the first step at which the call is being hung up (what a Hangup action skips to).
   */
  static int hangupStep(List<Step> steps) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).event().equals("HangupRequest")) {
        return i;
      }
    }
    return steps.size();
  }

  private static String hex(int n) {
    return String.format("%08x", n);
  }

  private static List<Recorded> load() {
    try (InputStream in = DemoQueueCall.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      List<Recorded> frames = new ArrayList<>();
      double at = 0;
      StringBuilder frame = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
        if (line.startsWith("#")) {
          continue;
        }
        if (line.startsWith("<<< +")) {
          at = Double.parseDouble(line.substring(5).trim());
        } else if (line.isEmpty()) {
          if (!frame.isEmpty()) {
            frames.add(new Recorded(at, frame.toString()));
            frame.setLength(0);
          }
        } else {
          frame.append(line).append('\n');
        }
      }
      return List.copyOf(frames);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
