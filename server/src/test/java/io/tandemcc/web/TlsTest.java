package io.tandemcc.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tandemcc.Server;
import io.tandemcc.config.AppConfig;
import io.tandemcc.config.ConfigException;
import io.tandemcc.support.Api;
import io.tandemcc.support.Await;
import io.tandemcc.support.TestServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * HTTPS and WSS on the server's own port: the generated development certificate, files, renewal,
 * the redirect.
 */
@DisplayName("TLS")
class TlsTest {

  @Test
  @DisplayName(
      "self-signed: the API and the push WebSocket over TLS, the certificate kept for the next start")
  void selfSigned() throws Exception {
    Path dataDir = Files.createTempDirectory("tandemcc-tls");
    X509Certificate first;
    try (Server server = start(dataDir, Map.of("TLS_MODE", "self-signed"))) {
      Path certFile = dataDir.resolve("tls").resolve(SelfSignedCertificate.CERT_FILE);
      first = read(certFile);
      assertThat(first.getSubjectAlternativeNames())
          .extracting(san -> san.get(1).toString())
          .contains("localhost", "127.0.0.1");
      assertThat(
              Files.getPosixFilePermissions(
                  dataDir.resolve("tls").resolve(SelfSignedCertificate.KEY_FILE)))
          .as("the key is the owner's only")
          .extracting(Object::toString)
          .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
      SSLContext trusting = trusting(first);
      Api api = Api.https(server.port(), trusting);
      Api.Response health = api.get("/api/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.raw().sslSession()).isPresent();
      assertThat(health.raw().sslSession().get().getPeerCertificates()[0]).isEqualTo(first);

      // the browsers' push channel upgrades over TLS too (wss://)
      CompletableFuture<String> firstMessage = new CompletableFuture<>();
      WebSocket ws =
          HttpClient.newBuilder()
              .sslContext(trusting)
              .build()
              .newWebSocketBuilder()
              .buildAsync(
                  URI.create("wss://127.0.0.1:" + server.port() + "/api/push"),
                  new WebSocket.Listener() {
                    @Override
                    public CompletableFuture<?> onClose(
                        WebSocket webSocket, int statusCode, String reason) {
                      firstMessage.complete("closed " + statusCode);
                      return null;
                    }
                  })
              .get(5, TimeUnit.SECONDS);
      assertThat(ws.isOutputClosed()).isFalse();
      ws.abort();

      // plain HTTP on the TLS port is not served
      HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(
              () ->
                  plain.send(
                      HttpRequest.newBuilder(
                              URI.create("http://127.0.0.1:" + server.port() + "/api/health"))
                          .timeout(Duration.ofSeconds(5))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(java.io.IOException.class);
    }
    try (Server again = start(dataDir, Map.of("TLS_MODE", "self-signed"))) {
      assertThat(read(dataDir.resolve("tls").resolve(SelfSignedCertificate.CERT_FILE)))
          .as("reused")
          .isEqualTo(first);
    }
    try (Server renamed =
        start(
            dataDir,
            Map.of("TLS_MODE", "self-signed", "TLS_HOSTNAMES", "cc.office.lan,10.0.0.5"))) {
      X509Certificate other = read(dataDir.resolve("tls").resolve(SelfSignedCertificate.CERT_FILE));
      assertThat(other).as("made again for other names").isNotEqualTo(first);
      assertThat(other.getSubjectAlternativeNames())
          .extracting(san -> san.get(1).toString())
          .containsExactlyInAnyOrder("cc.office.lan", "10.0.0.5");
    }
  }

  @Test
  @DisplayName(
      "files: a certificate rewritten in place (a renewal) is served without a restart; a broken one is not")
  void filesAndRenewal() throws Exception {
    Path certs = Files.createTempDirectory("tandemcc-certs");
    Path[] a =
        SelfSignedCertificate.ensure(certs.resolve("a"), List.of("127.0.0.1"), Clock.systemUTC());
    Path[] b =
        SelfSignedCertificate.ensure(
            certs.resolve("b"), List.of("127.0.0.1", "localhost"), Clock.systemUTC());
    Path cert = certs.resolve("cert.pem");
    Path key = certs.resolve("key.pem");
    Files.copy(a[0], cert);
    Files.copy(a[1], key);
    X509Certificate certA = read(a[0]);
    X509Certificate certB = read(b[0]);
    try (Server server =
        start(
            Files.createTempDirectory("tandemcc-tls"),
            Map.of(
                "TLS_MODE",
                "files",
                "TLS_CERT_FILE",
                cert.toString(),
                "TLS_KEY_FILE",
                key.toString(),
                "TLS_RELOAD_CHECK_SECONDS",
                "1"))) {
      Api api = Api.https(server.port(), trusting(certA, certB));
      assertThat(served(api)).isEqualTo(certA);

      Files.writeString(cert, "not a certificate");
      Thread.sleep(2_500);
      assertThat(served(api))
          .as("a broken file keeps the certificate being served")
          .isEqualTo(certA);

      Files.copy(b[1], key, StandardCopyOption.REPLACE_EXISTING);
      Files.copy(b[0], cert, StandardCopyOption.REPLACE_EXISTING);
      Await.until(
          () -> certB.equals(served(Api.https(server.port(), trusting(certA, certB)))),
          "the renewed certificate served",
          Duration.ofSeconds(10));
    }
  }

  @Test
  @DisplayName("HTTP_REDIRECT_PORT answers every request with a 301 to the same path over HTTPS")
  void redirect() throws Exception {
    int redirectPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      redirectPort = s.getLocalPort();
    }
    try (Server server =
        start(
            Files.createTempDirectory("tandemcc-tls"),
            Map.of(
                "TLS_MODE", "self-signed", "HTTP_REDIRECT_PORT", Integer.toString(redirectPort)))) {
      HttpClient plain = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
      HttpResponse<String> r =
          plain.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + redirectPort + "/login?next=%2Fagent"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(301);
      assertThat(r.headers().firstValue("Location"))
          .hasValue("https://127.0.0.1:" + server.port() + "/login?next=%2Fagent");
      // the ACME HTTP-01 path is answered there, not redirected: a token of no order under way is a
      // 404
      HttpResponse<String> challenge =
          plain.send(
              HttpRequest.newBuilder(
                      URI.create(
                          "http://127.0.0.1:" + redirectPort + "/.well-known/acme-challenge/abc"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(challenge.statusCode()).isEqualTo(404);
    }
    assertThat(HttpsRedirect.hostOf("evil.example\r\nSet-Cookie: x", "cc.example"))
        .isEqualTo("cc.example");
    assertThat(HttpsRedirect.hostOf("[::1]:8080", "cc.example")).isEqualTo("[::1]");
    assertThat(HttpsRedirect.hostOf("cc.example:80", "x")).isEqualTo("cc.example");
  }

  @Test
  @DisplayName(
      "settings: production asks for a TLS choice; self-signed is for development; files must be readable")
  void settings() {
    Map<String, String> prod =
        new HashMap<>(
            Map.of(
                "CC_MODE",
                "prod",
                "DATABASE_URL",
                "jdbc:postgresql://db/cc",
                "JWT_SECRET",
                "j".repeat(32),
                "SIP_UPSTREAM_SECRET",
                "s".repeat(32),
                "AMI_HOST",
                "pbx",
                "AMI_SECRET",
                "x"));
    assertThatThrownBy(() -> AppConfig.fromEnvironment(prod))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.startsWith("TLS_MODE is required in production mode")));
    prod.put("TLS_MODE", "self-signed");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(prod))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.contains("self-signed is refused in production")));
    prod.put("TLS_MODE", "off");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(prod))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems()).anyMatch(p -> p.contains("TRUSTED_PROXIES")));
    prod.put("TRUSTED_PROXIES", "10.0.0.1");
    assertThat(AppConfig.fromEnvironment(prod).tls().enabled())
        .as("behind a proxy that terminates TLS")
        .isFalse();
    prod.put("TLS_MODE", "files");
    prod.put("TLS_CERT_FILE", "/nonexistent/cert.pem");
    assertThatThrownBy(() -> AppConfig.fromEnvironment(prod))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .anyMatch(p -> p.equals("TLS_CERT_FILE: cannot read /nonexistent/cert.pem"))
                    .anyMatch(p -> p.equals("TLS_KEY_FILE is required with TLS_MODE=files")));
    assertThatThrownBy(() -> AppConfig.fromEnvironment(Map.of("TLS_MODE", "maybe")))
        .isInstanceOf(ConfigException.class);
    assertThat(AppConfig.fromEnvironment(Map.of("TLS_MODE", "self-signed")).secureCookies())
        .as("cookies marked Secure once served over TLS")
        .isTrue();
  }

  private static X509Certificate served(Api api) throws Exception {
    return (X509Certificate)
        api.get("/api/health").raw().sslSession().orElseThrow().getPeerCertificates()[0];
  }

  static Server start(Path dataDir, Map<String, String> settings) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "CC_MODE",
                "dev",
                "HTTP_PORT",
                "0",
                "DATA_DIR",
                dataDir.toString(),
                "DATABASE_URL",
                TestServer.get().embeddedJdbcUrl().orElseThrow(),
                "DATABASE_USER",
                "postgres",
                "DEMO_DATA",
                "false",
                "DEMO_CALLS",
                "off"));
    env.putAll(settings);
    return Server.start(AppConfig.fromEnvironment(env));
  }

  private static X509Certificate read(Path pem) throws Exception {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static SSLContext trusting(X509Certificate... certs) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    for (int i = 0; i < certs.length; i++) {
      store.setCertificateEntry("c" + i, certs[i]);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
