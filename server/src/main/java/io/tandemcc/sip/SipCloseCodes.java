package io.tandemcc.sip;

/**
 * WebSocket close codes of {@code /api/sip}. JsSIP treats any close it did not ask for as a lost
 * connection; the webphone reads the code to choose between reconnecting (with a new ticket) and
 * signing out.
 */
public final class SipCloseCodes {
  /** The user's sessions ended (logout): do not reconnect. Same code as the push channel. */
  public static final short SESSION_ENDED = 4001;

  /**
   * The login session behind the ticket was revoked: sign in again. Same code as the push channel.
   */
  public static final short SESSION_REVOKED = 4401;

  /** The connection to Asterisk was lost: reconnect with a new ticket. */
  public static final short UPSTREAM_LOST = 4502;

  /** Asterisk could not be reached: reconnect later with a new ticket. */
  public static final short UPSTREAM_UNAVAILABLE = 4503;

  /**
   * The user's phone was taken over: one active phone per agent, so a newer SIP socket of the same
   * user (another device or browser, or a reloaded page) closes the older ones with this code. The
   * page shows that another device took over and offers to take the phone back; it does not
   * reconnect by itself.
   */
  public static final short REPLACED = 4409;

  /** The browser left two pings in a row unanswered; a live page reconnects with a new ticket. */
  public static final short NOT_ANSWERING = 4408;

  /** The browser sent a message over 64 KiB. */
  public static final short MESSAGE_TOO_BIG = 1009;

  /** The server is shutting down. */
  public static final short GOING_AWAY = 1001;

  private SipCloseCodes() {}
}
