package io.tandemcc.sip;

/**
 * A user's SIP WebSocket through the proxy closed, for any reason (page reloaded or closed, network lost, session
 * ended, replaced by a newer socket). Published on {@link #ADDRESS}; the proxy closes its own WebSocket to the PBX
 * right after, and the PBX removes the phone's registration. The call owner uses it to keep the customer of a call
 * in progress for the agent's reloaded page (docs/webphone.md, "Reload survival").
 *
 * @param extension the phone's extension (its PJSIP endpoint is {@code <tenant domain>-<extension>})
 * @param reason why it closed, for logs: the browser's close code or the proxy's own reason
 */
public record SipSocketClosed(long tenantId, long userId, String extension, String reason) {
  public static final String ADDRESS = "sip.socket.closed";
}
