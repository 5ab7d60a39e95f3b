package io.tandemcc.push;

import io.tandemcc.auth.Principal;
import io.vertx.core.http.ServerWebSocket;
import java.time.Instant;
import java.util.Set;

/** One authenticated browser connection. Mutated only on its hub's context. */
final class PushConnection {
  final ServerWebSocket socket;
  Principal principal;
  Instant expiresAt;
  /** Groups whose agents this connection may watch (supervisors and admins); empty for agents. */
  Set<Long> watchedGroups = Set.of();

  PushConnection(ServerWebSocket socket) {
    this.socket = socket;
  }

  boolean authenticated() {
    return principal != null;
  }
}
