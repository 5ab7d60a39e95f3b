package io.tandemcc.pbx.ami;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the AMI translator, per AMI event name. Written on the link's context, readable from
 * any thread.
 *
 * <ul>
 *   <li><b>unknown</b>: events we have no handler for (VarSet-free noise such as Newexten,
 *       RTCPSent, Cdr...);
 *   <li><b>malformed</b>: events lacking a field we need, or whose names disagree on the tenant;
 *   <li><b>unattributed</b>: events about names without a tenant prefix (trunks, foreign queues);
 *   <li><b>produced</b>: domain events emitted.
 * </ul>
 */
public final class TranslationStats {
  private final ConcurrentMap<String, LongAdder> unknown = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> malformed = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, LongAdder> unattributed = new ConcurrentHashMap<>();
  private final LongAdder produced = new LongAdder();

  void unknown(String eventName) {
    unknown.computeIfAbsent(eventName, n -> new LongAdder()).increment();
  }

  void malformed(String eventName) {
    malformed.computeIfAbsent(eventName, n -> new LongAdder()).increment();
  }

  void unattributed(String eventName) {
    unattributed.computeIfAbsent(eventName, n -> new LongAdder()).increment();
  }

  void produced(int count) {
    produced.add(count);
  }

  public Map<String, Long> unknown() {
    return snapshot(unknown);
  }

  public Map<String, Long> malformed() {
    return snapshot(malformed);
  }

  public Map<String, Long> unattributed() {
    return snapshot(unattributed);
  }

  public long produced() {
    return produced.sum();
  }

  public long unknownTotal() {
    return unknown.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long malformedTotal() {
    return malformed.values().stream().mapToLong(LongAdder::sum).sum();
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counters) {
    Map<String, Long> copy = new TreeMap<>();
    counters.forEach((name, count) -> copy.put(name, count.sum()));
    return copy;
  }

  @Override
  public String toString() {
    return "produced="
        + produced()
        + " unknown="
        + unknown()
        + " malformed="
        + malformed()
        + " unattributed="
        + unattributed();
  }
}
