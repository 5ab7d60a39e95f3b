package io.tandemcc.call;

/**
 * The answer to a {@link ReattachCommand}: the call is bridged to the agent's new leg ({@code
 * problemCode} null), or refused with the HTTP status and stable code of a problem.
 *
 * @param millis how long the PBX took from the Originate to the bridge (for the reattach-time
 *     figures)
 */
public record ReattachReply(
    String callId, int status, String problemCode, String message, long millis) {
  static ReattachReply done(String callId, long millis) {
    return new ReattachReply(callId, 200, null, null, millis);
  }

  static ReattachReply refused(int status, String code, String message) {
    return new ReattachReply(null, status, code, message, 0);
  }

  public boolean ok() {
    return problemCode == null;
  }
}
