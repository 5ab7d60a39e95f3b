package io.tandemcc.history;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Short-lived signed tickets that let a browser's {@code <audio>} element and download link (which
 * cannot send the in-memory bearer token) fetch one recording: the ticket names the tenant, the
 * user, the call record and the recording, and is issued only with a call's detail, i.e. after the
 * user's access to that call was checked. It is signed with a key made at start (HMAC-SHA256), so
 * it dies with the server and cannot be forged or moved to another recording; it expires after
 * {@link #TTL}.
 */
public final class RecordingTickets {
  public static final Duration TTL = Duration.ofMinutes(10);
  private final byte[] key = new byte[32];
  private final Clock clock;

  public RecordingTickets(Clock clock) {
    this.clock = clock;
    new SecureRandom().nextBytes(key);
  }

  /** What a valid ticket allows: this user of this tenant may fetch this recording of this call. */
  public record Grant(long tenantId, long userId, long callRecordId, long recordingId) {}

  public String issue(Grant g) {
    long expires = clock.instant().plus(TTL).getEpochSecond();
    String body =
        g.tenantId()
            + "."
            + g.userId()
            + "."
            + g.callRecordId()
            + "."
            + g.recordingId()
            + "."
            + expires;
    return body + "." + sign(body);
  }

  /** The grant of a ticket that is genuine and not expired. */
  public Optional<Grant> verify(String ticket) {
    if (ticket == null || ticket.length() > 200) {
      return Optional.empty();
    }
    int cut = ticket.lastIndexOf('.');
    if (cut < 0) {
      return Optional.empty();
    }
    String body = ticket.substring(0, cut);
    byte[] given = ticket.substring(cut + 1).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(given, sign(body).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    try {
      String[] p = body.split("\\.");
      if (p.length != 5 || Long.parseLong(p[4]) < clock.instant().getEpochSecond()) {
        return Optional.empty();
      }
      return Optional.of(
          new Grant(
              Long.parseLong(p[0]),
              Long.parseLong(p[1]),
              Long.parseLong(p[2]),
              Long.parseLong(p[3])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private String sign(String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
