package io.tandemcc.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Collection;

/**
 * Login sessions ended by logout, remembered for as long as an access token of theirs could still be valid.
 * Shared by every HTTP verticle instance; thread-safe.
 */
public final class RevokedSessions {
  private final Cache<Long, Boolean> revoked;

  public RevokedSessions(Duration accessTokenTtl) {
    this.revoked = Caffeine.newBuilder().expireAfterWrite(accessTokenTtl.plusMinutes(1)).build();
  }

  public void revokeAll(Collection<Long> sessionIds) {
    sessionIds.forEach(id -> revoked.put(id, Boolean.TRUE));
  }

  public boolean isRevoked(long sessionId) {
    return revoked.getIfPresent(sessionId) != null;
  }
}
