package io.tandemcc.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code TLS_MODE=acme}: certificates ordered from an ACME CA (Let's Encrypt by default) for {@code
 * ACME_DOMAINS}, proven with HTTP-01 on {@code HTTP_REDIRECT_PORT} (docs/tls.md).
 *
 * @param directory {@code ACME_DIRECTORY_URL}, the CA's directory
 * @param domains {@code ACME_DOMAINS}: the DNS names the certificate is for (each must point at
 *     this machine: the CA fetches the challenge from it)
 * @param email {@code ACME_EMAIL}: the account's contact, optional
 * @param caFile {@code ACME_CA_FILE}: PEM certificate(s) of the CA that signed the ACME server's
 *     own HTTPS certificate (a private CA, Pebble's in tests); empty: the JDK's trust store
 * @param renewBefore {@code ACME_RENEW_BEFORE_DAYS}: a certificate is renewed this long before it
 *     expires, or a third of its lifetime before when that is shorter
 * @param check {@code ACME_CHECK_SECONDS}: how often the certificate's expiry is looked at
 * @param retry {@code ACME_RETRY_SECONDS}: the first wait after a failed order, doubled after each
 *     failure up to six hours
 */
public record AcmeSettings(
    URI directory,
    List<String> domains,
    Optional<String> email,
    Optional<Path> caFile,
    Duration renewBefore,
    Duration check,
    Duration retry) {

  public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";

  /** A DNS name: labels of letters, digits and hyphens, at least one dot, no wildcard. */
  private static final String DNS_NAME =
      "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?";

  static AcmeSettings read(EnvReader r, List<String> errors) {
    URI directory = null;
    String rawDirectory = r.string("ACME_DIRECTORY_URL", LETS_ENCRYPT).trim();
    try {
      directory = new URI(rawDirectory);
      if (!"https".equals(directory.getScheme()) || directory.getHost() == null) {
        errors.add("ACME_DIRECTORY_URL must be an https:// URL, not '" + rawDirectory + "'");
      }
    } catch (URISyntaxException e) {
      errors.add("ACME_DIRECTORY_URL is not a URL: '" + rawDirectory + "'");
    }
    List<String> domains = new ArrayList<>();
    for (String d : r.string("ACME_DOMAINS", "").split(",")) {
      String name = d.trim().toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (name.startsWith("*.")) {
        errors.add(
            "ACME_DOMAINS: '"
                + name
                + "' is a wildcard, which HTTP-01 cannot prove (the CA requires DNS-01 for it)");
      } else if (!name.matches(DNS_NAME)) {
        errors.add(
            "ACME_DOMAINS: '"
                + name
                + "' is not a public DNS name (CAs do not issue for addresses or single labels)");
      } else if (!domains.contains(name)) {
        domains.add(name);
      }
    }
    if (domains.isEmpty()) {
      errors.add(
          "ACME_DOMAINS is required with TLS_MODE=acme: the DNS name(s) of this machine, e.g. cc.example.com");
    }
    Optional<String> email = r.optional("ACME_EMAIL").map(String::trim);
    if (email.isPresent() && !email.get().matches("[^@\\s,]+@[^@\\s,]+\\.[^@\\s,]+")) {
      errors.add("ACME_EMAIL: '" + email.get() + "' is not an e-mail address");
    }
    String challenge = r.string("ACME_CHALLENGE", "http-01").trim().toLowerCase(Locale.ROOT);
    if (challenge.equals("tls-alpn-01")) {
      errors.add(
          "ACME_CHALLENGE=tls-alpn-01 is not supported (Vert.x's HTTPS server cannot answer the"
              + " acme-tls/1 protocol); use http-01, which needs HTTP_REDIRECT_PORT (80) reachable");
    } else if (!challenge.equals("http-01")) {
      errors.add("ACME_CHALLENGE must be http-01, not '" + challenge + "'");
    }
    Optional<Path> caFile = r.optional("ACME_CA_FILE").map(String::trim).map(Path::of);
    if (caFile.isPresent() && !Files.isReadable(caFile.get())) {
      errors.add("ACME_CA_FILE: cannot read " + caFile.get());
    }
    Duration renewBefore = Duration.ofDays(r.integer("ACME_RENEW_BEFORE_DAYS", 30, 1, 365));
    Duration check = Duration.ofSeconds(r.integer("ACME_CHECK_SECONDS", 3600, 1, 86_400));
    Duration retry = Duration.ofSeconds(r.integer("ACME_RETRY_SECONDS", 600, 1, 86_400));
    return new AcmeSettings(
        directory, List.copyOf(domains), email, caFile, renewBefore, check, retry);
  }

  @Override
  public String toString() {
    return "acme" + domains + " from " + directory;
  }
}
