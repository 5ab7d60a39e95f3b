package io.tandemcc.web;

import io.tandemcc.common.ApiException;
import io.tandemcc.config.MetricsSettings;
import io.tandemcc.metrics.ServerMetrics;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: the Prometheus text format, for scrapers from {@code METRICS_ALLOW} or with
 * the bearer {@code METRICS_TOKEN} (see {@link MetricsSettings}); everyone else gets 403, and 404
 * when metrics are off.
 */
final class MetricsRoutes {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final ServerMetrics metrics;
  private final MetricsSettings settings;

  MetricsRoutes(ServerMetrics metrics, MetricsSettings settings) {
    this.metrics = metrics;
    this.settings = settings;
  }

  void mount(Router router) {
    // mounted even when off: the path must not fall through to the web client's page
    router
        .get("/metrics")
        .handler(
            settings.enabled()
                ? this::scrape
                : ctx ->
                    ctx.fail(ApiException.notFound("Metrics are off (METRICS_ENABLED=false).")));
  }

  private void scrape(RoutingContext ctx) {
    if (!allowed(ctx)) {
      ctx.fail(
          ApiException.forbidden(
              "The metrics are open to the addresses of METRICS_ALLOW or with the METRICS_TOKEN bearer token."));
      return;
    }
    // the scrape walks every meter: off the event loop, which serves browsers and calls
    ctx.vertx()
        .executeBlocking(metrics::scrape, false)
        .onComplete(
            ar -> {
              if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
              }
              ctx.response()
                  .putHeader("Content-Type", CONTENT_TYPE)
                  .putHeader("Cache-Control", "no-store")
                  .end(ar.result());
            });
  }

  private boolean allowed(RoutingContext ctx) {
    var peer = ctx.request().remoteAddress();
    if (peer != null
        && peer.hostAddress() != null
        && settings.allowedSources().contains(peer.hostAddress())) {
      return true;
    }
    String header = ctx.request().getHeader("Authorization");
    if (settings.token().isEmpty() || header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    return MessageDigest.isEqual(
        header.substring("Bearer ".length()).getBytes(StandardCharsets.UTF_8),
        settings.token().get().getBytes(StandardCharsets.UTF_8));
  }
}
