package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.Scripts.loggedIn;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.PbxLinkStatus;
import io.tandemcc.pbx.ami.AmiScript.Raw;
import io.tandemcc.pbx.ami.AmiScript.Send;
import io.tandemcc.pbx.ami.AmiScript.Step;
import io.tandemcc.testkit.TestData;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's fuzz requirement for AMI input: the events of every recorded trace
 * (testdata/ami-traces), mutated — truncated lines, lines cut by a bare CR or LF, huge values,
 * missing fields, unknown event names, garbage bytes, NULs — are fed through the real frame reader
 * (AmiLoopSocket / AmiFrames) and the translator. No exception escapes onto the event loop, the
 * link stays up on the one session, answers a Ping behind all of it, and what it could not read is
 * counted (unknown / malformed / unattributed) and dropped.
 */
@DisplayName("AMI input fuzz: mutated trace events never break the link or escape as exceptions")
class AmiInputFuzzTest extends AmiLinkTestSupport {

  @Test
  @DisplayName("every trace's events, mutated, through the frame reader and the translator")
  void mutatedTraces() throws Exception {
    List<Throwable> escaped = new CopyOnWriteArrayList<>();
    vertx.exceptionHandler(escaped::add);
    Random random = new Random(4711);
    List<Step> steps = new ArrayList<>();
    int frames = 0;
    List<String> traces = TestData.amiTraceNames();
    for (String trace : traces) {
      for (Step step : AmiScript.fromTrace(trace).steps()) {
        if (step instanceof Send send && send.frame().event() != null) {
          steps.add(new Raw(mutate(send.frame(), random)));
          frames++;
        }
      }
    }
    assertThat(traces).hasSizeGreaterThan(15);
    linkUpOn(loggedIn(steps.toArray(Step[]::new)));
    drain();

    assertThat(escaped).as("exceptions that escaped onto the event loop").isEmpty();
    assertThat(link.status().state()).isEqualTo(PbxLinkStatus.State.UP);
    assertThat(peer.sessionsAccepted()).as("no reconnect was needed").isEqualTo(1);
    assertThat(await(link.commands().ping())).isPositive();
    long dropped =
        Stream.of(link.stats().unknown(), link.stats().malformed(), link.stats().unattributed())
            .flatMap(m -> m.values().stream())
            .mapToLong(Long::longValue)
            .sum();
    assertThat(dropped)
        .as("of " + frames + " mutated frames, those not understood are counted")
        .isPositive();
    assertThat(link.stats().unknown()).containsKey("FuzzedUnknownEvent");
  }

  /** One frame as wire text, with one of several mutations (or none, so real events still flow). */
  static String mutate(AmiFrame frame, Random random) {
    List<String> lines = new ArrayList<>(frame.lines());
    int at = 1 + random.nextInt(Math.max(1, lines.size() - 1));
    at = Math.min(at, lines.size() - 1);
    switch (random.nextInt(10)) {
      case 0 ->
          lines.set(at, lines.get(at).substring(0, random.nextInt(lines.get(at).length() + 1)));
      case 1 -> lines.set(at, lines.get(at) + "\rInjected: cr" + "\nInjected: lf");
      case 2 -> lines.set(at, lines.get(at) + "x".repeat(20_000 + random.nextInt(200_000)));
      case 3 -> lines.remove(at);
      case 4 -> lines.set(0, "Event: FuzzedUnknownEvent");
      case 5 -> {
        byte[] junk = new byte[1 + random.nextInt(64)];
        random.nextBytes(junk);
        lines.add(at, new String(junk, java.nio.charset.StandardCharsets.ISO_8859_1));
      }
      case 6 -> lines.set(at, lines.get(at).replace(": ", ":\u0000 "));
      case 7 -> lines.add(at, lines.get(at)); // a repeated header
      case 8 -> lines.subList(1, lines.size()).clear(); // only the event name
      default -> {} // as recorded
    }
    return String.join("\r\n", lines) + "\r\n\r\n";
  }
}
