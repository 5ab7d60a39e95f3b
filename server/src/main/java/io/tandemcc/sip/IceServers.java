package io.tandemcc.sip;

import io.tandemcc.config.SipSettings;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers handed to a browser, in the shape of WebRTC's {@code RTCIceServer[]}. TURN
 * credentials follow coturn's REST-API scheme ({@code use-auth-secret}): username {@code <expiry
 * unix time>:<endpoint>}, credential {@code base64(HMAC-SHA1(secret, username))}, so coturn checks
 * them without asking us. The secret never leaves this class, nor reaches a log.
 */
public final class IceServers {
  private final SipSettings settings;
  private final Clock clock;

  public IceServers(SipSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public JsonArray forEndpoint(String endpoint) {
    JsonArray servers = new JsonArray();
    if (!settings.stunUrls().isEmpty()) {
      servers.add(new JsonObject().put("urls", new JsonArray(settings.stunUrls())));
    }
    if (!settings.turnUrls().isEmpty() && settings.turnSecret().isPresent()) {
      long expiry = clock.instant().plus(settings.turnTtl()).getEpochSecond();
      String username = expiry + ":" + endpoint;
      servers.add(
          new JsonObject()
              .put("urls", new JsonArray(settings.turnUrls()))
              .put("username", username)
              .put("credential", turnCredential(settings.turnSecret().get(), username)));
    }
    return servers;
  }

  static String turnCredential(String secret, String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available", e);
    }
  }
}
