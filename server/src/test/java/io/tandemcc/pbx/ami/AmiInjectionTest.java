package io.tandemcc.pbx.ami;

import static io.tandemcc.pbx.ami.Scripts.loggedIn;
import static io.tandemcc.pbx.ami.TraceFixtures.ALICE;
import static io.tandemcc.pbx.ami.TraceFixtures.SUPPORT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.pbx.AgentEndpoint;
import io.tandemcc.pbx.ClickToDial;
import io.tandemcc.pbx.ConferenceDial;
import io.tandemcc.pbx.ConferenceRoom;
import io.tandemcc.pbx.PbxCommandException;
import io.tandemcc.pbx.PbxCommands;
import io.tandemcc.pbx.SpyMode;
import io.tandemcc.pbx.SpyRequest;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13, item 3: asterisk-java writes {@code key: value\r\n} without escaping, so a CR, LF or
 * NUL in any text that reaches an action ends it and starts another ({@code Action: Command} ran
 * {@code database put} on the PBX). Every action type the product sends is tried with the break in
 * each of its text inputs; the scripted peer must receive none of them, and each call must fail at
 * once with a clear refusal.
 */
@DisplayName(
    "AMI injection: no action field with CR, LF, NUL or another control character is ever sent")
class AmiInjectionTest extends AmiLinkTestSupport {
  private static final String MARK = "INJECTED";
  private static final AgentEndpoint SAM = new AgentEndpoint("acme", "1901");
  private static final ConferenceRoom ROOM = new ConferenceRoom("acme", "17953155570");
  private static final Duration RING = Duration.ofSeconds(2);

  /** The break, then a whole second action: what the attacker wants Asterisk to run. */
  private static String attack(String linebreak) {
    return "x"
        + linebreak
        + "Action: Command"
        + linebreak
        + "Command: database put "
        + MARK
        + " k v"
        + linebreak;
  }

  @ParameterizedTest(name = "break = {0}")
  @ValueSource(strings = {"CRLF", "LF", "CR", "NUL", "TAB", "ESC"})
  @DisplayName(
      "every action type, with the break in each of its text inputs, is refused before it is written")
  void everyFieldOfEveryActionIsGuarded(String kind) throws Exception {
    String bad =
        attack(
            switch (kind) {
              case "CRLF" -> "\r\n";
              case "LF" -> "\n";
              case "CR" -> "\r";
              case "NUL" -> "\0";
              case "TAB" -> "\t";
              default -> "\u001b";
            });
    linkUpOn(loggedIn());
    PbxCommands pbx = link.commands();
    Map<String, Function<PbxCommands, Future<?>>> attempts = new LinkedHashMap<>();
    attempts.put("QueueAdd memberName", p -> p.queueAdd(SUPPORT, ALICE, bad, false, null));
    attempts.put("QueueAdd pauseReason", p -> p.queueAdd(SUPPORT, ALICE, "Alice", true, bad));
    attempts.put("QueuePause reason", p -> p.queuePause(SUPPORT, ALICE, true, bad));
    attempts.put("QueuePause (all) reason", p -> p.queuePauseAll(ALICE, true, bad));
    attempts.put("Command cli", p -> p.command("core show version" + bad));
    attempts.put("BlindTransfer channel", p -> p.blindTransfer(ALICE, bad, "1002"));
    attempts.put("BlindTransfer exten", p -> p.blindTransfer(ALICE, "1795315375.1", bad));
    attempts.put("Redirect (queue) channel", p -> p.redirectToQueue(SUPPORT, bad));
    attempts.put("Atxfer channel", p -> p.consult(ALICE, bad, "1002"));
    attempts.put("Atxfer exten", p -> p.consult(ALICE, "1795315375.1", bad));
    attempts.put("CancelAtxfer channel", p -> p.cancelConsultation(bad));
    attempts.put("Redirect (conference) channel", p -> p.redirectToConference(ROOM, bad, null));
    attempts.put(
        "Redirect (conference) extra channel",
        p -> p.redirectToConference(ROOM, "1795315375.1", bad));
    attempts.put(
        "Originate (conference) caller name",
        p -> p.dialIntoConference(ConferenceDial.agent(ROOM, ALICE, "1795315375.0", bad, RING)));
    attempts.put(
        "Originate (conference) call id",
        p -> p.dialIntoConference(ConferenceDial.number(ROOM, "1002", bad, "Jane", RING)));
    attempts.put("Hangup channel", p -> p.hangup(bad));
    attempts.put("MixMonitor channel", p -> p.startRecording(bad, "acme/1795315375.0.wav"));
    attempts.put("MixMonitor file", p -> p.startRecording("1795315375.1", "acme/" + bad + ".wav"));
    attempts.put("StopMixMonitor channel", p -> p.stopRecording(bad));
    attempts.put(
        "Originate (click-to-dial) caller name",
        p -> p.originate(new ClickToDial(ALICE, "90155501234", bad, Map.of(), true, RING)));
    attempts.put(
        "Originate (click-to-dial) number",
        p -> p.originate(new ClickToDial(ALICE, "901" + bad, "Jane", Map.of(), true, RING)));
    attempts.put(
        "Originate (click-to-dial) attached data",
        p ->
            p.originate(
                new ClickToDial(ALICE, "90155501234", "Jane", Map.of(1, bad), false, RING)));
    attempts.put(
        "Originate (spy) display name",
        p -> p.spy(new SpyRequest(SAM, ALICE, "1795315375.1", SpyMode.LISTEN, bad, RING)));
    attempts.put(
        "Originate (spy) agent channel",
        p -> p.spy(new SpyRequest(SAM, ALICE, bad, SpyMode.WHISPER, "Monitor Alice", RING)));
    attempts.put("PlayDTMF channel", p -> p.spyMode(bad, SpyMode.BARGE));

    List<String> notRefused = new ArrayList<>();
    attempts.forEach(
        (what, attempt) -> {
          Throwable failure = failureOrNull(attempt.apply(pbx));
          if (!(failure instanceof IllegalArgumentException
                  || failure instanceof PbxCommandException)
              || failure.getMessage() == null
              || !failure.getMessage().contains("control character")) {
            notRefused.add(what + " -> " + failure);
          }
        });
    await(pbx.ping());

    assertThat(peer.received())
        .as("nothing but the login and our own pings reached Asterisk")
        .extracting(AmiFrame::action)
        .allMatch(
            a ->
                a != null
                    && List.of("login", "challenge", "coresettings", "ping", "logoff")
                        .contains(a.toLowerCase(java.util.Locale.ROOT)));
    assertThat(peer.received())
        .flatExtracting(AmiFrame::lines)
        .noneMatch(line -> line.contains(MARK));
    assertThat(notRefused).as("refused locally as text with a control character").isEmpty();
    assertThat(link.status().isUp()).as("refusals do not harm the link").isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "channel originate Local/s@default application System touch /tmp/owned",
        "database put " + MARK + " k v",
        "module unload res_pjsip.so",
        "core stop now",
        "dialplan reload ",
        "DIALPLAN RELOAD",
        "queue reload all; core stop now"
      })
  @DisplayName(
      "Command runs only the product's own CLI lines: the command class would admit a shell")
  void commandRunsOnlyTheProductsOwnLines(String cli) throws Exception {
    linkUpOn(loggedIn());
    Throwable failure = failureOrNull(link.commands().command(cli));
    await(link.commands().ping());

    assertThat(failure)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a CLI command the product runs");
    assertThat(peer.received("Command")).isEmpty();
    assertThat(link.status().isUp()).isTrue();
  }

  @org.junit.jupiter.api.Test
  @DisplayName("the provisioning reloads are the lines Command may carry")
  void provisioningReloadsAreAllowed() {
    assertThat(ActionGuard.CLI_COMMANDS)
        .contains(
            io.tandemcc.pbx.provisioning.PbxConfig.RELOAD_PJSIP,
            io.tandemcc.pbx.provisioning.PbxConfig.RELOAD_QUEUES,
            io.tandemcc.pbx.provisioning.PbxConfig.RELOAD_DIALPLAN);
  }

  private static Throwable failureOrNull(Future<?> future) {
    try {
      future
          .toCompletionStage()
          .toCompletableFuture()
          .get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      return null;
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
