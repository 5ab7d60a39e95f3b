package io.tandemcc.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.AgentEvent;
import io.tandemcc.pbx.ConferenceEvent;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.pbx.ami.TraceEvents;
import io.tandemcc.testkit.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded AMI trace, translated by the server's AMI translator, fed into the call tracker as
 * the verticle feeds it (tenant and agent looked up; conference room events, which {@link
 * Conferences} owns, left out). What is asserted is what the trace shows happened to its calls: the
 * effects and the calls left, not only that it ran.
 */
@DisplayName("The call tracker replayed against every AMI trace")
class CallTrackerReplayTest {
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private static final CallSettings SETTINGS = new CallSettings(Map.of(), List.of(), Map.of());

  static Stream<String> traces() throws IOException {
    try (Stream<java.nio.file.Path> files =
        Files.list(TestData.amiTrace("04-queue-call-answered-agent-hangs-up").getParent())) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".ami"))
          .map(n -> n.replaceFirst("\\.ami$", ""))
          .sorted()
          .toList()
          .stream();
    }
  }

  /** What one replay gave. */
  record Replay(LiveCalls calls, List<CallEffect> effects) {
    List<CallWrite> writes() {
      return effects.stream()
          .filter(e -> e instanceof CallEffect.Write)
          .map(e -> ((CallEffect.Write) e).write())
          .toList();
    }

    List<CallRecords.Update> updates() {
      return writes().stream()
          .filter(w -> w instanceof CallWrite.Upsert)
          .map(w -> ((CallWrite.Upsert) w).update())
          .toList();
    }

    List<AgentEvent> told() {
      return effects.stream()
          .filter(e -> e instanceof CallEffect.ToAgent)
          .map(e -> ((CallEffect.ToAgent) e).event())
          .toList();
    }
  }

  static Replay replay(String trace) {
    LiveCalls calls = new LiveCalls();
    List<CallEffect> effects = new ArrayList<>();
    Map<String, Long> tenants = new HashMap<>();
    int step = 0;
    for (PbxEvent event : TraceEvents.of(trace)) {
      Instant now = T0.plusSeconds(step++);
      if (!(event instanceof PbxEvent.TenantEvent e) || e instanceof ConferenceEvent) {
        continue;
      }
      long tenantId = tenants.computeIfAbsent(e.tenant(), t -> (long) tenants.size() + 1);
      if (CallTracker.ofTenant(e)) {
        effects.addAll(CallTracker.on(calls, new CallInput.OfTenant(e, tenantId), now));
      } else {
        CallTracker.agentOf(e)
            .ifPresent(
                endpoint -> {
                  long agentId = Long.parseLong(endpoint.extension());
                  CallDirectory.AgentInfo agent =
                      new CallDirectory.AgentInfo(
                          tenantId,
                          e.tenant(),
                          agentId,
                          endpoint.extension(),
                          "Agent " + endpoint.extension(),
                          endpoint.extension());
                  effects.addAll(
                      CallTracker.on(calls, new CallInput.OfAgent(e, agent, SETTINGS), now));
                });
      }
    }
    return new Replay(calls, effects);
  }

  /**
   * What each trace shows: what the agents were told, in order; the outcomes on the records;
   * records ended.
   */
  record Expected(String told, List<CallOutcome> outcomes, int ended) {}

  private static final CallOutcome ANSWERED = CallOutcome.ANSWERED;
  private static final Map<String, Expected> EXPECTED =
      Map.ofEntries(
          Map.entry("01-login-resync", new Expected("", List.of(), 0)),
          Map.entry("01b-login-failed", new Expected("", List.of(), 0)),
          Map.entry("02-agent-checkin-pause-checkout", new Expected("", List.of(), 0)),
          Map.entry("03-endpoint-register-unregister", new Expected("", List.of(), 0)),
          // the queue's AgentComplete and the leg's hang-up both end the agent's call (the state
          // machine ignores the 2nd)
          Map.entry(
              "04-queue-call-answered-agent-hangs-up",
              new Expected("CallRinging CallAnswered CallEnded CallEnded", List.of(ANSWERED), 1)),
          Map.entry(
              "05-queue-call-customer-hangs-up",
              new Expected("CallRinging CallAnswered CallEnded CallEnded", List.of(ANSWERED), 1)),
          Map.entry(
              "06-queue-call-ring-no-answer-then-abandon",
              new Expected(
                  "CallRinging CallNotAnswered CallEnded CallRinging CallEnded",
                  List.of(CallOutcome.ABANDONED),
                  1)),
          Map.entry(
              "07-direct-call-to-agent",
              new Expected("CallRinging CallAnswered CallEnded", List.of(ANSWERED), 1)),
          Map.entry(
              "08-agent-outbound-call",
              new Expected("CallDialing CallAnswered CallEnded", List.of(ANSWERED), 1)),
          Map.entry(
              "09-hold-unhold",
              new Expected(
                  "CallRinging CallAnswered CallHeld CallResumed CallEnded CallEnded",
                  List.of(ANSWERED),
                  1)),
          Map.entry(
              "10-blind-transfer",
              new Expected(
                  "CallRinging CallAnswered CallResumed CallEnded CallEnded CallRinging CallAnswered CallEnded",
                  List.of(ANSWERED, ANSWERED),
                  1)),
          Map.entry(
              "10b-redirect-to-queue",
              new Expected(
                  "CallRinging CallAnswered CallEnded CallRinging CallAnswered CallEnded CallEnded CallEnded",
                  List.of(ANSWERED, ANSWERED),
                  2)),
          Map.entry(
              "11-attended-transfer",
              new Expected(
                  "CallRinging CallAnswered CallHeld CallRinging CallAnswered CallEnded CallEnded CallEnded",
                  List.of(ANSWERED),
                  1)),
          Map.entry(
              "11b-attended-transfer-cancelled",
              new Expected(
                  "CallRinging CallAnswered CallHeld CallRinging CallAnswered CallResumed CallEnded CallEnded CallEnded",
                  List.of(ANSWERED),
                  1)),
          // the room's events are Conferences' (left out here): the tracker sees the queue call and
          // the legs' hang-ups
          Map.entry(
              "12-conference",
              new Expected(
                  "CallRinging CallAnswered CallEnded CallEnded CallEnded", List.of(ANSWERED), 1)),
          // the supervisor's spy legs hang up on calls of their own (no call followed): CallEnded,
          // nothing written
          Map.entry(
              "13-chanspy-monitor-whisper-barge",
              new Expected(
                  "CallRinging CallAnswered CallEnded CallEnded CallEnded CallEnded CallEnded",
                  List.of(ANSWERED),
                  1)),
          Map.entry(
              "14-mixmonitor",
              new Expected("CallRinging CallAnswered CallEnded CallEnded", List.of(ANSWERED), 1)),
          // without the server's CallOriginated (the click-to-dial request) the call is known from
          // its answer only
          Map.entry(
              "15-originate-click-to-dial",
              new Expected("CallAnswered CallEnded", List.of(ANSWERED), 1)),
          Map.entry("16-asterisk-restart", new Expected("", List.of(), 0)),
          Map.entry(
              "17-queue-call-two-agents-rrmemory",
              new Expected(
                  "CallRinging CallRinging CallAnswered CallAnswered CallEnded CallEnded CallEnded CallEnded",
                  List.of(ANSWERED, ANSWERED),
                  2)),
          // without the SIP socket's close (Reattaches' input) the kept call ends as a plain queue
          // call
          Map.entry(
              "18-reattach-composed",
              new Expected(
                  "CallRinging CallAnswered CallEnded CallEnded CallEnded", List.of(ANSWERED), 1)));

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  @DisplayName(
      "the trace's calls are told, recorded and ended as it shows, and none is left followed")
  void replaysTheTrace(String trace) {
    assertThat(EXPECTED)
        .as("an expectation for every trace (add one for a new trace)")
        .containsKey(trace);
    Expected expected = EXPECTED.get(trace);
    Replay r = replay(trace);

    assertThat(String.join(" ", r.told().stream().map(e -> e.getClass().getSimpleName()).toList()))
        .isEqualTo(expected.told());
    assertThat(
            r.updates().stream()
                .filter(u -> u.outcome() != null)
                .map(CallRecords.Update::outcome)
                .toList())
        .isEqualTo(expected.outcomes());
    assertThat(r.updates().stream().filter(u -> u.endedAt() != null).count())
        .isEqualTo(expected.ended());
    assertThat(r.calls().values()).as("every call of the trace is over").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("traces")
  @DisplayName(
      "every agent leg written as joined is written as left (or handed on), every rung agent is released")
  void legsAndAgentsEnd(String trace) {
    Replay r = replay(trace);

    for (CallWrite w : r.writes()) {
      if (w instanceof CallWrite.PartyJoined j) {
        assertThat(r.writes())
            .as("leg %s of %s", j.channelId(), j.callId())
            .anyMatch(
                x ->
                    x instanceof CallWrite.PartyLeft l && l.channelId().equals(j.channelId())
                        || x instanceof CallWrite.Transferred t
                            && t.channelId().equals(j.channelId()));
      }
    }
    Map<String, AgentEvent> last = new LinkedHashMap<>();
    r.effects().stream()
        .filter(e -> e instanceof CallEffect.ToAgent)
        .map(e -> (CallEffect.ToAgent) e)
        .forEach(t -> last.put(t.agentId() + "|" + callIdOf(t.event()), t.event()));
    assertThat(last.values())
        .as("the last word to each agent about each call")
        .allMatch(
            e -> e instanceof AgentEvent.CallEnded || e instanceof AgentEvent.CallNotAnswered);
  }

  @org.junit.jupiter.api.Test
  @DisplayName(
      "the traces' facts: a hold is timed, a recording starts then stops, transfers are counted")
  void factsOfSomeTraces() {
    assertThat(replay("09-hold-unhold").writes())
        .filteredOn(w -> w instanceof CallWrite.Held)
        .hasSize(1)
        .allMatch(w -> ((CallWrite.Held) w).until().isAfter(((CallWrite.Held) w).since()));
    assertThat(replay("14-mixmonitor").writes())
        .filteredOn(w -> w instanceof CallWrite.Recording)
        .extracting(w -> ((CallWrite.Recording) w).started())
        .containsExactly(true, false);
    assertThat(replay("10-blind-transfer").writes())
        .filteredOn(w -> w instanceof CallWrite.PartyJoined)
        .extracting(w -> ((CallWrite.PartyJoined) w).role())
        .containsExactly(PartyRole.PRIMARY, PartyRole.TRANSFER);
    Replay attended = replay("11-attended-transfer");
    assertThat(attended.writes())
        .filteredOn(w -> w instanceof CallWrite.PartyJoined)
        .extracting(w -> ((CallWrite.PartyJoined) w).role())
        .containsExactly(PartyRole.PRIMARY, PartyRole.CONSULT);
    long consulted =
        attended.writes().stream()
            .filter(w -> w instanceof CallWrite.PartyJoined j && j.role() == PartyRole.CONSULT)
            .map(w -> ((CallWrite.PartyJoined) w).agentId())
            .findFirst()
            .orElseThrow();
    assertThat(attended.updates()).contains(CallRecords.Update.ownedBy(consulted));
    assertThat(attended.effects())
        .filteredOn(
            e ->
                e instanceof CallEffect.Publish p
                    && p.address().equals(CallAddresses.CONSULT_CHANGED))
        .hasSizeGreaterThanOrEqualTo(3);
  }

  private static String callIdOf(AgentEvent e) {
    return e.toString().replaceFirst(".*callId=([^,\\]]+).*", "$1");
  }
}
