package io.tandemcc.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.shredzone.acme4j.util.KeyPairUtils;

/**
 * What {@code TLS_MODE=acme} keeps in {@code DATA_DIR/tls/acme}, every file owner-only ({@code
 * rw-------}): the account key (the CA knows the account by it, so a restart logs in to the same
 * account), the domain key and the certificate chain the CA issued for it. The domain key stays
 * across renewals so that the one file a renewal rewrites (the chain, replaced atomically) never
 * pairs with another key while an HTTP verticle reads the two.
 */
final class AcmeStore {
  static final String ACCOUNT_KEY = "account-key.pem";
  static final String DOMAIN_KEY = "domain-key.pem";
  static final String CHAIN = "certificate.pem";

  private final Path dir;

  AcmeStore(Path dir) {
    this.dir = dir;
  }

  Path chainFile() {
    return dir.resolve(CHAIN);
  }

  Path domainKeyFile() {
    return dir.resolve(DOMAIN_KEY);
  }

  Path accountKeyFile() {
    return dir.resolve(ACCOUNT_KEY);
  }

  /** Whether a certificate the CA issued is there to be served. */
  boolean hasCertificate() {
    return Files.isReadable(chainFile()) && Files.isReadable(domainKeyFile());
  }

  KeyPair accountKey() {
    return keyPair(accountKeyFile());
  }

  KeyPair domainKey() {
    return keyPair(domainKeyFile());
  }

  /** The leaf certificate stored, if any can be read. */
  Optional<X509Certificate> certificate() {
    if (!Files.isReadable(chainFile())) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(chainFile())) {
      return Optional.of(
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Why a certificate must be ordered now, or empty when the stored one serves on: none, for other
   * names, or due for renewal ({@link #renewalDue}).
   */
  Optional<String> orderReason(List<String> domains, Instant now, Duration renewBefore) {
    Optional<X509Certificate> stored = hasCertificate() ? certificate() : Optional.empty();
    if (stored.isEmpty()) {
      return Optional.of("no certificate from the CA yet");
    }
    X509Certificate cert = stored.get();
    if (!dnsNames(cert).equals(new HashSet<>(domains))) {
      return Optional.of("the stored certificate is for " + dnsNames(cert) + ", not " + domains);
    }
    Instant due = renewalDue(cert, renewBefore);
    if (!now.isBefore(due)) {
      return Optional.of(
          "the certificate expires at "
              + cert.getNotAfter().toInstant()
              + " (renewal due "
              + due
              + ")");
    }
    return Optional.empty();
  }

  /**
   * When a certificate is renewed: {@code renewBefore} ahead of its expiry, or a third of its
   * lifetime ahead when that is shorter (a six-day certificate is renewed after four days, not at
   * once).
   */
  static Instant renewalDue(X509Certificate cert, Duration renewBefore) {
    Instant notBefore = cert.getNotBefore().toInstant();
    Instant notAfter = cert.getNotAfter().toInstant();
    Duration third = Duration.between(notBefore, notAfter).dividedBy(3);
    return notAfter.minus(third.compareTo(renewBefore) < 0 ? third : renewBefore);
  }

  /** The key in {@code file}, made (owner-only) when there is none yet. */
  private KeyPair keyPair(Path file) {
    try {
      if (Files.isReadable(file)) {
        try (var in = Files.newBufferedReader(file)) {
          return KeyPairUtils.readKeyPair(in);
        }
      }
      KeyPair pair = KeyPairUtils.createECKeyPair("secp384r1");
      StringWriter pem = new StringWriter();
      KeyPairUtils.writeKeyPair(pair, pem);
      writePrivate(file, pem.toString());
      return pair;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the ACME key " + file, e);
    }
  }

  /** Replaces the certificate chain in one step: a reader sees the old file or the new one. */
  void saveChain(String pem) {
    try {
      writePrivate(chainFile(), pem);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the ACME certificate " + chainFile(), e);
    }
  }

  private void writePrivate(Path file, String content) throws IOException {
    Files.createDirectories(dir);
    Path tmp =
        Files.createTempFile(
            dir,
            "new",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.writeString(tmp, content);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static Set<String> dnsNames(X509Certificate cert) {
    Set<String> names = new HashSet<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (Integer.valueOf(2).equals(san.get(0))) {
            names.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (GeneralSecurityException e) {
      // no names: a different certificate
    }
    return names;
  }
}
