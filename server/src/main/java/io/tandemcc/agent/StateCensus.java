package io.tandemcc.agent;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many agents the owner of agent states holds in each status, per tenant: kept by {@link
 * AgentStateVerticle} as it loads and changes states, read by the metrics from another thread
 * (hence the concurrent counters). An agent counts from the moment its state is loaded (its first
 * login, query or command after a start).
 */
public final class StateCensus {
  private final Map<Long, Map<AgentStatus, AtomicInteger>> counts = new ConcurrentHashMap<>();

  void moved(long tenantId, AgentStatus from, AgentStatus to) {
    if (from == to) {
      return;
    }
    Map<AgentStatus, AtomicInteger> tenant = counts.computeIfAbsent(tenantId, id -> newTenant());
    if (from != null) {
      tenant.get(from).decrementAndGet();
    }
    if (to != null) {
      tenant.get(to).incrementAndGet();
    }
  }

  /** The agents of a tenant in a status (0 for a tenant not seen yet). */
  public int count(long tenantId, AgentStatus status) {
    Map<AgentStatus, AtomicInteger> tenant = counts.get(tenantId);
    return tenant == null ? 0 : tenant.get(status).get();
  }

  /** The tenants seen so far, in id order. */
  public Iterable<Long> tenants() {
    return new TreeMap<>(counts).keySet();
  }

  private static Map<AgentStatus, AtomicInteger> newTenant() {
    Map<AgentStatus, AtomicInteger> tenant = new ConcurrentHashMap<>();
    for (AgentStatus s : AgentStatus.values()) {
      tenant.put(s, new AtomicInteger());
    }
    return tenant;
  }
}
