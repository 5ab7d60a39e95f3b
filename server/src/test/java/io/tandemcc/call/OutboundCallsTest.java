package io.tandemcc.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.agent.CallKind;
import io.tandemcc.tenant.OutboundClaim;
import io.tandemcc.tenant.OutboundRules.Rule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The caps' count, read off the live calls and the claims not yet seen among them. */
@DisplayName("Outside calls counted for the caps")
class OutboundCallsTest {
  private static final long TENANT = 1;
  private static final long ALICE = 10;
  private static final long BOB = 11;
  private final LiveCalls live = new LiveCalls();
  private Instant now = Instant.parse("2026-12-07T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public java.time.ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final Conferences conferences =
      new Conferences(null, null, live, null, null, null, null, null, clock);
  private final OutboundCalls outbound = new OutboundCalls(live, conferences, clock);

  private OutboundClaim.Reply claim(long agent, String id, int perTenant, int perAgent) {
    return outbound.claim(
        new OutboundClaim(TENANT, agent, id, perTenant, perAgent, Duration.ofSeconds(10), "9015"));
  }

  private LiveCall outboundCall(String callId, long agent) {
    LiveCall c = new LiveCall(TENANT, callId, CallKind.OUTBOUND, now);
    c.dialledBy = agent;
    c.agents.add(agent);
    live.add(c);
    return c;
  }

  @Test
  @DisplayName(
      "a granted claim takes the place until the call is seen; the live call keeps it until it ends")
  void claimThenLiveCallThenHangUp() {
    assertThat(claim(ALICE, "a", 10, 1).refusal()).isNull();
    assertThat(claim(ALICE, "b", 10, 1).refusal().rule())
        .as("the claim holds the agent's one place")
        .isEqualTo(Rule.AGENT_CAP);
    outboundCall("c1", ALICE);
    outbound.seen(TENANT, ALICE);
    assertThat(outbound.count(TENANT, ALICE)).containsExactly(1, 1);
    live.remove(TENANT, "c1"); // its hang-up ended it
    assertThat(outbound.count(TENANT, ALICE)).containsExactly(0, 0);
    assertThat(claim(ALICE, "d", 10, 1).refusal()).isNull();
  }

  @Test
  @DisplayName(
      "a claim that is released or whose hold passed no longer counts; other tenants never do")
  void releaseAndExpiry() {
    assertThat(claim(ALICE, "a", 2, 1).refusal()).isNull();
    assertThat(claim(BOB, "b", 2, 1).refusal()).isNull();
    assertThat(claim(BOB, "c", 2, 2).refusal().rule()).isEqualTo(Rule.TENANT_CAP);
    outbound.release("a");
    assertThat(outbound.count(TENANT, ALICE)).containsExactly(1, 0);
    now = now.plusSeconds(11);
    assertThat(outbound.check(TENANT, BOB, 1, 1)).isEmpty();
    LiveCall other = new LiveCall(2, "x", CallKind.OUTBOUND, now);
    other.dialledBy = ALICE;
    live.add(other);
    assertThat(outbound.count(TENANT, ALICE)).containsExactly(0, 0);
  }

  @Test
  @DisplayName(
      "a consultation of a number counts for the agent who consults; a queue call itself does not")
  void consultationOfANumber() {
    LiveCall c = new LiveCall(TENANT, "q1", CallKind.QUEUE, now);
    c.answeredBy = ALICE;
    c.agents.add(ALICE);
    live.add(c);
    assertThat(outbound.count(TENANT, ALICE)).containsExactly(0, 0);
    c.consultNumberRequested = "90155501234";
    assertThat(outbound.count(TENANT, ALICE)).containsExactly(1, 1);
    assertThat(outbound.count(TENANT, BOB)).containsExactly(1, 0);
    c.consultNumberRequested = null;
    c.consult = new ConsultView(null, null, "90155501234", ConsultView.TALKING);
    assertThat(outbound.check(TENANT, ALICE, 10, 1).map(r -> r.rule())).contains(Rule.AGENT_CAP);
    c.consult = null;
    assertThat(outbound.count(TENANT, ALICE)).containsExactly(0, 0);
  }
}
