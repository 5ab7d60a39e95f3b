package io.tandemcc.sip;

import gov.nist.javax.sip.message.SIPMessage;

/** What the proxy does with one frame. */
sealed interface Verdict {

  /**
   * Forward the original frame unchanged. {@code dial} is set for an out-of-dialog INVITE from the
   * browser: the call policy decides first. {@code note}, if set, is worth a log line (a header
   * from Asterisk that the proxy could not parse and forwards anyway).
   */
  record Forward(SIPMessage message, Dial dial, String note) implements Verdict {
    Forward(SIPMessage message) {
      this(message, null, null);
    }

    Forward(SIPMessage message, Dial dial) {
      this(message, dial, null);
    }
  }

  /**
   * Do not forward; answer the sender with this SIP response (the proxy's own 400, 403…). {@code
   * what} names the message for the log ({@code "INVITE Call-ID abc"}); {@code why} says what was
   * wrong.
   */
  record Answer(String response, int status, String what, String why) implements Verdict {}

  /**
   * Do not forward and do not answer (responses, ACKs and unreadable frames cannot be answered).
   */
  record Drop(String what, String why) implements Verdict {}

  /** An RFC 5626 ping from the browser: the proxy, its next hop, answers the pong itself. */
  record AnswerPing() implements Verdict {}

  /** A keep-alive (an upstream ping, a browser pong) that passes through unchanged. */
  record PassKeepAlive() implements Verdict {}

  /** An out-of-dialog INVITE to {@code target}, the Request-URI user as the browser dialled it. */
  record Dial(String target) {}
}
