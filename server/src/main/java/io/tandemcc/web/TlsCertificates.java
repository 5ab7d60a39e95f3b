package io.tandemcc.web;

import io.tandemcc.config.TlsSettings;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

/**
 * Where the HTTPS certificate comes from ({@link TlsSettings}): the self-signed one in {@code
 * DATA_DIR/tls}, or the operator's files. The files' contents (not their paths) go to Vert.x, so a
 * renewal that rewrites them in place is a different certificate the next time {@link #read()} is
 * asked, and the HTTP verticles swap it in without a restart ({@code HttpServer.updateSSLOptions}).
 * With ACME the CA's certificate in {@code DATA_DIR/tls/acme} is served as soon as there is one,
 * until then a self-signed stand-in for the domains.
 */
public final class TlsCertificates {
  private final Path cert;
  private final Path key;

  /** ACME only: the CA's files, preferred to {@code cert}/{@code key} once they exist. */
  private final AcmeStore acme;

  private final io.tandemcc.config.AcmeSettings acmeSettings;
  private final AcmeChallenges challenges = new AcmeChallenges();

  private TlsCertificates(
      Path cert, Path key, AcmeStore acme, io.tandemcc.config.AcmeSettings acmeSettings) {
    this.cert = cert;
    this.key = key;
    this.acme = acme;
    this.acmeSettings = acmeSettings;
  }

  private TlsCertificates(Path cert, Path key) {
    this(cert, key, null, null);
  }

  /** Empty (null) when TLS is off; made once by the wiring, shared by every HTTP verticle. */
  public static TlsCertificates of(TlsSettings tls, Path dataDir, Clock clock) {
    return switch (tls.mode()) {
      case OFF -> null;
      case SELF_SIGNED -> {
        Path[] files = SelfSignedCertificate.ensure(dataDir.resolve("tls"), tls.hostnames(), clock);
        yield new TlsCertificates(files[0], files[1]);
      }
      case FILES -> new TlsCertificates(tls.certFile().orElseThrow(), tls.keyFile().orElseThrow());
      case ACME -> {
        Path[] standIn =
            SelfSignedCertificate.ensure(dataDir.resolve("tls"), tls.hostnames(), clock);
        yield new TlsCertificates(
            standIn[0],
            standIn[1],
            new AcmeStore(dataDir.resolve("tls").resolve("acme")),
            tls.acme().orElseThrow());
      }
    };
  }

  /** The HTTP-01 answers the redirect port serves (none outside ACME mode). */
  public AcmeChallenges challenges() {
    return challenges;
  }

  /**
   * ACME only (else null): starts ordering and renewing; call once {@code httpPort} answers the
   * challenges. Closed with the server.
   */
  public AcmeRenewal startRenewal(int httpPort, Clock clock) {
    return acme == null
        ? null
        : new AcmeRenewal(acmeSettings, acme, challenges, clock, httpPort).start();
  }

  /** The certificate chain and key as they are now; throws when a file cannot be read. */
  PemKeyCertOptions read() {
    boolean fromCa = acme != null && acme.hasCertificate();
    Path cert = fromCa ? acme.chainFile() : this.cert;
    Path key = fromCa ? acme.domainKeyFile() : this.key;
    try {
      return new PemKeyCertOptions()
          .setCertValue(Buffer.buffer(Files.readAllBytes(cert)))
          .setKeyValue(Buffer.buffer(Files.readAllBytes(key)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS certificate " + cert + " or its key", e);
    }
  }

  /** Whether two readings hold the same certificate and key. */
  static boolean same(PemKeyCertOptions a, PemKeyCertOptions b) {
    return Arrays.equals(a.getCertValues().get(0).getBytes(), b.getCertValues().get(0).getBytes())
        && Arrays.equals(a.getKeyValues().get(0).getBytes(), b.getKeyValues().get(0).getBytes());
  }

  Path certFile() {
    return acme != null && acme.hasCertificate() ? acme.chainFile() : cert;
  }
}
