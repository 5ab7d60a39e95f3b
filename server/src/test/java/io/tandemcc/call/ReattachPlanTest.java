package io.tandemcc.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.CallKind;
import io.tandemcc.call.ReattachPlan.Phase;
import io.tandemcc.call.ReattachPlan.Verdict;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Reload survival decisions: which call is kept, who may take it back, and until when")
class ReattachPlanTest {
  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

  private static LiveCall talking(CallKind kind, long agentId) {
    LiveCall c = new LiveCall(1, "c1", kind, T0);
    c.answeredBy = agentId;
    c.agents.add(agentId);
    c.legs.put(agentId, new LiveCall.Leg("1.1", PartyRole.PRIMARY));
    return c;
  }

  @Test
  @DisplayName("a queue call the agent is connected to (talking or held) is kept")
  void keepsTheOwnersQueueCall() {
    assertThat(ReattachPlan.keeps(talking(CallKind.QUEUE, 7), 7, false)).isTrue();
    LiveCall held = talking(CallKind.QUEUE, 7);
    held.heldSince = T0;
    assertThat(ReattachPlan.keeps(held, 7, false)).isTrue();
  }

  @Test
  @DisplayName(
      "not kept: another agent's call, direct and outbound calls, consultations, transfers, conferences, "
          + "a call still ringing")
  void keepsNothingElse() {
    assertThat(ReattachPlan.keeps(talking(CallKind.QUEUE, 7), 8, false))
        .as("another agent's")
        .isFalse();
    assertThat(ReattachPlan.keeps(talking(CallKind.DIRECT, 7), 7, false)).isFalse();
    assertThat(ReattachPlan.keeps(talking(CallKind.OUTBOUND, 7), 7, false)).isFalse();
    assertThat(ReattachPlan.keeps(talking(CallKind.QUEUE, 7), 7, true))
        .as("in a conference")
        .isFalse();
    LiveCall consulting = talking(CallKind.QUEUE, 7);
    consulting.consultTarget = 8L;
    assertThat(ReattachPlan.keeps(consulting, 7, false)).isFalse();
    LiveCall number = talking(CallKind.QUEUE, 7);
    number.consultNumberChannel = "1.5";
    assertThat(ReattachPlan.keeps(number, 7, false)).isFalse();
    LiveCall transferring = talking(CallKind.QUEUE, 7);
    transferring.transferPending = true;
    assertThat(ReattachPlan.keeps(transferring, 7, false)).isFalse();
    LiveCall ringing = new LiveCall(1, "c1", CallKind.QUEUE, T0);
    ringing.agents.add(7L);
    ringing.legs.put(7L, new LiveCall.Leg("1.1", PartyRole.PRIMARY));
    assertThat(ReattachPlan.keeps(ringing, 7, false)).as("not answered").isFalse();
    LiveCall noLeg = talking(CallKind.QUEUE, 7);
    noLeg.legs.clear();
    assertThat(ReattachPlan.keeps(noLeg, 7, false)).as("no leg known").isFalse();
  }

  @Test
  @DisplayName(
      "only the agent it is held for takes it back, once at a time, before the end of its grace")
  void requests() {
    Instant until = T0.plusSeconds(58);
    assertThat(ReattachPlan.request(null, null, until, 7, T0)).isEqualTo(Verdict.NONE);
    assertThat(ReattachPlan.request(8L, Phase.HOLDING, until, 7, T0)).isEqualTo(Verdict.NOT_YOURS);
    assertThat(ReattachPlan.request(7L, Phase.DIALING, until, 7, T0)).isEqualTo(Verdict.BUSY);
    assertThat(ReattachPlan.request(7L, Phase.HOLDING, until, 7, T0.plusSeconds(57)))
        .isEqualTo(Verdict.GO);
    assertThat(ReattachPlan.request(7L, Phase.HOLDING, until, 7, until)).isEqualTo(Verdict.EXPIRED);
  }

  @Test
  @DisplayName("the server stops offering the call back 2 s before the dialplan's MusicOnHold ends")
  void until() {
    assertThat(ReattachPlan.until(T0, 60)).isEqualTo(T0.plusSeconds(58));
    assertThat(ReattachPlan.until(T0, 10)).isEqualTo(T0.plusSeconds(8));
    assertThat(ReattachPlan.until(T0, 3)).as("too short to shorten").isEqualTo(T0.plusSeconds(3));
  }
}
