package io.tandemcc.call;

/**
 * A user's SIP WebSocket through the proxy closed, for any reason (page reloaded or closed, network
 * lost, session ended, replaced by a newer socket). Published on {@link #ADDRESS}; the proxy closes
 * its own WebSocket to the PBX right after, and the PBX removes the phone's registration. The call
 * owner uses it to keep the customer of a call in progress for the agent's reloaded page
 * (docs/webphone.md, "Reload survival"). It is declared here, by its consumer, because the proxy
 * (layer sip) sits above the call layer and may depend on it, not the other way.
 *
 * @param extension the phone's extension (its PJSIP endpoint is {@code <tenant
 *     domain>-<extension>})
 * @param reason why it closed, for logs: the browser's close code or the proxy's own reason
 */
public record SipSocketClosed(long tenantId, long userId, String extension, String reason) {
  public static final String ADDRESS = "sip.socket.closed";

  /**
   * The proxy's reasons when the page did not go away: the server stops, or Asterisk's side is
   * gone.
   */
  public static final String SERVER_STOPPING = "server stopping";

  public static final String UPSTREAM_LOST = "SIP server connection lost";
  public static final String UPSTREAM_UNAVAILABLE = "SIP server unavailable";

  /**
   * Whether the page (or its network) let the socket go, or another device replaced it, rather than
   * the server stopping or Asterisk's side failing. A server that stops must not move its calls:
   * their media does not pass through it and goes on.
   */
  public boolean pageWentAway() {
    return !java.util.Set.of(SERVER_STOPPING, UPSTREAM_LOST, UPSTREAM_UNAVAILABLE).contains(reason);
  }
}
