package io.tandemcc.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.AgentRepository.HistoryEntry;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Restoring agent states after a server restart")
class StateRestoreTest {
  private static final Instant BEFORE = Instant.parse("2026-01-01T09:00:00Z");
  private static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");
  private static final Reason LUNCH = new Reason("lunch", "Lunch");

  private static Optional<HistoryEntry> last(
      AgentStatus status, Reason reason, Instant wrapupEnds, String call) {
    return owing(status, reason, wrapupEnds, call, null);
  }

  private static Optional<HistoryEntry> owing(
      AgentStatus status, Reason reason, Instant wrapupEnds, String call, String dispositionOwed) {
    return Optional.of(
        new HistoryEntry(
            1,
            2,
            new RecordedState(
                status,
                reason,
                wrapupEnds,
                call,
                call.equals("IDLE") ? null : "c1",
                dispositionOwed),
            "test",
            BEFORE));
  }

  @Test
  @DisplayName("an agent never seen is logged out")
  void neverSeen() {
    assertThat(StateRestore.restore(Optional.empty(), NOW).status())
        .isEqualTo(AgentStatus.LOGGED_OUT);
  }

  @Test
  @DisplayName(
      "Ready and Not Ready come back as they were, keeping their time in state, without the call")
  void readyAndNotReady() {
    AgentState ready = StateRestore.restore(last(AgentStatus.READY, null, null, "TALKING"), NOW);
    assertThat(ready.status()).isEqualTo(AgentStatus.READY);
    assertThat(ready.call()).isNull();
    assertThat(ready.since()).isEqualTo(BEFORE);
    AgentState nr = StateRestore.restore(last(AgentStatus.NOT_READY, LUNCH, null, "IDLE"), NOW);
    assertThat(nr.reason()).isEqualTo(LUNCH);
  }

  @Test
  @DisplayName("a wrap-up still running continues; one that ended meanwhile gives Ready")
  void wrapup() {
    Instant later = NOW.plusSeconds(20);
    assertThat(
            StateRestore.restore(last(AgentStatus.WRAPUP, null, later, "IDLE"), NOW).wrapupEndsAt())
        .isEqualTo(later);
    assertThat(
            StateRestore.restore(last(AgentStatus.WRAPUP, null, NOW.minusSeconds(1), "IDLE"), NOW)
                .status())
        .isEqualTo(AgentStatus.READY);
  }

  @Test
  @DisplayName(
      "a pending Not Ready whose call or wrap-up is over becomes Not Ready with its reason")
  void pending() {
    AgentState afterCall =
        StateRestore.restore(last(AgentStatus.PENDING_NOT_READY, LUNCH, null, "TALKING"), NOW);
    assertThat(afterCall.status()).isEqualTo(AgentStatus.NOT_READY);
    assertThat(afterCall.reason()).isEqualTo(LUNCH);
    AgentState inWrapup =
        StateRestore.restore(
            last(AgentStatus.PENDING_NOT_READY, LUNCH, NOW.plusSeconds(5), "IDLE"), NOW);
    assertThat(inWrapup.status()).isEqualTo(AgentStatus.PENDING_NOT_READY);
  }

  @Test
  @DisplayName(
      "a wrap-up waiting for a disposition keeps waiting, past its time too, and a pending Not Ready with it")
  void dispositionOwed() {
    AgentState over =
        StateRestore.restore(
            owing(AgentStatus.WRAPUP, null, NOW.minusSeconds(60), "IDLE", "c1"), NOW);
    assertThat(over.status()).isEqualTo(AgentStatus.WRAPUP);
    assertThat(over.dispositionOwed()).isEqualTo("c1");
    assertThat(over.since()).isEqualTo(BEFORE);
    AgentState running =
        StateRestore.restore(
            owing(AgentStatus.WRAPUP, null, NOW.plusSeconds(5), "IDLE", "c1"), NOW);
    assertThat(running.dispositionOwed()).isEqualTo("c1");
    AgentState pending =
        StateRestore.restore(
            owing(AgentStatus.PENDING_NOT_READY, LUNCH, NOW.minusSeconds(60), "IDLE", "c1"), NOW);
    assertThat(pending.status()).isEqualTo(AgentStatus.PENDING_NOT_READY);
    assertThat(pending.reason()).isEqualTo(LUNCH);
    assertThat(pending.dispositionOwed()).isEqualTo("c1");
    // restored, it is recorded as it was: the server notes no correction
    assertThat(RecordedState.of(over))
        .isEqualTo(
            owing(AgentStatus.WRAPUP, null, NOW.minusSeconds(60), "IDLE", "c1")
                .orElseThrow()
                .state());
  }
}
