package io.tandemcc.agent;

/**
 * Why an agent is Not Ready: a stable {@code code} for reports and a {@code label} for people.
 *
 * @throws IllegalArgumentException if code or label is null or blank
 */
public record Reason(String code, String label) {
  /** Given to an agent who has just logged in. */
  public static final Reason LOGIN = new Reason("login", "Login");

  /**
   * Given to an agent who let a queue call ring out, so queues stop offering calls to an absent
   * agent.
   */
  public static final Reason MISSED_CALL = new Reason("missed-call", "Missed call");

  /**
   * Given to a Ready agent for whom click-to-dial places a call, so queues stop offering calls
   * meanwhile.
   */
  public static final Reason OUTBOUND_CALL = new Reason("outbound-call", "Outbound call");

  /**
   * Given to a Ready agent (or one in wrap-up, who would become Ready) whose last page has been
   * gone for the configured time (DISCONNECTED_AFTER_SECONDS): a killed browser must not keep a
   * seat that queues offer calls to.
   */
  public static final Reason DISCONNECTED = new Reason("disconnected", "Disconnected");

  public Reason {
    if (code == null || code.isBlank()) {
      throw new IllegalArgumentException("a reason needs a non-blank code");
    }
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("a reason needs a non-blank label");
    }
  }
}
