package io.tandemcc.pbx;

/**
 * How a supervisor joins an agent's call. On Asterisk: ChanSpy without or with its {@code w} /
 * {@code B} option, and the DTMF digit that switches a running ChanSpy (option {@code d}) into the
 * mode.
 */
public enum SpyMode {
  /** Silent monitoring: the supervisor hears both sides; nobody hears the supervisor. */
  LISTEN('4'),
  /** Whisper (coaching): the agent hears the supervisor, the customer does not. */
  WHISPER('5'),
  /** Barge-in: the agent and the customer both hear the supervisor. */
  BARGE('6');

  private final char digit;

  SpyMode(char digit) {
    this.digit = digit;
  }

  /** The digit that switches a running spy leg into this mode. */
  public char digit() {
    return digit;
  }
}
