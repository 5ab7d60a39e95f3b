package io.tandemcc.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * HTTP digest as SIP uses it (RFC 2617, RFC 7616, RFC 8760): the {@code response} of an
 * Authorization header for {@code MD5} or {@code SHA-256}, with {@code qop=auth} or without qop.
 * Plain Java, no state.
 */
final class SipDigest {
  private SipDigest() {}

  /**
   * The JCA name of a digest {@code algorithm} parameter (absent means MD5), or null when not
   * supported.
   */
  static String jcaName(String algorithm) {
    if (algorithm == null || algorithm.isEmpty()) {
      return "MD5";
    }
    return switch (algorithm.toUpperCase(Locale.ROOT)) {
      case "MD5" -> "MD5";
      case "SHA-256" -> "SHA-256";
      default -> null;
    };
  }

  /**
   * {@code H(H(user:realm:password):nonce[:nc:cnonce:qop]:H(method:uri))}; {@code qop} null for the
   * RFC 2069 form (a challenge without qop), otherwise {@code auth} with its {@code nc} and {@code
   * cnonce}.
   */
  static String response(
      String jcaName,
      String username,
      String realm,
      String password,
      String method,
      String uri,
      String nonce,
      String qop,
      String nc,
      String cnonce) {
    String ha1 = hash(jcaName, username + ":" + realm + ":" + password);
    String ha2 = hash(jcaName, method + ":" + uri);
    return qop == null
        ? hash(jcaName, ha1 + ":" + nonce + ":" + ha2)
        : hash(jcaName, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  static String hash(String jcaName, String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalArgumentException("no digest " + jcaName, e);
    }
  }
}
