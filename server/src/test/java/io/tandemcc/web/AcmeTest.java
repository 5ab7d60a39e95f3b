package io.tandemcc.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tandemcc.Server;
import io.tandemcc.support.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * {@code TLS_MODE=acme} against a real Pebble ({@link Pebble}): the first order, its reuse at
 * restart, a renewal served without a restart, and a challenge the CA cannot reach.
 */
@DisplayName("ACME certificates (against Pebble)")
class AcmeTest {
  private static final String DOMAIN = "cc.tandem.test";

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

  @BeforeEach
  void captureLogs() {
    logs.start();
    logger().addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger().detachAppender(logs);
  }

  @Test
  @DisplayName(
      "the first start orders a certificate from the CA and serves it; a restart reuses the account"
          + " and the certificate without a new order")
  void firstStartOrdersThenRestartReuses() throws Exception {
    int httpPort = Pebble.freePort();
    Path dataDir = Files.createTempDirectory("tandemcc-acme");
    try (Pebble pebble = Pebble.start(httpPort, 7 * 24 * 3600)) {
      X509Certificate issued;
      try (Server server = start(dataDir, pebble, httpPort, Map.of())) {
        Await.until(
            () ->
                issuer(served(server.port()))
                    .equals(pebble.intermediate().getSubjectX500Principal()),
            "a certificate from Pebble's intermediate served",
            Duration.ofSeconds(60));
        issued = served(server.port());
        assertThat(AcmeStore.dnsNames(issued)).containsExactly(DOMAIN);
        assertValidChain(server.port(), pebble.root());
        Path acme = dataDir.resolve("tls").resolve("acme");
        for (String file : List.of(AcmeStore.ACCOUNT_KEY, AcmeStore.DOMAIN_KEY, AcmeStore.CHAIN)) {
          assertThat(Files.getPosixFilePermissions(acme.resolve(file)))
              .as(file + " is the owner's only")
              .extracting(Object::toString)
              .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        }
        assertThat(messages()).anyMatch(m -> m.startsWith("ACME: certificate for [" + DOMAIN));
      }
      byte[] accountKey =
          Files.readAllBytes(dataDir.resolve("tls/acme").resolve(AcmeStore.ACCOUNT_KEY));
      int ordersBefore = orders(pebble);
      assertThat(ordersBefore).as("Pebble saw the first order").isEqualTo(1);
      logs.list.clear();

      try (Server again = start(dataDir, pebble, httpPort, Map.of())) {
        assertThat(served(again.port()))
            .as("the stored certificate served from the start")
            .isEqualTo(issued);
        Thread.sleep(1_500);
        assertThat(messages()).noneMatch(m -> m.startsWith("ACME: ordering"));
        assertThat(orders(pebble)).as("no new order at the CA").isEqualTo(ordersBefore);
        assertThat(Files.readAllBytes(dataDir.resolve("tls/acme").resolve(AcmeStore.ACCOUNT_KEY)))
            .as("the same account key")
            .isEqualTo(accountKey);
      }
    }
  }

  @Test
  @DisplayName(
      "a short-lived certificate is renewed and the new one served by the open server, no restart")
  void renewalWithoutRestart() throws Exception {
    int httpPort = Pebble.freePort();
    // 30 s certificates: renewal due after 20 s (a third of the lifetime before expiry)
    try (Pebble pebble = Pebble.start(httpPort, 30);
        Server server =
            start(Files.createTempDirectory("tandemcc-acme"), pebble, httpPort, Map.of())) {
      Await.until(
          () ->
              issuer(served(server.port())).equals(pebble.intermediate().getSubjectX500Principal()),
          "the first certificate from Pebble served",
          Duration.ofSeconds(60));
      X509Certificate first = served(server.port());
      Await.until(
          () -> !served(server.port()).getSerialNumber().equals(first.getSerialNumber()),
          "a renewed certificate served on a new TLS connection",
          Duration.ofSeconds(60));
      X509Certificate renewed = served(server.port());
      assertThat(issuer(renewed)).isEqualTo(pebble.intermediate().getSubjectX500Principal());
      assertThat(renewed.getNotAfter()).isAfter(first.getNotAfter());
      assertThat(messages())
          .anyMatch(m -> m.startsWith("ACME: ordering") && m.contains("renewal due"));
      assertThat(orders(pebble)).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  @DisplayName(
      "a challenge the CA cannot reach is logged with what to check; the stand-in stays served and"
          + " the order is retried with back-off")
  void unreachableChallenge() throws Exception {
    int httpPort = Pebble.freePort();
    // Pebble validates on a port nobody listens on: as if port 80 did not reach this machine
    try (Pebble pebble = Pebble.start(Pebble.freePort(), 7 * 24 * 3600);
        Server server =
            start(
                Files.createTempDirectory("tandemcc-acme"),
                pebble,
                httpPort,
                Map.of("ACME_RETRY_SECONDS", "1"))) {
      Await.until(
          () ->
              messages().stream().filter(m -> m.startsWith("ACME: no certificate for")).count()
                  >= 2,
          "two failed attempts logged",
          Duration.ofSeconds(60));
      List<String> failures =
          messages().stream().filter(m -> m.startsWith("ACME: no certificate for")).toList();
      assertThat(failures.get(0))
          .contains("the CA could not verify " + DOMAIN + " over HTTP-01")
          .contains("[connection]")
          .contains("resolves (DNS A/AAAA) to this machine's public address")
          .contains("HTTP_REDIRECT_PORT (" + httpPort + ")")
          .contains("Serving the self-signed stand-in meanwhile")
          .endsWith("Next attempt in PT1S.");
      assertThat(failures.get(1)).as("back-off").endsWith("Next attempt in PT2S.");

      X509Certificate standIn = served(server.port());
      assertThat(standIn.getSubjectX500Principal()).isEqualTo(standIn.getIssuerX500Principal());
      assertThat(AcmeStore.dnsNames(standIn)).containsExactly(DOMAIN);
      String health = get(server.port(), "/api/health");
      assertThat(health).as("the server keeps serving").startsWith("HTTP/1.1 200");
    }
  }

  @Test
  @DisplayName(
      "settings: domains required and checked, e-mail checked, tls-alpn-01 refused with why, port 80"
          + " by default, production accepts acme")
  void settings() {
    assertThat(problems(Map.of("TLS_MODE", "acme")))
        .anyMatch(p -> p.startsWith("ACME_DOMAINS is required with TLS_MODE=acme"));
    assertThat(
            problems(
                Map.of(
                    "TLS_MODE", "acme",
                    "ACME_DOMAINS", "*.example.com,10.0.0.5,cc.example.com",
                    "ACME_EMAIL", "not-mail",
                    "ACME_CHALLENGE", "tls-alpn-01",
                    "ACME_DIRECTORY_URL", "http://ca.example/dir",
                    "ACME_CA_FILE", "/nonexistent/ca.pem")))
        .contains(
            "ACME_DOMAINS: '*.example.com' is a wildcard, which HTTP-01 cannot prove (the CA"
                + " requires DNS-01 for it)",
            "ACME_DOMAINS: '10.0.0.5' is not a public DNS name (CAs do not issue for addresses or"
                + " single labels)",
            "ACME_EMAIL: 'not-mail' is not an e-mail address",
            "ACME_DIRECTORY_URL must be an https:// URL, not 'http://ca.example/dir'",
            "ACME_CA_FILE: cannot read /nonexistent/ca.pem")
        .anyMatch(p -> p.startsWith("ACME_CHALLENGE=tls-alpn-01 is not supported"));
    io.tandemcc.config.TlsSettings tls =
        io.tandemcc.config.AppConfig.fromEnvironment(
                Map.of("TLS_MODE", "acme", "ACME_DOMAINS", "CC.example.com, www.example.com"))
            .tls();
    assertThat(tls.redirectPort()).as("HTTP-01 on port 80").hasValue(80);
    assertThat(tls.acme().orElseThrow().domains())
        .containsExactly("cc.example.com", "www.example.com");
    assertThat(tls.acme().orElseThrow().directory())
        .hasToString("https://acme-v02.api.letsencrypt.org/directory");
    assertThat(tls.hostnames())
        .as("the stand-in's names")
        .containsExactly("cc.example.com", "www.example.com");
    Map<String, String> prod =
        new HashMap<>(
            Map.of(
                "CC_MODE", "prod",
                "DATABASE_URL", "jdbc:postgresql://db/cc",
                "JWT_SECRET", "j".repeat(32),
                "SIP_UPSTREAM_SECRET", "s".repeat(32),
                "AMI_HOST", "pbx",
                "AMI_SECRET", "x",
                "TLS_MODE", "acme",
                "ACME_DOMAINS", "cc.example.com"));
    assertThat(io.tandemcc.config.AppConfig.fromEnvironment(prod).tls().mode())
        .isEqualTo(io.tandemcc.config.TlsSettings.Mode.ACME);
  }

  private static List<String> problems(Map<String, String> env) {
    try {
      io.tandemcc.config.AppConfig.fromEnvironment(env);
      return List.of();
    } catch (io.tandemcc.config.ConfigException e) {
      return e.problems();
    }
  }

  private static Server start(Path dataDir, Pebble pebble, int httpPort, Map<String, String> more) {
    Map<String, String> env = new HashMap<>();
    env.put("TLS_MODE", "acme");
    env.put("ACME_DIRECTORY_URL", pebble.directoryUrl());
    env.put("ACME_DOMAINS", DOMAIN);
    env.put("ACME_EMAIL", "ops@tandem.test");
    env.put("ACME_CA_FILE", pebble.caFile().toString());
    env.put("HTTP_REDIRECT_PORT", Integer.toString(httpPort));
    env.put("TLS_RELOAD_CHECK_SECONDS", "1");
    env.putAll(more);
    return TlsTest.start(dataDir, env);
  }

  /** The leaf a new TLS connection to the server gets (inspected, not trusted: see below). */
  private static X509Certificate served(int port) throws Exception {
    return chain(port)[0];
  }

  private static X509Certificate[] chain(int port) throws Exception {
    return exchange(port, null).chain();
  }

  /** The status line of a GET over a new TLS connection (the name is the certificate's, by SNI). */
  private static String get(int port, String path) throws Exception {
    return exchange(port, path).statusLine();
  }

  private record Exchange(X509Certificate[] chain, String statusLine) {}

  private static Exchange exchange(int port, String path) throws Exception {
    AtomicReference<X509Certificate[]> seen = new AtomicReference<>();
    // the test client records what it is shown (the trust check is assertValidChain's)
    TrustManager recorder =
        new X509TrustManager() {
          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType) {}

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.set(chain);
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {recorder}, null);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(DOMAIN)));
      socket.setSSLParameters(parameters);
      socket.setSoTimeout(5_000);
      socket.startHandshake();
      String status = null;
      if (path != null) {
        socket
            .getOutputStream()
            .write(
                ("GET " + path + " HTTP/1.1\r\nHost: " + DOMAIN + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        status =
            new java.io.BufferedReader(
                    new java.io.InputStreamReader(
                        socket.getInputStream(), java.nio.charset.StandardCharsets.US_ASCII))
                .readLine();
      }
      return new Exchange(seen.get(), status);
    }
  }

  /** The served chain validates up to Pebble's root (PKIX, as a browser trusting it would). */
  private static void assertValidChain(int port, X509Certificate root) throws Exception {
    X509Certificate[] chain = chain(port);
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(
            CertificateFactory.getInstance("X.509").generateCertPath(List.of(chain)), parameters);
  }

  private static javax.security.auth.x500.X500Principal issuer(X509Certificate cert) {
    return cert.getIssuerX500Principal();
  }

  /** Orders Pebble accepted (its log has a line per new-order request). */
  private static int orders(Pebble pebble) throws Exception {
    return (int) pebble.log().lines().filter(l -> l.contains("POST /order-plz")).count();
  }

  private List<String> messages() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static Logger logger() {
    return (Logger) LoggerFactory.getLogger(AcmeRenewal.class);
  }
}
