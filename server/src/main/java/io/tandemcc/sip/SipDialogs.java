package io.tandemcc.sip;

/**
 * The dialogs one connection established, and the transactions that may still establish one (RFC
 * 3261 §12). A dialog is its Call-ID, the browser's (local) tag and Asterisk's (remote) tag, learnt
 * only from:
 *
 * <ul>
 *   <li>an INVITE or SUBSCRIBE the browser sent out of dialog on this connection (Call-ID, local
 *       tag = its From tag), completed by Asterisk's response carrying a To tag (the remote tag);
 *   <li>an INVITE or SUBSCRIBE Asterisk sent to this connection (Call-ID, remote tag = its From
 *       tag), completed by the browser's forwarded 1xx/2xx carrying a To tag (the local tag);
 *   <li>any request Asterisk sent with a To tag (its in-dialog requests, a NOTIFY for the browser's
 *       SUBSCRIBE).
 * </ul>
 *
 * A Call-ID merely seen (an OPTIONS, a REGISTER) establishes nothing. Each dialog keeps the URI
 * user the browser is known by in it: its endpoint in its own dialogs, the To user Asterisk
 * addressed in Asterisk's. Bounded like {@link RecentKeys}; not thread-safe (one connection's event
 * loop).
 */
final class SipDialogs {
  static final int MEMORY = 1024;

  /**
   * A dialog: the browser's URI user in it; {@code ackOnly} when it is only a rejected INVITE's,
   * for its ACK.
   */
  record Dialog(String localUser, boolean ackOnly) {}

  /**
   * The browser's own INVITEs and SUBSCRIBEs without To tag, by Call-ID and From tag: its URI user.
   */
  private final RecentKeys<String> outgoing = new RecentKeys<>(MEMORY);

  /**
   * Asterisk's INVITEs and SUBSCRIBEs without To tag, by Call-ID and From tag: the To user they
   * address.
   */
  private final RecentKeys<String> incoming = new RecentKeys<>(MEMORY);

  /** Every request Asterisk sent, by Call-ID and From tag: what a browser response may answer. */
  private final RecentKeys<Boolean> asteriskRequests = new RecentKeys<>(MEMORY);

  private final RecentKeys<Dialog> dialogs = new RecentKeys<>(MEMORY);

  void browserStarted(String callId, String localTag, String localUser) {
    outgoing.remember(key(callId, localTag), localUser);
  }

  /**
   * Whether the browser sent an INVITE or SUBSCRIBE with this Call-ID and From tag (what a CANCEL
   * may cancel).
   */
  boolean browserStartedOne(String callId, String localTag) {
    return outgoing.get(key(callId, localTag)) != null;
  }

  /**
   * Asterisk's response to a browser's request; {@code final} non-2xx ones only admit their ACK.
   */
  void asteriskAnswered(
      String callId, String localTag, String remoteTag, String method, int status) {
    String user =
        remoteTag == null || !isDialogMethod(method) ? null : outgoing.get(key(callId, localTag));
    if (user != null && status > 100) {
      remember(callId, localTag, remoteTag, new Dialog(user, status >= 300));
    }
  }

  /**
   * A request from Asterisk, with its To tag (the browser's, if in a dialog) and the To URI user.
   */
  void asteriskRequested(
      String callId, String remoteTag, String localTag, String method, String toUser) {
    asteriskRequests.remember(key(callId, remoteTag), Boolean.TRUE);
    if (localTag != null) {
      remember(callId, localTag, remoteTag, new Dialog(toUser, false));
    } else if (isDialogMethod(method)) {
      incoming.remember(key(callId, remoteTag), toUser == null ? "" : toUser);
    }
  }

  /**
   * Whether a browser response (Call-ID, From tag = Asterisk's) answers a request Asterisk sent
   * here.
   */
  boolean answersAsterisk(String callId, String remoteTag) {
    return asteriskRequests.get(key(callId, remoteTag)) != null;
  }

  /**
   * The browser's forwarded response: a 1xx/2xx with a To tag to Asterisk's INVITE/SUBSCRIBE makes
   * the dialog.
   */
  void browserAnswered(
      String callId, String remoteTag, String localTag, String method, int status) {
    if (localTag == null || !isDialogMethod(method) || status <= 100 || status >= 300) {
      return;
    }
    String user = incoming.get(key(callId, remoteTag));
    if (user != null) {
      remember(callId, localTag, remoteTag, new Dialog(user, false));
    }
  }

  /** The dialog with exactly these Call-ID and tags, or null. */
  Dialog find(String callId, String localTag, String remoteTag) {
    return localTag == null || remoteTag == null
        ? null
        : dialogs.get(key(callId, localTag, remoteTag));
  }

  private void remember(String callId, String localTag, String remoteTag, Dialog dialog) {
    Dialog known = dialogs.get(key(callId, localTag, remoteTag));
    // a rejected INVITE's tag never downgrades a confirmed dialog
    dialogs.remember(
        key(callId, localTag, remoteTag),
        known != null && !known.ackOnly() && dialog.ackOnly() ? known : dialog);
  }

  private static boolean isDialogMethod(String method) {
    return "INVITE".equals(method) || "SUBSCRIBE".equals(method);
  }

  private static String key(String... parts) {
    // NUL cannot occur in a parsed Call-ID or tag
    return String.join("\0", parts);
  }
}
