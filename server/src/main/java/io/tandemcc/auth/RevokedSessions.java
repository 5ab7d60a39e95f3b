package io.tandemcc.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;

/**
 * Login sessions ended by logout, remembered for as long as an access token of theirs could still
 * be valid ({@link #horizon}). The database keeps every session's {@code revoked_at}; at start the
 * server loads those revoked within the horizon, so a logout survives a restart. Shared by every
 * HTTP verticle instance; thread-safe.
 */
public final class RevokedSessions {
  private final Cache<Long, Boolean> revoked;

  public RevokedSessions(Duration accessTokenTtl) {
    this.revoked = Caffeine.newBuilder().expireAfterWrite(horizon(accessTokenTtl)).build();
  }

  /**
   * How long a revocation matters: no access token is issued for a session after it was revoked, so
   * one issued before lives at most the token lifetime; a minute more for clock skew.
   */
  public static Duration horizon(Duration accessTokenTtl) {
    return accessTokenTtl.plusMinutes(1);
  }

  public void revokeAll(Collection<Long> sessionIds) {
    sessionIds.forEach(id -> revoked.put(id, Boolean.TRUE));
  }

  public boolean isRevoked(long sessionId) {
    return revoked.getIfPresent(sessionId) != null;
  }
}
