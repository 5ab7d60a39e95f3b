package io.tandemcc.sip;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.auth.RevokedSessions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("SIP tickets")
class SipTicketsTest {
  private static final SipIdentity ALICE =
      new SipIdentity(1, "acme", 10, 100L, 1000, "1001", "Alice Agent");
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
  private final RevokedSessions revoked = new RevokedSessions(Duration.ofMinutes(10));
  private final SipTickets tickets = new SipTickets(revoked, clock);

  @Test
  @DisplayName("a ticket opens one connection only")
  void singleUse() {
    String ticket = tickets.issue(ALICE).value();
    assertThat(tickets.redeem(ticket)).contains(ALICE);
    assertThat(tickets.redeem(ticket)).isEmpty();
  }

  @Test
  @DisplayName("a ticket is valid for 30 seconds")
  void expires() {
    SipTickets.Ticket fresh = tickets.issue(ALICE);
    SipTickets.Ticket stale = tickets.issue(ALICE);
    assertThat(fresh.expiresAt()).isEqualTo(clock.instant().plusSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    assertThat(tickets.redeem(fresh.value())).contains(ALICE);
    clock.advance(Duration.ofSeconds(1));
    assertThat(tickets.redeem(stale.value())).isEmpty();
  }

  @Test
  @DisplayName("a ticket of a login session that ended is refused")
  void boundToSession() {
    String ticket = tickets.issue(ALICE).value();
    revoked.revokeAll(List.of(ALICE.sessionId()));
    assertThat(tickets.redeem(ticket)).isEmpty();
  }

  @Test
  @DisplayName("tickets are random and URL-safe; unknown, empty and absurd ones are refused")
  void random() {
    String a = tickets.issue(ALICE).value();
    String b = tickets.issue(ALICE).value();
    assertThat(a).isNotEqualTo(b).matches("[A-Za-z0-9_-]{43}");
    assertThat(tickets.redeem(null)).isEmpty();
    assertThat(tickets.redeem("")).isEmpty();
    assertThat(tickets.redeem(a + "x")).isEmpty();
    assertThat(tickets.redeem("x".repeat(10_000))).isEmpty();
  }

  @Test
  @DisplayName("a ticket never shows its value in logs")
  void toStringHidesValue() {
    SipTickets.Ticket t = tickets.issue(ALICE);
    assertThat(t.toString()).doesNotContain(t.value());
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
