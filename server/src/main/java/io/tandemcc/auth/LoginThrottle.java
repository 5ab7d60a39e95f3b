package io.tandemcc.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Slows down password guessing without letting anyone lock other people out. Three counts of
 * failures, each forgotten after {@link #FORGET_AFTER} without a new one; past its free allowance a
 * count makes every further attempt wait 1 s, 2 s, 4 s … (capped at {@link #MAX_DELAY}) after the
 * last failure, and attempts made before that are refused without looking at the password:
 *
 * <ul>
 *   <li><b>per (account, source)</b>, {@link #FREE_PAIR_FAILURES} free: a guesser at one address,
 *       and the real user's own typos. A success clears it.
 *   <li><b>per account, over every source</b>, {@link #FREE_ACCOUNT_FAILURES} free: one account
 *       guessed from many addresses. It does not apply to a source the account signed in from
 *       within {@link #KNOWN_SOURCE_FOR}: a botnet guessing the account cannot keep its user out of
 *       the office, though a user on a new address waits like the guessers do.
 *   <li><b>per source, over distinct existing accounts</b>, {@link #FREE_SOURCE_ACCOUNTS} free: one
 *       address trying a password on many accounts (spraying). It too spares accounts that signed
 *       in from that source recently. Failures for users that do not exist are not counted: they
 *       open nothing, and counting them let anyone behind an office's NAT lock out the whole office
 *       with made-up names.
 * </ul>
 *
 * Every attempt is reserved ({@link #reserve}) before its password is checked, atomically: at most
 * one check per account is in flight (a second attempt is refused at once, {@link
 * #IN_FLIGHT_RETRY}), and the reservation counts as a failure until its check says otherwise, so
 * simultaneous guesses are decided on the counts of all the earlier ones instead of all passing
 * before the first failure is written. Sources are keyed by address for IPv4 and by their /64 for
 * IPv6 (one subscriber usually holds a whole /64). Every count lives in a size-bounded cache; under
 * a flood of made-up accounts and addresses the oldest are evicted, which only forgets, never locks
 * out.
 */
public final class LoginThrottle {
  public static final int FREE_PAIR_FAILURES = 5;

  /** Well above a user's own typos, so that only guessing from many addresses reaches it. */
  public static final int FREE_ACCOUNT_FAILURES = 50;

  /** Generous: a whole contact centre often signs in from behind one NAT address. */
  public static final int FREE_SOURCE_ACCOUNTS = 100;

  static final Duration MAX_DELAY = Duration.ofMinutes(15);
  static final Duration FORGET_AFTER = Duration.ofMinutes(30);
  static final Duration KNOWN_SOURCE_FOR = Duration.ofDays(30);

  /** How long an attempt refused because another check of the account is running should wait. */
  static final Duration IN_FLIGHT_RETRY = Duration.ofSeconds(1);

  static final int MAX_ENTRIES = 100_000;

  private final Clock clock;
  private final Cache<String, Failures> pairs;
  private final Cache<String, Failures> accounts;
  private final Cache<String, Failures> sources;
  private final Cache<String, Boolean> knownSources;

  /**
   * Accounts with a check in flight; at most as many as logins in progress, each removed when it
   * ends.
   */
  private final Set<String> inFlight = new HashSet<>();

  public LoginThrottle(Clock clock) {
    this.clock = clock;
    this.pairs = counts();
    this.accounts = counts();
    this.sources = counts();
    this.knownSources =
        Caffeine.newBuilder()
            .expireAfterWrite(KNOWN_SOURCE_FOR)
            .maximumSize(MAX_ENTRIES)
            .executor(Runnable::run)
            .build();
  }

  private static Cache<String, Failures> counts() {
    // eviction runs on the calling thread, so the bound holds at once rather than when a pool gets
    // to it
    return Caffeine.newBuilder()
        .expireAfterWrite(FORGET_AFTER)
        .maximumSize(MAX_ENTRIES)
        .executor(Runnable::run)
        .build();
  }

  /**
   * What {@link #reserve} decided: check the password now ({@link Attempt}), or {@link Refused}.
   */
  public sealed interface Reservation permits Attempt, Refused {}

  /** The attempt must not be checked; the client may try again after {@code retryAfter}. */
  public record Refused(Duration retryAfter) implements Reservation {}

  /**
   * Reserves one password check for {@code account} (tenant domain + username, normalized) from
   * {@code source} (the client's address), or refuses it.
   */
  public synchronized Reservation reserve(String account, String source) {
    Instant now = clock.instant();
    String src = sourceKey(source);
    String pair = account + " " + src;
    Duration wait = remaining(pairs.getIfPresent(pair), FREE_PAIR_FAILURES, now);
    if (knownSources.getIfPresent(pair) == null) {
      wait =
          max(
              wait,
              max(
                  remaining(accounts.getIfPresent(account), FREE_ACCOUNT_FAILURES, now),
                  remaining(sources.getIfPresent(src), FREE_SOURCE_ACCOUNTS, now)));
    }
    if (!wait.isZero()) {
      return new Refused(wait);
    }
    if (!inFlight.add(account)) {
      return new Refused(IN_FLIGHT_RETRY);
    }
    boolean firstForPair = pairs.getIfPresent(pair) == null;
    add(pairs, pair, now);
    add(accounts, account, now);
    return new Attempt(account, pair, src, firstForPair, now);
  }

  /**
   * One reserved password check. Exactly one of {@link #failed}, {@link #succeeded} or {@link
   * #cancel} ends it (later calls do nothing), which frees the account for its next check.
   */
  public final class Attempt implements Reservation {
    private final String account;
    private final String pair;
    private final String source;
    private final boolean firstForPair;
    private final Instant at;
    private boolean ended;

    private Attempt(String account, String pair, String source, boolean firstForPair, Instant at) {
      this.account = account;
      this.pair = pair;
      this.source = source;
      this.firstForPair = firstForPair;
      this.at = at;
    }

    /**
     * The password was wrong, or the account does not exist or is disabled ({@code accountExists}
     * tells).
     */
    public void failed(boolean accountExists) {
      synchronized (LoginThrottle.this) {
        if (end() && accountExists && firstForPair) {
          add(sources, source, at);
        }
      }
    }

    /**
     * The password was right: the pair's count is cleared and the source is known for this account.
     */
    public void succeeded() {
      synchronized (LoginThrottle.this) {
        if (end()) {
          pairs.invalidate(pair);
          subtract(accounts, account);
          knownSources.put(pair, Boolean.TRUE);
        }
      }
    }

    /** No password was checked (the server was busy or failed): the reservation is taken back. */
    public void cancel() {
      synchronized (LoginThrottle.this) {
        if (end()) {
          subtract(pairs, pair);
          subtract(accounts, account);
        }
      }
    }

    private boolean end() {
      if (ended) {
        return false;
      }
      ended = true;
      inFlight.remove(account);
      return true;
    }
  }

  /** How many entries the throttle holds (tests check the bound). */
  synchronized long size() {
    pairs.cleanUp();
    accounts.cleanUp();
    sources.cleanUp();
    knownSources.cleanUp();
    return pairs.estimatedSize()
        + accounts.estimatedSize()
        + sources.estimatedSize()
        + knownSources.estimatedSize()
        + inFlight.size();
  }

  /** IPv4 by address, IPv6 by its /64 (IPv4-mapped IPv6 as IPv4); anything else as it is. */
  static String sourceKey(String source) {
    IPAddress address = new IPAddressString(source).getAddress();
    if (address == null) {
      return source.length() > 64 ? source.substring(0, 64) : source;
    }
    if (address.isIPv6() && address.isIPv4Convertible()) {
      address = address.toIPv4();
    }
    if (address.isIPv6()) {
      return address.toPrefixBlock(64).toCanonicalString();
    }
    return address.withoutPrefixLength().toCanonicalString();
  }

  private static Duration remaining(Failures f, int free, Instant now) {
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

  private static void add(Cache<String, Failures> cache, String key, Instant now) {
    cache.asMap().merge(key, new Failures(1, now), (a, b) -> new Failures(a.count + 1, now));
  }

  private static void subtract(Cache<String, Failures> cache, String key) {
    cache
        .asMap()
        .computeIfPresent(key, (k, f) -> f.count <= 1 ? null : new Failures(f.count - 1, f.last));
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private record Failures(int count, Instant last) {}
}
