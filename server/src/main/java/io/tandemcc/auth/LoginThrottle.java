package io.tandemcc.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down password guessing. Failures are counted per account (tenant domain + username) and per source
 * address; past a free allowance every further attempt must wait an exponentially growing delay (capped), and
 * attempts made before the delay is over are refused without checking the password. A success clears the
 * account's count. Counts are forgotten after a quiet period.
 */
public final class LoginThrottle {
  static final int FREE_ACCOUNT_FAILURES = 5;
  /** Generous: a whole contact centre often signs in from behind one NAT address. */
  public static final int FREE_SOURCE_FAILURES = 100;
  static final Duration MAX_DELAY = Duration.ofMinutes(15);
  private static final Duration FORGET_AFTER = Duration.ofMinutes(30);

  private final Clock clock;
  private final Cache<String, Failures> failures;

  public LoginThrottle(Clock clock) {
    this.clock = clock;
    this.failures = Caffeine.newBuilder().expireAfterAccess(FORGET_AFTER).maximumSize(200_000).build();
  }

  /** How long this attempt must still wait, if it must. */
  public Optional<Duration> waitBefore(String account, String source) {
    Instant now = clock.instant();
    Duration wait = max(remaining(accountKey(account), FREE_ACCOUNT_FAILURES, now),
        remaining(sourceKey(source), FREE_SOURCE_FAILURES, now));
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  public void failed(String account, String source) {
    Instant now = clock.instant();
    failures.asMap().merge(accountKey(account), new Failures(1, now), Failures::add);
    failures.asMap().merge(sourceKey(source), new Failures(1, now), Failures::add);
  }

  public void succeeded(String account) {
    failures.invalidate(accountKey(account));
  }

  private Duration remaining(String key, int free, Instant now) {
    Failures f = failures.getIfPresent(key);
    if (f == null || f.count < free) {
      return Duration.ZERO;
    }
    int over = Math.min(f.count - free, 20);
    Duration delay = Duration.ofSeconds(1L << over);
    if (delay.compareTo(MAX_DELAY) > 0) {
      delay = MAX_DELAY;
    }
    Instant until = f.last.plus(delay);
    return until.isAfter(now) ? Duration.between(now, until) : Duration.ZERO;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static String accountKey(String account) {
    return "a:" + account;
  }

  private static String sourceKey(String source) {
    return "s:" + source;
  }

  private record Failures(int count, Instant last) {
    Failures add(Failures other) {
      return new Failures(count + other.count, other.last);
    }
  }
}
