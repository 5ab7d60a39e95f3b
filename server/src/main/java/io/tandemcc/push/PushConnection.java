package io.tandemcc.push;

import io.tandemcc.auth.Principal;
import io.tandemcc.common.TokenBucket;
import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import java.util.Set;

/**
 * One browser connection, authenticated once {@link #principal} is set. Mutated only on its hub's
 * context.
 */
final class PushConnection {
  final ServerWebSocket socket;

  /**
   * The messages this browser may still send (after authentication; before it only {@code auth} is
   * taken).
   */
  final TokenBucket budget;

  /** The first message ({@code auth}) arrived and its token is being verified. */
  boolean authPending;

  Principal principal;
  Instant expiresAt;

  /** Groups whose agents this connection may watch (supervisors and admins); empty for agents. */
  Set<Long> watchedGroups = Set.of();

  /** Pings the browser; set right after construction, stopped when the socket closes. */
  io.tandemcc.common.SocketHeartbeat heartbeat;

  PushConnection(ServerWebSocket socket, TokenBucket budget) {
    this.socket = socket;
    this.budget = budget;
  }

  boolean authenticated() {
    return principal != null;
  }
}
