package io.tandemcc.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Login throttling")
class LoginThrottleTest {
  private Instant now = Instant.parse("2026-01-01T10:00:00Z");
  private final Clock clock = new Clock() {
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

  @Test
  @DisplayName("the first failures of an account cost nothing, then each one doubles the wait")
  void exponentialDelay() {
    for (int i = 0; i < LoginThrottle.FREE_ACCOUNT_FAILURES; i++) {
      assertThat(throttle.waitBefore("acme/alice", "10.0.0.1")).isEmpty();
      throttle.failed("acme/alice", "10.0.0.1");
    }
    assertThat(throttle.waitBefore("acme/alice", "10.0.0.1")).contains(Duration.ofSeconds(1));
    now = now.plusSeconds(1);
    assertThat(throttle.waitBefore("acme/alice", "10.0.0.1")).isEmpty();
    throttle.failed("acme/alice", "10.0.0.1");
    assertThat(throttle.waitBefore("acme/alice", "10.0.0.1")).contains(Duration.ofSeconds(2));
    assertThat(throttle.waitBefore("acme/bob", "10.0.0.2")).as("other accounts and sources are free").isEmpty();
  }

  @Test
  @DisplayName("the wait is capped, and a success clears the account")
  void capAndReset() {
    for (int i = 0; i < 40; i++) {
      throttle.failed("acme/alice", "10.0.0." + i);
    }
    assertThat(throttle.waitBefore("acme/alice", "10.0.1.1")).contains(LoginThrottle.MAX_DELAY);
    throttle.succeeded("acme/alice");
    assertThat(throttle.waitBefore("acme/alice", "10.0.1.1")).isEmpty();
  }

  @Test
  @DisplayName("one source guessing many accounts is slowed down too")
  void perSource() {
    for (int i = 0; i < LoginThrottle.FREE_SOURCE_FAILURES; i++) {
      throttle.failed("acme/user" + i, "203.0.113.9");
    }
    assertThat(throttle.waitBefore("acme/someone-else", "203.0.113.9")).isPresent();
    assertThat(throttle.waitBefore("acme/someone-else", "203.0.113.10")).isEmpty();
  }
}
