package io.tandemcc.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.ActiveCall;
import io.tandemcc.agent.AgentState;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.agent.CallKind;
import io.tandemcc.agent.Reason;
import io.tandemcc.push.PagePresence.AgentKey;
import io.tandemcc.supervisor.BrowserPresence;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "An agent whose last page has been gone for the grace is due for Not Ready (Disconnected)")
class PagePresenceTest {
  private static final Duration GRACE = Duration.ofSeconds(20);
  private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");
  private final PagePresence presence = new PagePresence(GRACE);

  private static BrowserPresence hub(String hub, int connections) {
    return new BrowserPresence(1, 7, hub, connections);
  }

  @Test
  @DisplayName("the last page closes: due 20 s later, once, not a millisecond before")
  void lastPageGone() {
    presence.report(hub("a", 1), T0);
    assertThat(presence.report(hub("a", 0), T0.plusSeconds(5))).contains(T0.plusSeconds(25));
    assertThat(presence.due(T0.plusSeconds(25).minusMillis(1))).isEmpty();
    assertThat(presence.due(T0.plusSeconds(25))).containsExactly(new AgentKey(1, 7));
    assertThat(presence.due(T0.plusSeconds(60))).as("only once").isEmpty();
    assertThat(presence.nextDue()).isEmpty();
  }

  @Test
  @DisplayName(
      "a check that comes early (a clock behind the timer) finds the agent still waiting, due later")
  void earlyCheck() {
    presence.report(hub("a", 1), T0);
    presence.report(hub("a", 0), T0);
    assertThat(presence.due(T0.plusSeconds(19))).isEmpty();
    assertThat(presence.nextDue()).contains(T0.plusSeconds(20));
  }

  @Test
  @DisplayName("a page that comes back within the grace (a reload) cancels it")
  void pageBackWithinGrace() {
    presence.report(hub("a", 1), T0);
    presence.report(hub("a", 0), T0);
    presence.report(hub("b", 1), T0.plusSeconds(2));
    assertThat(presence.due(T0.plusSeconds(30))).isEmpty();
    assertThat(presence.hasPage(1, 7)).isTrue();
  }

  @Test
  @DisplayName(
      "pages on other hubs (HTTP instances) count: the agent is gone only when every hub has none")
  void acrossHubs() {
    presence.report(hub("a", 1), T0);
    presence.report(hub("b", 2), T0);
    assertThat(presence.report(hub("a", 0), T0)).isEmpty();
    assertThat(presence.due(T0.plusSeconds(30))).isEmpty();
    assertThat(presence.report(hub("b", 0), T0.plusSeconds(30))).contains(T0.plusSeconds(50));
    assertThat(presence.due(T0.plusSeconds(50))).containsExactly(new AgentKey(1, 7));
  }

  @Test
  @DisplayName("gone again after coming back: the grace starts again from the second departure")
  void goneTwice() {
    presence.report(hub("a", 1), T0);
    presence.report(hub("a", 0), T0);
    presence.report(hub("a", 1), T0.plusSeconds(10));
    assertThat(presence.report(hub("a", 0), T0.plusSeconds(15))).contains(T0.plusSeconds(35));
    assertThat(presence.due(T0.plusSeconds(20))).isEmpty();
    assertThat(presence.due(T0.plusSeconds(35))).hasSize(1);
  }

  @Test
  @DisplayName("an agent that never had a page here is never due (e.g. after a server restart)")
  void neverHadAPage() {
    assertThat(presence.report(hub("a", 0), T0)).isEmpty();
    assertThat(presence.due(T0.plusSeconds(60))).isEmpty();
  }

  @Test
  @DisplayName(
      "only Ready agents and agents in wrap-up (Ready next) are set Not Ready; Not Ready keeps its reason")
  void whoIsSetNotReady() {
    AgentState out = AgentState.loggedOut(T0);
    assertThat(PresenceVerticle.wouldBeReady(out)).isFalse();
    assertThat(
            PresenceVerticle.wouldBeReady(
                new AgentState(
                    AgentStatus.NOT_READY, new Reason("break", "Break"), T0, null, null, null)))
        .isFalse();
    assertThat(
            PresenceVerticle.wouldBeReady(
                new AgentState(AgentStatus.READY, null, T0, null, null, null)))
        .isTrue();
    assertThat(
            PresenceVerticle.wouldBeReady(
                new AgentState(
                    AgentStatus.READY,
                    null,
                    T0,
                    null,
                    ActiveCall.ringing("c1", CallKind.QUEUE, T0),
                    null)))
        .as("on a call: Pending Not Ready")
        .isTrue();
  }
}
