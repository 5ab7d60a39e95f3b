package io.tandemcc.sip;

import gov.nist.javax.sip.header.RetryAfter;
import gov.nist.javax.sip.header.Server;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.HexFormat;
import javax.sip.InvalidArgumentException;

/**
 * Responses the proxy answers itself (403, 400, 503…): Via, From, To, Call-ID and CSeq copied from
 * the request as RFC 3261 §8.2.6 asks, a To tag added when the request had none, and the given
 * reason phrase, which JsSIP shows to the webphone as the failure's {@code reason_phrase}.
 */
final class SipResponses {
  static final String SERVER = "tandemcc-sip-proxy";
  private static final SecureRandom RANDOM = new SecureRandom();

  private SipResponses() {}

  static String answer(SIPRequest request, int status, String reason) {
    return build(request, status, reason, -1);
  }

  /** A 503 asking the browser to wait {@code retryAfterSeconds} before retrying. */
  static String serviceUnavailable(SIPRequest request, String reason, int retryAfterSeconds) {
    return build(request, 503, reason, retryAfterSeconds);
  }

  private static String build(
      SIPRequest request, int status, String reason, int retryAfterSeconds) {
    SIPResponse response = request.createResponse(status, reason.replaceAll("[\\r\\n]", " "));
    try {
      if (response.getTo().getTag() == null && status > 100) {
        response.getTo().setTag(HexFormat.of().formatHex(tag()));
      }
      if (retryAfterSeconds >= 0) {
        RetryAfter retryAfter = new RetryAfter();
        retryAfter.setRetryAfter(retryAfterSeconds);
        response.setHeader(retryAfter);
      }
      Server server = new Server();
      server.addProductToken(SERVER);
      response.setHeader(server);
    } catch (ParseException | InvalidArgumentException e) {
      throw new IllegalStateException("cannot build a " + status + " response", e);
    }
    return response.encode();
  }

  private static byte[] tag() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
