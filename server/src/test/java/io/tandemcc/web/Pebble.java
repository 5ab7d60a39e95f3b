package io.tandemcc.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Pebble (Let's Encrypt's ACME test server, Debian's {@code pebble} package) on random ports
 * of 127.0.0.1, with {@code pebble-challtestsrv} as its DNS server answering every name with
 * 127.0.0.1, so that HTTP-01 validation of any domain reaches this machine on {@code httpPort}.
 * Debian's package ships neither Pebble's test certificates nor its minica, so its HTTPS
 * certificate is made here, from a CA of our own ({@link #caFile()}, what {@code ACME_CA_FILE}
 * trusts). Absent the binaries the test is skipped, except under {@code CI=true}, where it fails
 * ({@code make deps-test} installs them).
 */
final class Pebble implements AutoCloseable {
  private static final Path PEBBLE = Path.of("/usr/bin/pebble");
  private static final Path CHALLTESTSRV = Path.of("/usr/bin/pebble-challtestsrv");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Process dns;
  private final Process pebble;
  private final Path dir;
  private final int port;
  private final int managementPort;
  private final SSLContext trustingCa;

  private Pebble(
      Process dns, Process pebble, Path dir, int port, int managementPort, SSLContext trustingCa) {
    this.dns = dns;
    this.pebble = pebble;
    this.dir = dir;
    this.port = port;
    this.managementPort = managementPort;
    this.trustingCa = trustingCa;
  }

  /**
   * Pebble validating HTTP-01 on {@code httpPort}, issuing certificates valid {@code validity}
   * seconds.
   */
  static Pebble start(int httpPort, long validitySeconds) throws Exception {
    if (!Files.isExecutable(PEBBLE) || !Files.isExecutable(CHALLTESTSRV)) {
      String why = "Debian's pebble package is not installed (make deps-test installs it)";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(why);
      }
      Assumptions.abort(why);
    }
    Path dir = Files.createTempDirectory("tandemcc-pebble");
    SSLContext trusting = writeCertificates(dir);
    int port = freePort();
    int management = freePort();
    int dnsPort = freePort();
    Process dns =
        new ProcessBuilder(
                CHALLTESTSRV.toString(),
                "-dns01",
                "127.0.0.1:" + dnsPort,
                "-http01",
                "",
                "-https01",
                "",
                "-tlsalpn01",
                "",
                "-management",
                "127.0.0.1:" + freePort(),
                "-defaultIPv4",
                "127.0.0.1",
                "-defaultIPv6",
                "")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("challtestsrv.log").toFile())
            .start();
    Files.writeString(
        dir.resolve("pebble-config.json"),
        """
        {"pebble": {
          "listenAddress": "127.0.0.1:%d",
          "managementListenAddress": "127.0.0.1:%d",
          "certificate": "%s",
          "privateKey": "%s",
          "httpPort": %d,
          "tlsPort": %d,
          "ocspResponderURL": "",
          "externalAccountBindingRequired": false,
          "certificateValidityPeriod": %d
        }}
        """
            .formatted(
                port,
                management,
                dir.resolve("pebble-cert.pem"),
                dir.resolve("pebble-key.pem"),
                httpPort,
                freePort(),
                validitySeconds));
    ProcessBuilder builder =
        new ProcessBuilder(
                PEBBLE.toString(),
                "-config",
                dir.resolve("pebble-config.json").toString(),
                "-dnsserver",
                "127.0.0.1:" + dnsPort)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("pebble.log").toFile());
    Map<String, String> env = builder.environment();
    env.put("PEBBLE_VA_NOSLEEP", "1");
    env.put("PEBBLE_VA_ALWAYS_VALID", "0");
    env.put("PEBBLE_WFE_NONCEREJECT", "0");
    env.put("PEBBLE_AUTHZREUSE", "0");
    Process pebble = builder.start();
    Pebble started = new Pebble(dns, pebble, dir, port, management, trusting);
    try {
      waitForPort(port, pebble);
      waitForPort(management, pebble);
    } catch (Exception e) {
      started.close();
      throw e;
    }
    return started;
  }

  String directoryUrl() {
    return "https://127.0.0.1:" + port + "/dir";
  }

  /** The CA that signed Pebble's own HTTPS certificate (ACME_CA_FILE). */
  Path caFile() {
    return dir.resolve("ca.pem");
  }

  /** The intermediate that signs what Pebble issues (regenerated at each Pebble start). */
  X509Certificate intermediate() throws Exception {
    return managementCertificate("/intermediates/0");
  }

  X509Certificate root() throws Exception {
    return managementCertificate("/roots/0");
  }

  /** Pebble's log: one line per request it handled. */
  String log() throws IOException {
    return Files.readString(dir.resolve("pebble.log"));
  }

  private X509Certificate managementCertificate(String path) throws Exception {
    HttpResponse<InputStream> r =
        HttpClient.newBuilder()
            .sslContext(trustingCa)
            .build()
            .send(
                HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + managementPort + path))
                    .build(),
                HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  /**
   * A port free now, below Linux's ephemeral range (32768 and up): a port the kernel handed out for
   * port 0 is soon handed to an outgoing connection (the test server's database pool) and the
   * server's later bind fails; Pebble and the server bind these numbers only after they are chosen.
   */
  static int freePort() throws IOException {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + RANDOM.nextInt(12_000);
      try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // another one
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }

  private static void waitForPort(int port, Process process) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("pebble ended with " + process.exitValue());
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("pebble does not listen on " + port);
  }

  /**
   * A CA, and Pebble's HTTPS certificate for 127.0.0.1 signed by it; an SSL context trusting it.
   */
  private static SSLContext writeCertificates(Path dir) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair caKey = generator.generateKeyPair();
    KeyPair key = generator.generateKeyPair();
    Instant now = Instant.now();
    X500Name caName = new X500Name("CN=Tandem test minica");
    JcaX509v3CertificateBuilder ca =
        new JcaX509v3CertificateBuilder(
            caName,
            BigInteger.ONE,
            Date.from(now.minusSeconds(3600)),
            Date.from(now.plus(Duration.ofDays(2))),
            caName,
            caKey.getPublic());
    ca.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    ca.addExtension(
        Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    X509Certificate caCert = sign(ca, caKey);
    JcaX509v3CertificateBuilder leaf =
        new JcaX509v3CertificateBuilder(
            caName,
            BigInteger.TWO,
            Date.from(now.minusSeconds(3600)),
            Date.from(now.plus(Duration.ofDays(2))),
            new X500Name("CN=127.0.0.1"),
            key.getPublic());
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    names.add(new GeneralName(GeneralName.dNSName, "localhost"));
    leaf.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(names.toArray(GeneralName[]::new)));
    Files.writeString(dir.resolve("ca.pem"), pem(caCert));
    Files.writeString(dir.resolve("pebble-cert.pem"), pem(sign(leaf, caKey)));
    Files.writeString(
        dir.resolve("pebble-key.pem"),
        pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key.getPrivate(), null)));
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("ca", caCert);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  private static X509Certificate sign(JcaX509v3CertificateBuilder builder, KeyPair signer)
      throws Exception {
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())));
  }

  private static String pem(Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(object);
    }
    return out.toString();
  }

  @Override
  public void close() {
    pebble.destroy();
    dns.destroy();
  }
}
