package io.tandemcc.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;

/**
 * The server's one metrics registry, shown at {@code /metrics} in Prometheus' text format
 * (docs/metrics.md). Vert.x reports its own figures into it (HTTP requests by route and status,
 * event bus, worker pools), the JVM its memory, GC, threads and CPU; {@link DomainMetrics} adds the
 * contact center's (agents per state, queue waiting counts, the PBX link, SIP refusals, sockets)
 * and the push hubs time each screen-pop.
 */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer screenPop;

  public ServerMetrics() {
    // HTTP response times get a few buckets (for p99 per route in a dashboard); Micrometer's
    // default has none
    registry
        .config()
        .meterFilter(
            new io.micrometer.core.instrument.config.MeterFilter() {
              @Override
              public io.micrometer.core.instrument.distribution.DistributionStatisticConfig
                  configure(
                      io.micrometer.core.instrument.Meter.Id id,
                      io.micrometer.core.instrument.distribution.DistributionStatisticConfig
                          config) {
                if (!id.getName().equals("vertx.http.server.response.time")) {
                  return config;
                }
                return io.micrometer.core.instrument.distribution.DistributionStatisticConfig
                    .builder()
                    .serviceLevelObjectives(
                        seconds(0.005),
                        seconds(0.025),
                        seconds(0.1),
                        seconds(0.25),
                        seconds(1),
                        seconds(5))
                    .build()
                    .merge(config);
              }
            });
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    screenPop =
        Timer.builder("tandem_screen_pop")
            .description(
                "From the PBX event that offers a call to the offer written to the agent's push socket")
            // a few buckets around the target (a popup before the second ring; bench/RESULTS.md: ~4
            // ms p99 at 10,000
            // agents), instead of Micrometer's 70-bucket default histogram
            .serviceLevelObjectives(
                Duration.ofMillis(5),
                Duration.ofMillis(10),
                Duration.ofMillis(25),
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofMillis(500),
                Duration.ofSeconds(1),
                Duration.ofMillis(2500))
            .register(registry);
  }

  /** A Vert.x instance that reports into this registry. */
  public Vertx newVertx() {
    MicrometerMetricsOptions options =
        new MicrometerMetricsOptions()
            .setEnabled(true)
            // vertx-micrometer keeps its backends by registry name, JVM-wide: a second server in
            // the same JVM (the
            // tests run several) would otherwise report into the first one's registry
            .setRegistryName("tandem-" + java.util.UUID.randomUUID())
            // the route (never the raw path, which carries ids) and the status: e.g. the login
            // failures are the 401s
            // and 429s of route /api/login
            .addLabels(Label.HTTP_ROUTE, Label.HTTP_CODE, Label.HTTP_METHOD);
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(options))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
  }

  public MeterRegistry registry() {
    return registry;
  }

  /** The text a Prometheus scrape gets. */
  public String scrape() {
    return registry.scrape();
  }

  private static double seconds(double s) {
    return s * 1e9; // distribution configs of timers are in nanoseconds
  }

  /** Records one screen-pop's server-side latency. */
  public void screenPop(Duration latency) {
    screenPop.record(latency.isNegative() ? Duration.ZERO : latency);
  }
}
