package io.tandemcc.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The development certificate of {@code TLS_MODE=self-signed}: an ECDSA P-256 key and a one-year
 * certificate for {@code TLS_HOSTNAMES}, kept in {@code DATA_DIR/tls} (key readable by the owner
 * only) and made again when it is missing, unreadable, due to expire within 30 days or for other
 * names. Browsers warn about it once; it exists so that a phone on the office network (not the
 * loopback) gets a secure context for the microphone.
 */
final class SelfSignedCertificate {
  static final String CERT_FILE = "self-signed-cert.pem";
  static final String KEY_FILE = "self-signed-key.pem";
  private static final Duration VALIDITY = Duration.ofDays(365);
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private SelfSignedCertificate() {}

  /** The certificate and key files in {@code dir}, made (again) when needed. */
  static Path[] ensure(Path dir, List<String> hostnames, Clock clock) {
    Path cert = dir.resolve(CERT_FILE);
    Path key = dir.resolve(KEY_FILE);
    try {
      if (Files.isReadable(cert)
          && Files.isReadable(key)
          && stillGood(cert, hostnames, clock.instant())) {
        return new Path[] {cert, key};
      }
      Files.createDirectories(dir);
      generate(cert, key, hostnames, clock.instant());
      return new Path[] {cert, key};
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the self-signed certificate into " + dir, e);
    }
  }

  private static boolean stillGood(Path certFile, List<String> hostnames, Instant now) {
    try (var in = Files.newInputStream(certFile)) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      if (cert.getNotAfter().toInstant().isBefore(now.plus(RENEW_BEFORE))) {
        return false;
      }
      Set<String> names = new HashSet<>();
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        sans.forEach(san -> names.add(normal(String.valueOf(san.get(1)))));
      }
      return names.equals(
          new HashSet<>(hostnames.stream().map(SelfSignedCertificate::normal).toList()));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static void generate(Path certFile, Path keyFile, List<String> hostnames, Instant now)
      throws IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      KeyPair pair = generator.generateKeyPair();
      X500Name subject = new X500Name("CN=Tandem development certificate");
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              subject,
              new BigInteger(64, new SecureRandom()),
              Date.from(now.minus(Duration.ofDays(1))),
              Date.from(now.plus(VALIDITY)),
              subject,
              pair.getPublic());
      List<GeneralName> names = new ArrayList<>();
      for (String host : hostnames) {
        names.add(
            isAddress(host)
                ? new GeneralName(GeneralName.iPAddress, host)
                : new GeneralName(GeneralName.dNSName, host));
      }
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(
                      new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
      // the key first, owner-only from its creation, so it is never readable by others even for a
      // moment
      Path tmpKey =
          Files.createTempFile(
              keyFile.getParent(),
              "key",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(
          tmpKey,
          pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(pair.getPrivate(), null)));
      Files.move(
          tmpKey,
          keyFile,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Files.writeString(certFile, pem(cert));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException(
          "cannot generate the self-signed certificate: " + e.getMessage(), e);
    }
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  private static boolean isAddress(String host) {
    return host.contains(":") || host.matches("[0-9.]+");
  }

  /**
   * One spelling per name: addresses canonical (::1 and 0:0:0:0:0:0:0:1 are one), names in lower
   * case.
   */
  private static String normal(String host) {
    if (isAddress(host)) {
      try {
        return InetAddress.getByName(host).getHostAddress();
      } catch (IOException e) {
        return host;
      }
    }
    return host.toLowerCase(java.util.Locale.ROOT);
  }
}
