package io.tandemcc.pbx;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The per-agent SIP credentials between the Tandem server and Asterisk (docs/sip-proxy.md,
 * "Per-agent upstream secret"): the password of endpoint {@code <tenant>-<ext>} is {@code
 * base64url(HMAC-SHA256(SIP_UPSTREAM_SECRET, "<tenant>-<ext>"))}. It is derived, never stored and
 * never sent to a browser: the provisioning renders it into Asterisk's {@code type=auth} objects
 * and the SIP proxy answers Asterisk's digest challenges with it, so both sides agree without
 * sharing anything but the secret. Rotating the secret rotates every agent's password.
 */
public final class UpstreamCredentials {
  /**
   * The realm of the generated auth objects. The proxy answers only challenges for this realm; any
   * other challenge (a hand-written lab configuration, the recorded traces' {@code asterisk})
   * passes through to the browser.
   */
  public static final String REALM = "tandem";

  public static final int MIN_SECRET_LENGTH = 32;

  private final SecretKeySpec key;

  public UpstreamCredentials(String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "the upstream secret must be at least " + MIN_SECRET_LENGTH + " characters long");
    }
    key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The SIP password of a PJSIP endpoint, e.g. {@code acme-1001}: 43 URL-safe characters. */
  public String password(String endpoint) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(endpoint.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
    }
  }

  /** Never the secret: this object ends up in log lines with the settings that hold it. */
  @Override
  public String toString() {
    return "UpstreamCredentials[realm=" + REALM + ", secret=***]";
  }
}
