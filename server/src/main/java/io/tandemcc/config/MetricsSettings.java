package io.tandemcc.config;

import java.util.List;
import java.util.Optional;

/**
 * Who may read {@code /metrics} (Prometheus text format). A scraper is let in when its connection
 * comes from one of {@code allowedSources} (the socket's peer: {@code X-Forwarded-For} is not
 * believed here, a proxy in front would otherwise let everyone in) or when it sends {@code
 * Authorization: Bearer <token>}.
 *
 * @param enabled {@code METRICS_ENABLED}; off: {@code /metrics} answers 404 and nothing is measured
 * @param allowedSources {@code METRICS_ALLOW}, default the loopback addresses
 * @param token {@code METRICS_TOKEN}, at least 32 characters; empty: no token opens it
 */
public record MetricsSettings(
    boolean enabled, AddressRanges allowedSources, Optional<String> token) {
  static final int MIN_TOKEN_LENGTH = 32;

  public static MetricsSettings defaults() {
    return new MetricsSettings(
        true,
        AddressRanges.parse("METRICS_ALLOW", "127.0.0.1,::1", new java.util.ArrayList<>()),
        Optional.empty());
  }

  static MetricsSettings read(EnvReader r, List<String> errors) {
    boolean enabled = r.bool("METRICS_ENABLED", true);
    AddressRanges allowed =
        AddressRanges.parse("METRICS_ALLOW", r.string("METRICS_ALLOW", "127.0.0.1,::1"), errors);
    Optional<String> token = r.optional("METRICS_TOKEN");
    token.ifPresent(
        t -> {
          if (t.length() < MIN_TOKEN_LENGTH) {
            errors.add("METRICS_TOKEN must be at least " + MIN_TOKEN_LENGTH + " characters long");
          }
        });
    return new MetricsSettings(enabled, allowed, token);
  }

  @Override
  public String toString() {
    return enabled
        ? "[allow=" + allowedSources + ", token=" + (token.isPresent() ? "set" : "none") + "]"
        : "off";
  }
}
