package io.tandemcc.web;

import io.tandemcc.config.AcmeSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * One certificate order over ACME (RFC 8555) with acme4j: log in with the stored account key (the
 * CA finds the account by it, or opens one), order the domains, answer each HTTP-01 challenge on
 * the redirect port, finalize with the domain key and fetch the chain. Blocking: run on the ACME
 * thread only. Every way it fails becomes an {@link Failure} whose message says what to do.
 */
final class AcmeOrder {
  private static final Duration WAIT = Duration.ofMinutes(2);

  static {
    // acme4j signs its CSR and reads keys through BouncyCastle's provider, found by name; added
    // last, so the JDK's own providers stay the defaults for everything else
    if (java.security.Security.getProvider("BC") == null) {
      java.security.Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
    }
  }

  private final AcmeSettings settings;
  private final AcmeStore store;
  private final AcmeChallenges challenges;
  private final int httpPort;

  AcmeOrder(AcmeSettings settings, AcmeStore store, AcmeChallenges challenges, int httpPort) {
    this.settings = settings;
    this.store = store;
    this.challenges = challenges;
    this.httpPort = httpPort;
  }

  /** An order that did not give a certificate; the message is for the operator. */
  static final class Failure extends Exception {
    Failure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The PEM certificate chain issued for the domains and the stored domain key. */
  String run() throws Failure, InterruptedException {
    List<String> tokens = new ArrayList<>();
    try {
      Session session = new Session(settings.directory(), provider());
      AccountBuilder account =
          new AccountBuilder().agreeToTermsOfService().useKeyPair(store.accountKey());
      settings.email().ifPresent(account::addEmail);
      Login login = account.createLogin(session);
      Order order = login.newOrder().domains(settings.domains()).create();
      for (Authorization auth : order.getAuthorizations()) {
        if (auth.getStatus() != Status.VALID) {
          prove(auth, tokens);
        }
      }
      order.execute(store.domainKey());
      if (order.waitForCompletion(WAIT) != Status.VALID) {
        throw new Failure(
            "the CA did not issue the certificate: "
                + order.getError().map(AcmeOrder::describe).orElse("order " + order.getStatus()),
            null);
      }
      StringWriter pem = new StringWriter();
      order.getCertificate().writeCertificate(pem);
      return pem.toString();
    } catch (AcmeRateLimitedException e) {
      throw new Failure(
          "the CA refuses more orders for now (rate limit): "
              + describe(e.getProblem())
              + e.getRetryAfter().map(t -> "; it accepts again after " + t).orElse(""),
          e);
    } catch (AcmeNetworkException e) {
      throw new Failure(
          "cannot reach the ACME server "
              + settings.directory()
              + ": "
              + e.getCause()
              + " (check the outgoing HTTPS access, ACME_DIRECTORY_URL and ACME_CA_FILE)",
          e);
    } catch (AcmeServerException e) {
      throw new Failure("the CA refused the request: " + describe(e.getProblem()), e);
    } catch (AcmeException e) {
      throw new Failure("the ACME exchange failed: " + e.getMessage(), e);
    } catch (IOException | GeneralSecurityException e) {
      throw new Failure("cannot read ACME_CA_FILE " + settings.caFile().orElseThrow(), e);
    } finally {
      tokens.forEach(challenges::remove);
    }
  }

  private void prove(Authorization auth, List<String> tokens)
      throws AcmeException, InterruptedException, Failure {
    String domain = auth.getIdentifier().getDomain();
    Http01Challenge challenge =
        auth.findChallenge(Http01Challenge.class)
            .orElseThrow(
                () -> new Failure("the CA offers no http-01 challenge for " + domain, null));
    challenges.put(challenge.getToken(), challenge.getAuthorization());
    tokens.add(challenge.getToken());
    challenge.trigger();
    Status status = challenge.waitForCompletion(WAIT);
    if (status != Status.VALID) {
      throw new Failure(
          "the CA could not verify "
              + domain
              + " over HTTP-01 ("
              + challenge.getError().map(AcmeOrder::describe).orElse("challenge " + status)
              + "). Check that "
              + domain
              + " resolves (DNS A/AAAA) to this machine's public address and that port 80"
              + " reaches this server's HTTP_REDIRECT_PORT ("
              + httpPort
              + ") from the internet (firewall, NAT port forward); the CA fetches http://"
              + domain
              + AcmeChallenges.PATH
              + "<token>",
          null);
    }
  }

  private static String describe(Problem problem) {
    String type = problem.getType().toString().replace("urn:ietf:params:acme:error:", "");
    return problem.getDetail().map(d -> d + " [" + type + "]").orElse(type);
  }

  /** The CA's HTTPS checked against ACME_CA_FILE when it is set, else the JDK's trust store. */
  private GenericAcmeProvider provider() throws IOException, GeneralSecurityException {
    if (settings.caFile().isEmpty()) {
      return new GenericAcmeProvider();
    }
    SSLContext context = trusting(settings.caFile().get());
    return new GenericAcmeProvider() {
      @Override
      protected HttpConnector createHttpConnector(NetworkSettings network) {
        return new HttpConnector(network) {
          @Override
          public HttpClient.Builder createClientBuilder() {
            return super.createClientBuilder().sslContext(context);
          }
        };
      }
    };
  }

  private static SSLContext trusting(java.nio.file.Path pem)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("acme-ca-" + i++, cert);
      }
      if (i == 0) {
        throw new GeneralSecurityException("no certificate in " + pem);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }
}
