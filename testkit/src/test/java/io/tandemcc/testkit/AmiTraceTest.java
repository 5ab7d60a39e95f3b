package io.tandemcc.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.testkit.AmiTrace.Frame;
import io.tandemcc.testkit.AmiTrace.Note;
import io.tandemcc.testkit.AmiTrace.Side;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AmiTraceTest {

  @Test
  @DisplayName("every trace of testdata/ami-traces reads: one frame per marker, the banner first")
  void everyTraceReads() throws Exception {
    List<String> names = TestData.amiTraceNames();
    assertThat(names)
        .hasSizeGreaterThanOrEqualTo(20)
        .contains("04-queue-call-answered-agent-hangs-up");
    for (String name : names) {
      AmiTrace trace = AmiTrace.read(name);
      long markers =
          Files.readAllLines(TestData.amiTrace(name), StandardCharsets.UTF_8).stream()
              .filter(l -> l.startsWith("<<< +") || l.startsWith(">>> +"))
              .count();
      assertThat(trace.frames()).as(name).hasSize((int) markers);
      assertThat(trace.asteriskFrames().get(0).isBanner())
          .as(name + " starts with the banner")
          .isTrue();
      assertThat(trace.frames()).as(name).allSatisfy(f -> assertThat(f.lines()).isNotEmpty());
      if (!name.equals("01b-login-failed")) { // Asterisk closed that session after the failed Login
        Frame lastAction =
            trace.frames().stream().filter(f -> f.from() == Side.CLIENT).reduce((a, b) -> b).get();
        assertThat(lastAction.action()).as(name + " ends with Logoff").isEqualTo("Logoff");
      }
    }
  }

  @Test
  @DisplayName(
      "the traces keep their bytes: LF only, trailing blanks of empty values intact (tests replay them)")
  void tracesKeepTheirBytes() throws Exception {
    for (String name : TestData.amiTraceNames()) {
      assertThat(Files.readString(TestData.amiTrace(name), StandardCharsets.UTF_8))
          .as(name)
          .doesNotContain("\r");
    }
    // Asterisk sends "AccountCode: " with a blank before the line end; a formatter that trims it
    // breaks replays
    assertThat(
            AmiTrace.read("04-queue-call-answered-agent-hangs-up").asteriskFrames().stream()
                .flatMap(f -> f.lines().stream()))
        .contains("AccountCode: ");
  }

  @Test
  @DisplayName(
      "recorder notes are entries of their own, header comments are dropped, headers match any case")
  void notesAndHeaders() {
    AmiTrace trace =
        AmiTrace.parse(
            "t",
            List.of(
                "# scenario: test",
                "",
                "<<< +0.001",
                "Asterisk Call Manager/11.0.0",
                "",
                ">>> +0.002",
                "Action: Ping",
                "ActionID: 1",
                "",
                "<<< +0.003",
                "Response: Success",
                "actionid: 1",
                "Ping: Pong",
                "",
                "# +0.500 connection closed by Asterisk (EOF)",
                ""));
    assertThat(trace.entries()).hasSize(4);
    assertThat(trace.entries().get(3))
        .isEqualTo(new Note(0.5, "connection closed by Asterisk (EOF)"));
    assertThat(trace.frames().get(0).isBanner()).isTrue();
    Frame ping = trace.frames().get(1);
    assertThat(ping.from()).isEqualTo(Side.CLIENT);
    assertThat(ping.at()).isEqualTo(0.002);
    assertThat(ping.action()).isEqualTo("Ping");
    assertThat(trace.frames().get(2).actionId()).isEqualTo("1");
  }
}
