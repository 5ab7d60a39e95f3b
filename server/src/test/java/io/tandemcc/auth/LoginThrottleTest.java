package io.tandemcc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.tandemcc.auth.LoginThrottle.Attempt;
import io.tandemcc.auth.LoginThrottle.Refused;
import io.tandemcc.auth.LoginThrottle.Reservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Login throttling")
class LoginThrottleTest {
  private Instant now = Instant.parse("2026-01-01T10:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneOffset getZone() {
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
  private final LoginThrottle throttle = new LoginThrottle(clock);

  private Attempt granted(String account, String source) {
    Reservation r = throttle.reserve(account, source);
    assertThat(r).as("%s from %s", account, source).isInstanceOf(Attempt.class);
    return (Attempt) r;
  }

  private Duration refused(String account, String source) {
    Reservation r = throttle.reserve(account, source);
    assertThat(r).as("%s from %s", account, source).isInstanceOf(Refused.class);
    return ((Refused) r).retryAfter();
  }

  private void fail(String account, String source, boolean exists) {
    granted(account, source).failed(exists);
  }

  @Test
  @DisplayName(
      "the first failures of an account at one address cost nothing, then each one doubles the wait")
  void exponentialDelayPerAccountAndSource() {
    for (int i = 0; i < LoginThrottle.FREE_PAIR_FAILURES; i++) {
      fail("acme/alice", "10.0.0.1", true);
    }
    assertThat(refused("acme/alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    now = now.plusSeconds(1);
    fail("acme/alice", "10.0.0.1", true);
    assertThat(refused("acme/alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
    granted("acme/alice", "10.0.0.2").cancel();
    granted("acme/bob", "10.0.0.1").cancel();
  }

  @Test
  @DisplayName(
      "the right password is not let in once the account is over its allowance at that address")
  void rightPasswordWaitsToo() {
    for (int i = 0; i < LoginThrottle.FREE_PAIR_FAILURES; i++) {
      fail("acme/alice", "10.0.0.1", true);
    }
    // the reservation is decided before the password is looked at, so even the right one is refused
    assertThat(refused("acme/alice", "10.0.0.1")).isPositive();
  }

  @Test
  @DisplayName(
      "while one check of an account runs, a second attempt is refused at once; the first one counts already")
  void oneCheckInFlightPerAccount() {
    Attempt first = granted("acme/alice", "10.0.0.1");
    assertThat(refused("acme/alice", "10.0.0.1")).isEqualTo(LoginThrottle.IN_FLIGHT_RETRY);
    assertThat(refused("acme/alice", "10.0.0.99"))
        .as("from any address")
        .isEqualTo(LoginThrottle.IN_FLIGHT_RETRY);
    granted("acme/bob", "10.0.0.1").cancel();
    first.failed(true);
    first.failed(true); // ending twice changes nothing
    for (int i = 1; i < LoginThrottle.FREE_PAIR_FAILURES; i++) {
      fail("acme/alice", "10.0.0.1", true);
    }
    assertThat(refused("acme/alice", "10.0.0.1"))
        .as("the first attempt was counted")
        .isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  @DisplayName(
      "a cancelled check (server busy) is taken back, and a success clears the address's count")
  void cancelAndSuccess() {
    for (int i = 0; i < 20; i++) {
      granted("acme/alice", "10.0.0.1").cancel();
    }
    for (int i = 0; i < LoginThrottle.FREE_PAIR_FAILURES - 1; i++) {
      fail("acme/alice", "10.0.0.1", true);
    }
    granted("acme/alice", "10.0.0.1").succeeded();
    for (int i = 0; i < LoginThrottle.FREE_PAIR_FAILURES; i++) {
      fail("acme/alice", "10.0.0.1", true);
    }
    assertThat(refused("acme/alice", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  @DisplayName("the wait is capped")
  void cap() {
    for (int i = 0; i < 40; i++) {
      fail("acme/alice", "10.0.0.1", true);
      now = now.plus(LoginThrottle.MAX_DELAY);
    }
    now = now.minus(LoginThrottle.MAX_DELAY).plusSeconds(1);
    assertThat(refused("acme/alice", "10.0.0.1"))
        .isEqualTo(LoginThrottle.MAX_DELAY.minusSeconds(1));
  }

  @Test
  @DisplayName(
      "one account guessed from many addresses is slowed down, except from an address it signed in from")
  void distributedGuessingOfOneAccount() {
    granted("acme/alice", "192.0.2.10").succeeded(); // the office
    for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
      fail("acme/alice", "198.51.100." + i, true);
    }
    assertThat(refused("acme/alice", "203.0.113.1"))
        .as("a fresh address")
        .isEqualTo(Duration.ofSeconds(1));
    granted("acme/alice", "192.0.2.10").succeeded();
    granted("acme/bob", "203.0.113.1").cancel();
  }

  @Test
  @DisplayName("failures for unknown users from one address never slow the real users behind it")
  void unknownUsersDoNotLockOutAnAddress() {
    for (int i = 0; i < 10 * LoginThrottle.FREE_SOURCE_ACCOUNTS; i++) {
      fail("acme/nobody-" + i, "192.0.2.10", false);
    }
    granted("acme/alice", "192.0.2.10").succeeded();
    granted("other/bob", "192.0.2.10").failed(true);
  }

  @Test
  @DisplayName(
      "one address trying many real accounts is slowed for the accounts that have not signed in from it")
  void sprayingFromOneAddress() {
    granted("acme/alice", "192.0.2.10").succeeded();
    fail("acme/user-0", "192.0.2.10", true);
    fail("acme/user-0", "192.0.2.10", true); // a second failure on the same account counts once
    for (int i = 1; i < LoginThrottle.FREE_SOURCE_ACCOUNTS; i++) {
      granted("acme/someone-else", "192.0.2.10").cancel();
      fail("acme/user-" + i, "192.0.2.10", true);
    }
    assertThat(refused("acme/someone-else", "192.0.2.10")).isEqualTo(Duration.ofSeconds(1));
    granted("acme/alice", "192.0.2.10").succeeded();
    granted("acme/someone-else", "192.0.2.11").cancel();
  }

  @Test
  @DisplayName("IPv6 addresses are counted by their /64, IPv4 ones by address")
  void sourceKeys() {
    assertThat(LoginThrottle.sourceKey("2001:db8:1:2::1"))
        .isEqualTo(LoginThrottle.sourceKey("2001:db8:1:2:ffff::9"));
    assertThat(LoginThrottle.sourceKey("2001:db8:1:2::1"))
        .isNotEqualTo(LoginThrottle.sourceKey("2001:db8:1:3::1"));
    assertThat(LoginThrottle.sourceKey("192.0.2.1"))
        .isNotEqualTo(LoginThrottle.sourceKey("192.0.2.2"));
    assertThat(LoginThrottle.sourceKey("::ffff:192.0.2.1"))
        .isEqualTo(LoginThrottle.sourceKey("192.0.2.1"));
    assertThat(LoginThrottle.sourceKey("unknown")).isEqualTo("unknown");
    for (int i = 0; i < LoginThrottle.FREE_PAIR_FAILURES; i++) {
      fail("acme/alice", "2001:db8:1:2::" + Integer.toHexString(i + 1), true);
    }
    assertThat(refused("acme/alice", "2001:db8:1:2:abcd::1"))
        .as("another host of the same /64")
        .isPositive();
    granted("acme/alice", "2001:db8:1:3::1").cancel();
  }

  @Test
  @DisplayName("a flood of made-up accounts and addresses keeps the throttle's memory bounded")
  void boundedMemory() {
    int flood = 3 * LoginThrottle.MAX_ENTRIES;
    for (int i = 0; i < flood; i++) {
      String source = "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255);
      Attempt a = granted("flood/user-" + i, source);
      if (i % 2 == 0) {
        a.failed(true);
      } else {
        a.succeeded();
      }
    }
    assertThat(throttle.size()).isLessThanOrEqualTo(4L * LoginThrottle.MAX_ENTRIES);
  }
}
