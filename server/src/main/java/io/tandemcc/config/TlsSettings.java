package io.tandemcc.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTPS and WSS on the server's own port (docs/tls.md). Browsers give a page the microphone only in
 * a secure context: {@code http://127.0.0.1} is one, any other plain-HTTP address is not.
 *
 * @param mode {@code TLS_MODE}: {@code off} (plain HTTP: development on the loopback, or behind a
 *     reverse proxy that terminates TLS), {@code self-signed} (a certificate generated into {@code
 *     DATA_DIR/tls}, development only) or {@code files} (PEM certificate chain and key, e.g. from
 *     certbot; re-read when they change, no restart) or {@code acme} (ordered and renewed by the
 *     server itself, {@link AcmeSettings})
 * @param certFile {@code TLS_CERT_FILE}, the PEM certificate chain ({@code files})
 * @param keyFile {@code TLS_KEY_FILE}, the PEM private key, PKCS#8 or PKCS#1 ({@code files})
 * @param hostnames {@code TLS_HOSTNAMES}: names and addresses the self-signed certificate is for
 * @param redirectPort {@code HTTP_REDIRECT_PORT}: a plain-HTTP port that answers every request with
 *     a redirect to HTTPS (production: 80); empty: none
 * @param reloadCheck {@code TLS_RELOAD_CHECK_SECONDS}: how often the certificate files are read
 *     again
 * @param acme the ACME settings ({@code acme} only)
 */
public record TlsSettings(
    Mode mode,
    Optional<Path> certFile,
    Optional<Path> keyFile,
    List<String> hostnames,
    Optional<Integer> redirectPort,
    java.time.Duration reloadCheck,
    Optional<AcmeSettings> acme) {

  public enum Mode {
    OFF,
    SELF_SIGNED,
    FILES,
    ACME
  }

  public static TlsSettings off() {
    return new TlsSettings(
        Mode.OFF,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        java.time.Duration.ofMinutes(1),
        Optional.empty());
  }

  public boolean enabled() {
    return mode != Mode.OFF;
  }

  static TlsSettings read(EnvReader r, List<String> errors, boolean dev, boolean behindProxy) {
    Optional<String> raw = r.optional("TLS_MODE");
    Mode mode = Mode.OFF;
    if (raw.isPresent()) {
      try {
        mode = Mode.valueOf(raw.get().trim().toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        errors.add("TLS_MODE must be off, self-signed, files or acme, not '" + raw.get() + "'");
      }
    } else if (!dev) {
      errors.add(
          "TLS_MODE is required in production mode: acme (ACME_DOMAINS), files (TLS_CERT_FILE and TLS_KEY_FILE), "
              + "or off behind a reverse proxy that terminates TLS (listed in TRUSTED_PROXIES)");
    }
    if (!dev && mode == Mode.SELF_SIGNED) {
      errors.add(
          "TLS_MODE=self-signed is refused in production mode: browsers would warn every agent");
    }
    if (!dev && mode == Mode.OFF && raw.isPresent() && !behindProxy) {
      errors.add(
          "TLS_MODE=off in production mode needs the reverse proxy that terminates TLS in TRUSTED_PROXIES");
    }
    Optional<Path> cert = r.optional("TLS_CERT_FILE").map(Path::of);
    Optional<Path> key = r.optional("TLS_KEY_FILE").map(Path::of);
    if (mode == Mode.FILES) {
      readable("TLS_CERT_FILE", cert, errors);
      readable("TLS_KEY_FILE", key, errors);
    }
    List<String> hostnames = new ArrayList<>();
    for (String h : r.string("TLS_HOSTNAMES", "localhost,127.0.0.1,::1").split(",")) {
      String name = h.trim();
      if (name.isEmpty()) {
        continue;
      }
      if (!name.matches("[A-Za-z0-9.:-]{1,253}")) {
        errors.add("TLS_HOSTNAMES: '" + name + "' is not a host name or IP address");
      } else {
        hostnames.add(name);
      }
    }
    Optional<Integer> redirect =
        r.optional("HTTP_REDIRECT_PORT").map(p -> r.integer("HTTP_REDIRECT_PORT", 0, 0, 65535));
    Optional<AcmeSettings> acme = Optional.empty();
    if (mode == Mode.ACME) {
      acme = Optional.of(AcmeSettings.read(r, errors));
      // HTTP-01: the CA fetches the challenge from port 80 (the redirect port answers it)
      redirect = Optional.of(redirect.orElse(80));
      if (hostnames.isEmpty() || r.optional("TLS_HOSTNAMES").isEmpty()) {
        // the redirect's fallback host and the first start's stand-in certificate: the domains
        hostnames = new ArrayList<>(acme.get().domains());
      }
    }
    if (redirect.isPresent() && mode == Mode.OFF) {
      errors.add(
          "HTTP_REDIRECT_PORT needs TLS_MODE files, acme or self-signed: there is no HTTPS to redirect to");
    }
    // how often the certificate files are looked at again (a renewal by certbot takes effect
    // without a restart)
    java.time.Duration reload =
        java.time.Duration.ofSeconds(r.integer("TLS_RELOAD_CHECK_SECONDS", 60, 1, 86_400));
    return new TlsSettings(mode, cert, key, List.copyOf(hostnames), redirect, reload, acme);
  }

  private static void readable(String name, Optional<Path> file, List<String> errors) {
    if (file.isEmpty()) {
      errors.add(name + " is required with TLS_MODE=files");
    } else if (!Files.isReadable(file.get())) {
      errors.add(name + ": cannot read " + file.get());
    }
  }

  @Override
  public String toString() {
    return switch (mode) {
          case OFF -> "off";
          case SELF_SIGNED -> "self-signed" + hostnames;
          case FILES -> "files[" + certFile.map(Path::toString).orElse("?") + "]";
          case ACME -> acme.map(AcmeSettings::toString).orElse("acme");
        }
        + redirectPort.map(p -> ", redirect from :" + p).orElse("");
  }
}
