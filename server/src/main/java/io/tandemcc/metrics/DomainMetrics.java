package io.tandemcc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tandemcc.agent.AgentStatus;
import io.tandemcc.agent.StateCensus;
import io.tandemcc.pbx.PbxAddresses;
import io.tandemcc.pbx.PbxEvent;
import io.tandemcc.sip.SipSockets;
import io.tandemcc.sip.SipStats;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The contact center's own figures. Runs with the owners of agent states and calls (on their event
 * loop, so the PBX events reach it without a thread hand-over) and follows what they publish:
 *
 * <ul>
 *   <li>{@code tandem_agents{tenant_id,state}}: agents held in each state ({@link StateCensus});
 *   <li>{@code tandem_queue_waiting{tenant,queue}}: callers waiting, from QueueCallerJoin/Leave
 *       (unknown, so 0, while the PBX link is down);
 *   <li>{@code tandem_pbx_link_up{pbx}} and {@code tandem_pbx_events_total{type}} (events/s is its
 *       rate);
 *   <li>{@code tandem_sip_refusals_total{reason}} and {@code tandem_sip_sockets};
 *   <li>{@code tandem_event_loop_lag_seconds}: how late its own 1 s sweep runs on that loop.
 * </ul>
 *
 * Gauges for tenants, queues and refusal reasons seen for the first time are registered as they
 * appear (states and reasons by a sweep every second), so the registry holds only what exists.
 */
public final class DomainMetrics extends VerticleBase {
  static final long SWEEP_MS = 1_000;

  private final MeterRegistry registry;
  private final StateCensus census;
  private final SipStats sipStats;
  private final Map<String, Counter> eventCounters = new HashMap<>();
  private final Map<String, AtomicInteger> waiting = new HashMap<>();
  private final Map<String, Map<String, Boolean>> waitingCalls = new HashMap<>();
  private final Map<String, AtomicInteger> links = new HashMap<>();
  private final Set<Long> censusTenants = new HashSet<>();
  private final Set<String> refusalReasons = new HashSet<>();
  private MessageConsumer<PbxEvent> events;
  private long sweep = -1;

  /** When the sweep should run next (nanoTime): how late it runs is the owners' event-loop lag. */
  private long sweepDue;

  private final io.micrometer.core.instrument.Timer loopLag;

  public DomainMetrics(
      ServerMetrics metrics, StateCensus census, SipStats sipStats, SipSockets sipSockets) {
    this.registry = metrics.registry();
    this.census = census;
    this.sipStats = sipStats;
    loopLag =
        io.micrometer.core.instrument.Timer.builder("tandem_event_loop_lag")
            .description(
                "How late a 1 s timer runs on the owners' event loop (agent states, calls, team view, AMI)")
            .serviceLevelObjectives(
                java.time.Duration.ofMillis(1),
                java.time.Duration.ofMillis(5),
                java.time.Duration.ofMillis(20),
                java.time.Duration.ofMillis(100),
                java.time.Duration.ofMillis(500))
            .register(registry);
    Gauge.builder("tandem_sip_sockets", sipSockets, SipSockets::total)
        .description("SIP-over-WebSocket connections open (browsers' phones)")
        .register(registry);
  }

  @Override
  public Future<?> start() {
    events = vertx.eventBus().consumer(PbxAddresses.EVENTS, m -> onEvent(m.body()));
    sweepDue = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(SWEEP_MS);
    sweep =
        vertx.setPeriodic(
            SWEEP_MS,
            id -> {
              long now = System.nanoTime();
              loopLag.record(
                  Math.max(0, now - sweepDue), java.util.concurrent.TimeUnit.NANOSECONDS);
              sweepDue = now + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(SWEEP_MS);
              sweep();
            });
    sweep();
    return events.completion();
  }

  @Override
  public Future<?> stop() {
    vertx.cancelTimer(sweep);
    return events == null ? Future.succeededFuture() : events.unregister();
  }

  void onEvent(PbxEvent event) {
    String type = event.getClass().getSimpleName();
    eventCounters
        .computeIfAbsent(
            type,
            t ->
                Counter.builder("tandem_pbx_events")
                    .tag("type", t)
                    .description("Events from the PBX link, translated, by type")
                    .register(registry))
        .increment();
    if (event instanceof PbxEvent.LinkUp up) {
      link(up.pbx()).set(1);
    } else if (event instanceof PbxEvent.LinkDown down) {
      link(down.pbx()).set(0);
      // what waits in Asterisk's queues is unknown until the link is back
      waiting.values().forEach(w -> w.set(0));
      waitingCalls.clear();
    } else if (event instanceof PbxEvent.QueueCallerJoined joined) {
      String key = queueKey(joined.tenant(), joined.queue().name());
      if (waitingCalls.computeIfAbsent(key, k -> new HashMap<>()).put(joined.callId(), Boolean.TRUE)
          == null) {
        queue(joined.tenant(), joined.queue().name()).incrementAndGet();
      }
    } else if (event instanceof PbxEvent.QueueCallerLeft left) {
      String key = queueKey(left.tenant(), left.queue().name());
      Map<String, Boolean> calls = waitingCalls.get(key);
      if (calls != null && calls.remove(left.callId()) != null) {
        queue(left.tenant(), left.queue().name()).decrementAndGet();
      }
    }
  }

  /** Registers the gauges of tenants and refusal reasons that appeared since the last sweep. */
  void sweep() {
    for (long tenantId : census.tenants()) {
      if (censusTenants.add(tenantId)) {
        for (AgentStatus status : AgentStatus.values()) {
          Gauge.builder("tandem_agents", census, c -> c.count(tenantId, status))
              .tag("tenant_id", Long.toString(tenantId))
              .tag("state", status.name().toLowerCase(Locale.ROOT))
              .description("Agents in each state")
              .register(registry);
        }
      }
    }
    for (String reason : sipStats.snapshot().keySet()) {
      if (refusalReasons.add(reason)) {
        FunctionCounter.builder("tandem_sip_refusals", sipStats, s -> s.get(reason))
            .tag("reason", reason)
            .description("SIP messages the proxy refused or repaired, by reason")
            .register(registry);
      }
    }
  }

  private AtomicInteger link(String pbx) {
    return links.computeIfAbsent(
        pbx,
        p ->
            registry.gauge(
                "tandem_pbx_link_up",
                io.micrometer.core.instrument.Tags.of("pbx", p),
                new AtomicInteger()));
  }

  private AtomicInteger queue(String tenant, String queue) {
    return waiting.computeIfAbsent(
        queueKey(tenant, queue),
        k ->
            registry.gauge(
                "tandem_queue_waiting",
                io.micrometer.core.instrument.Tags.of("tenant", tenant, "queue", queue),
                new AtomicInteger()));
  }

  private static String queueKey(String tenant, String queue) {
    return tenant + "\n" + queue;
  }
}
