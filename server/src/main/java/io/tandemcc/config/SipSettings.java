package io.tandemcc.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Settings of the SIP-over-WebSocket proxy (see docs/sip-proxy.md): where Asterisk's WebSocket
 * transport listens, the SIP domain put in the agents' SIP URIs, and the STUN/TURN servers handed
 * to browsers.
 *
 * @param asteriskWsUrl Asterisk's WebSocket transport, reachable only by this server (ws:// or
 *     wss://)
 * @param sipDomain host part of the agents' SIP URIs ({@code sip:<tenant>-<ext>@<sipDomain>})
 * @param stunUrls {@code stun:}/{@code stuns:} URLs, possibly empty
 * @param turnUrls {@code turn:}/{@code turns:} URLs, possibly empty
 * @param turnSecret coturn's {@code static-auth-secret}; present exactly when {@code turnUrls} is
 *     not empty
 * @param turnTtl lifetime of the TURN credentials handed out with a ticket
 * @param upstreamSecret {@code SIP_UPSTREAM_SECRET}, from which the agents' SIP passwords towards
 *     Asterisk are derived ({@code pbx.UpstreamCredentials}); empty when not configured (dev mode
 *     then generates one)
 */
public record SipSettings(
    URI asteriskWsUrl,
    String sipDomain,
    List<String> stunUrls,
    List<String> turnUrls,
    Optional<String> turnSecret,
    Duration turnTtl,
    Optional<String> upstreamSecret) {

  public static final String DEFAULT_ASTERISK_WS_URL = "ws://127.0.0.1:8088/ws";
  static final int MIN_UPSTREAM_SECRET_LENGTH = 32;

  /** Without an upstream secret. */
  public SipSettings(
      URI asteriskWsUrl,
      String sipDomain,
      List<String> stunUrls,
      List<String> turnUrls,
      Optional<String> turnSecret,
      Duration turnTtl) {
    this(asteriskWsUrl, sipDomain, stunUrls, turnUrls, turnSecret, turnTtl, Optional.empty());
  }

  public SipSettings {
    stunUrls = List.copyOf(stunUrls);
    turnUrls = List.copyOf(turnUrls);
  }

  /** True for {@code wss://}. */
  public boolean upstreamTls() {
    return "wss".equals(asteriskWsUrl.getScheme());
  }

  /** The upstream port, defaulting to 80 or 443 by scheme. */
  public int upstreamPort() {
    return asteriskWsUrl.getPort() > 0 ? asteriskWsUrl.getPort() : upstreamTls() ? 443 : 80;
  }

  /** The upstream path with its query, {@code /} when empty. */
  public String upstreamPath() {
    String path =
        asteriskWsUrl.getRawPath() == null || asteriskWsUrl.getRawPath().isEmpty()
            ? "/"
            : asteriskWsUrl.getRawPath();
    return asteriskWsUrl.getRawQuery() == null ? path : path + "?" + asteriskWsUrl.getRawQuery();
  }

  @Override
  public String toString() {
    return "SipSettings[asteriskWsUrl="
        + asteriskWsUrl
        + ", sipDomain="
        + sipDomain
        + ", stunUrls="
        + stunUrls
        + ", turnUrls="
        + turnUrls
        + ", turnSecret="
        + (turnSecret.isPresent() ? "***" : "none")
        + ", turnTtl="
        + turnTtl
        + ", upstreamSecret="
        + (upstreamSecret.isPresent() ? "set" : "generated")
        + "]";
  }

  /**
   * Reads {@code ASTERISK_WS_URL}, {@code SIP_DOMAIN}, {@code STUN_URLS}, {@code TURN_URLS}, {@code
   * TURN_SECRET} {@code TURN_TTL_SECONDS} and {@code SIP_UPSTREAM_SECRET} (whose presence in
   * production mode {@link AppConfig} checks).
   */
  static SipSettings read(EnvReader r, List<String> errors) {
    URI upstream = upstreamUrl(r.string("ASTERISK_WS_URL", DEFAULT_ASTERISK_WS_URL), errors);
    String domain =
        r.string("SIP_DOMAIN", upstream.getHost() == null ? "127.0.0.1" : upstream.getHost());
    if (!domain.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")) {
      errors.add("SIP_DOMAIN must be a host name or address, got '" + domain + "'");
    }
    List<String> stun = urls(r, "STUN_URLS", List.of("stun:", "stuns:"), errors);
    List<String> turn = urls(r, "TURN_URLS", List.of("turn:", "turns:"), errors);
    Optional<String> secret = r.optional("TURN_SECRET");
    if (!turn.isEmpty() && secret.isEmpty()) {
      errors.add("TURN_SECRET is required when TURN_URLS is set (coturn's static-auth-secret)");
    }
    if (turn.isEmpty() && secret.isPresent()) {
      errors.add("TURN_SECRET is set but TURN_URLS is empty");
    }
    secret.ifPresent(
        s -> {
          if (s.length() < 16) {
            errors.add("TURN_SECRET must be at least 16 characters long");
          }
        });
    Duration ttl = Duration.ofSeconds(r.integer("TURN_TTL_SECONDS", 43_200, 60, 7 * 24 * 3600));
    Optional<String> upstreamSecret = r.optional("SIP_UPSTREAM_SECRET");
    upstreamSecret.ifPresent(
        s -> {
          if (s.length() < MIN_UPSTREAM_SECRET_LENGTH) {
            errors.add(
                "SIP_UPSTREAM_SECRET must be at least "
                    + MIN_UPSTREAM_SECRET_LENGTH
                    + " characters long");
          }
        });
    return new SipSettings(
        upstream, domain.toLowerCase(Locale.ROOT), stun, turn, secret, ttl, upstreamSecret);
  }

  private static URI upstreamUrl(String raw, List<String> errors) {
    try {
      URI uri = new URI(raw);
      if (!("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme()))
          || uri.getHost() == null) {
        errors.add("ASTERISK_WS_URL must be a ws:// or wss:// URL with a host, got '" + raw + "'");
        return URI.create(DEFAULT_ASTERISK_WS_URL);
      }
      return uri;
    } catch (URISyntaxException e) {
      errors.add("ASTERISK_WS_URL is not a valid URL: '" + raw + "'");
      return URI.create(DEFAULT_ASTERISK_WS_URL);
    }
  }

  private static List<String> urls(
      EnvReader r, String name, List<String> schemes, List<String> errors) {
    List<String> urls =
        r.optional(name)
            .map(
                v ->
                    Arrays.stream(v.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList())
            .orElse(List.of());
    for (String url : urls) {
      if (schemes.stream().noneMatch(url::startsWith) || url.length() > 256) {
        errors.add(
            name
                + " entries must start with "
                + String.join(" or ", schemes)
                + ", got '"
                + url
                + "'");
      }
    }
    return urls;
  }
}
