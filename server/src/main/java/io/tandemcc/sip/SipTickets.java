package io.tandemcc.sip;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.tandemcc.auth.RevokedSessions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Single-use tickets that open one SIP WebSocket. JsSIP cannot send a token as a first message, so
 * the browser trades its access token for a ticket ({@code POST /api/sip/ticket}) and puts the
 * ticket in the WebSocket URL. A ticket is random (256 bits), valid {@link #TTL}, bound to the
 * login session that asked for it, and gone once redeemed. Shared by every HTTP verticle instance;
 * thread-safe.
 */
public final class SipTickets {
  public static final Duration TTL = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Cache<String, Pending> pending;
  private final RevokedSessions revoked;
  private final Clock clock;

  public SipTickets(RevokedSessions revoked, Clock clock) {
    this.revoked = revoked;
    this.clock = clock;
    this.pending =
        Caffeine.newBuilder().expireAfterWrite(TTL.plusSeconds(5)).maximumSize(100_000).build();
  }

  /** A ticket and when it stops being valid. */
  public record Ticket(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Ticket[expiresAt=" + expiresAt + "]";
    }
  }

  private record Pending(SipIdentity identity, Instant expiresAt) {}

  public Ticket issue(SipIdentity identity) {
    return issue(identity, clock.instant());
  }

  /** Issues a ticket as if at {@code issuedAt}; tests use it to obtain an expired one. */
  public Ticket issue(SipIdentity identity, Instant issuedAt) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Instant expiresAt = issuedAt.plus(TTL);
    pending.put(value, new Pending(identity, expiresAt));
    return new Ticket(value, expiresAt);
  }

  /**
   * The identity a ticket was issued to, if the ticket exists, has not expired and its login
   * session is still alive. Either way the ticket is used up.
   */
  public Optional<SipIdentity> redeem(String ticket) {
    if (ticket == null || ticket.isEmpty() || ticket.length() > 64) {
      return Optional.empty();
    }
    Pending p = pending.asMap().remove(ticket);
    if (p == null
        || !clock.instant().isBefore(p.expiresAt())
        || revoked.isRevoked(p.identity().sessionId())) {
      return Optional.empty();
    }
    return Optional.of(p.identity());
  }
}
