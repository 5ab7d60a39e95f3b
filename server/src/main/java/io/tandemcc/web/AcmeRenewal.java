package io.tandemcc.web;

import io.tandemcc.config.AcmeSettings;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code TLS_MODE=acme}'s certificate current on a thread of its own (ordering blocks for
 * seconds to minutes and must not hold an event loop or a JDBC worker): at start and then every
 * {@code ACME_CHECK_SECONDS} (sooner when the renewal falls due before) it looks at the stored
 * certificate and orders a new one when there is none, it is for other names or its renewal is due
 * ({@link AcmeStore#orderReason}). The HTTP verticles' reload timer then serves the new file
 * without a restart. A failed order is logged with what to check, the current certificate (or the
 * self-signed stand-in) stays served, and the order is tried again after {@code
 * ACME_RETRY_SECONDS}, doubled after each failure up to six hours (Let's Encrypt allows five failed
 * validations per name and hour).
 */
public final class AcmeRenewal implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AcmeRenewal.class);
  private static final Duration MAX_RETRY = Duration.ofHours(6);

  private final AcmeSettings settings;
  private final AcmeStore store;
  private final AcmeChallenges challenges;
  private final Clock clock;
  private final int httpPort;
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "tandem-acme");
            t.setDaemon(true);
            return t;
          });
  private Duration retry;

  AcmeRenewal(
      AcmeSettings settings,
      AcmeStore store,
      AcmeChallenges challenges,
      Clock clock,
      int httpPort) {
    this.settings = settings;
    this.store = store;
    this.challenges = challenges;
    this.clock = clock;
    this.httpPort = httpPort;
    this.retry = settings.retry();
  }

  /** The first check at once; call once the redirect port answers the challenges. */
  AcmeRenewal start() {
    if (!store.hasCertificate()) {
      LOG.warn(
          "ACME: no certificate from the CA yet for {}: serving a self-signed stand-in (browsers warn)"
              + " until the order succeeds",
          settings.domains());
    }
    thread.execute(this::check);
    return this;
  }

  private void check() {
    Optional<String> reason =
        store.orderReason(settings.domains(), clock.instant(), settings.renewBefore());
    if (reason.isEmpty()) {
      retry = settings.retry();
      schedule(untilNextCheck());
      return;
    }
    LOG.info(
        "ACME: ordering a certificate for {} from {}: {}",
        settings.domains(),
        settings.directory(),
        reason.get());
    try {
      store.saveChain(new AcmeOrder(settings, store, challenges, httpPort).run());
      X509Certificate cert = store.certificate().orElseThrow();
      LOG.info(
          "ACME: certificate for {} issued by {} (serial {}), valid until {}; served from the next"
              + " TLS reload check",
          settings.domains(),
          cert.getIssuerX500Principal().getName(),
          cert.getSerialNumber().toString(16),
          cert.getNotAfter().toInstant());
      retry = settings.retry();
      schedule(untilNextCheck());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (AcmeOrder.Failure | RuntimeException e) {
      failed(e);
    }
  }

  private void failed(Exception e) {
    String serving =
        store
            .certificate()
            .filter(c -> store.hasCertificate())
            .map(c -> "Still serving the current certificate, valid until " + c.getNotAfter())
            .orElse("Serving the self-signed stand-in meanwhile (browsers warn)");
    LOG.error(
        "ACME: no certificate for {}: {}. {}. Next attempt in {}.",
        settings.domains(),
        e.getMessage(),
        serving,
        retry);
    LOG.debug("ACME failure", e);
    schedule(retry);
    retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
  }

  /** The check interval, or less when the stored certificate's renewal falls due sooner. */
  private Duration untilNextCheck() {
    Duration next = settings.check();
    Optional<X509Certificate> cert = store.certificate();
    if (cert.isPresent()) {
      Instant due = AcmeStore.renewalDue(cert.get(), settings.renewBefore());
      Duration untilDue = Duration.between(clock.instant(), due);
      if (untilDue.compareTo(next) < 0) {
        next = untilDue.isNegative() ? Duration.ZERO : untilDue;
      }
    }
    return next.plusMillis(100);
  }

  private void schedule(Duration delay) {
    if (!thread.isShutdown()) {
      thread.schedule(this::check, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
