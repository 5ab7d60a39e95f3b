package io.tandemcc.config;

import java.time.Duration;

/**
 * How the server notices a browser that is gone (docs/webphone.md, "A dead browser").
 *
 * @param socketPing how often the server pings every push and SIP WebSocket; one that leaves two
 *     pings in a row unanswered is closed
 * @param disconnectedAfter how long an agent may have no page at all before a Ready agent becomes
 *     Not Ready ("Disconnected")
 */
public record PresenceSettings(Duration socketPing, Duration disconnectedAfter) {
  public static final PresenceSettings DEFAULTS =
      new PresenceSettings(Duration.ofSeconds(15), Duration.ofSeconds(20));

  static PresenceSettings read(EnvReader r) {
    return new PresenceSettings(
        Duration.ofSeconds(r.integer("SOCKET_PING_SECONDS", 15, 1, 300)),
        Duration.ofSeconds(r.integer("DISCONNECTED_AFTER_SECONDS", 20, 1, 3600)));
  }
}
