package io.tandemcc.sip;

import io.tandemcc.support.SipTraces;
import java.nio.charset.StandardCharsets;

/**
 * The concrete attacks of issue 13 on the SIP proxy, built from the recorded traces (agent {@code
 * acme-1001}), so the guard's unit test and the end-to-end test through the real proxy send exactly
 * the same frames.
 */
final class SipAttacks {
  static final String OWN = "acme-1001";
  static final String COLLEAGUE = "acme-1002";
  static final String OTHER_TENANT = "globex-1001";

  /** The Call-ID the attacker first makes "seen" with an OPTIONS of its own. */
  static final String CALL_ID = "attacker-call-id-1";

  private SipAttacks() {}

  /**
   * The browser's own OPTIONS (trace 01's REGISTER turned into one), with Call-ID {@link #CALL_ID}.
   */
  static String ownOptions() {
    return SipTraces.frame("01", 0)
        .replace("REGISTER sip:", "OPTIONS sip:")
        .replace("CSeq: 1 REGISTER", "CSeq: 1 OPTIONS")
        .replaceAll("Contact: [^\\r]*\\r\\n", "")
        .replace("Call-ID: eplhc7fouj714npnp73rld", "Call-ID: " + CALL_ID);
  }

  /**
   * A REGISTER as {@code victim} with the OPTIONS's Call-ID and a made-up To tag: the to-tag
   * bypass.
   */
  static String registerAsWithMadeUpToTag(String victim) {
    return SipTraces.frame("01", 0)
        .replace(OWN, victim)
        .replace("Call-ID: eplhc7fouj714npnp73rld", "Call-ID: " + CALL_ID)
        .replace(
            "To: <sip:" + victim + "@127.0.0.1>", "To: <sip:" + victim + "@127.0.0.1>;tag=madeup");
  }

  /**
   * An INVITE to a premium number with the OPTIONS's Call-ID and a made-up To tag: skips the call
   * policy.
   */
  static String inviteWithMadeUpToTag(String number) {
    return SipTraces.frame("03", 0)
        .replace("sip:600@", "sip:" + number + "@")
        .replace("Call-ID: kq6j3q85i1qmr1njmufu", "Call-ID: " + CALL_ID)
        .replace(
            "To: <sip:" + number + "@127.0.0.1>", "To: <sip:" + number + "@127.0.0.1>;tag=madeup");
  }

  /**
   * The browser's own OPTIONS with {@code Content-Length: 0} and then {@code Content-Length: N},
   * the body a REGISTER as {@code victim}: jain-sip keeps the last Content-Length (one message with
   * a body), pjsip the first (two messages over its stream transport).
   */
  static String registerHiddenBehindTwoContentLengths(String victim) {
    String hidden =
        SipTraces.frame("01", 0).replace(OWN, victim).replace("eplhc7fouj714npnp73rld", "hidden-1");
    String outer =
        ownOptions()
            .replace(
                "Content-Length: 0\r\n",
                "Content-Length: 0\r\nContent-Length: "
                    + hidden.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n");
    return outer + hidden;
  }
}
