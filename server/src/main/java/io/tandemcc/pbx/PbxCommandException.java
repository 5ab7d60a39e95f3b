package io.tandemcc.pbx;

/** The PBX refused an action, did not answer in time, or the link was down. */
public final class PbxCommandException extends RuntimeException {
  private final String pbx;
  private final String action;
  private final String pbxMessage;

  public PbxCommandException(String pbx, String action, String pbxMessage) {
    super(action + " failed on " + pbx + ": " + pbxMessage);
    this.pbx = pbx;
    this.action = action;
    this.pbxMessage = pbxMessage;
  }

  public PbxCommandException(String pbx, String action, String pbxMessage, Throwable cause) {
    this(pbx, action, pbxMessage);
    initCause(cause);
  }

  /** The id of the PBX the action was sent to. */
  public String pbx() {
    return pbx;
  }

  /** The action that failed, e.g. {@code QueuePause}. */
  public String action() {
    return action;
  }

  /** The PBX's own message, e.g. {@code Interface not found}, or what went wrong locally. */
  public String pbxMessage() {
    return pbxMessage;
  }
}
