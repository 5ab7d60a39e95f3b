package io.tandemcc.sip;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the SIP proxy refused or repaired, counted per stable reason ({@code unknown-dialog}, {@code
 * repeated-header}, {@code upstream-unparsed-header}…) across every HTTP verticle instance: one
 * instance, made with the {@link SipGateway}, shared by all proxies, so it is thread-safe. Read by
 * tests and, later, by metrics.
 */
public final class SipStats {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  void count(String reason) {
    counts.computeIfAbsent(reason, r -> new LongAdder()).increment();
  }

  /** How often {@code reason} occurred since start. */
  public long get(String reason) {
    LongAdder adder = counts.get(reason);
    return adder == null ? 0 : adder.sum();
  }

  /** Every reason seen so far and its count, sorted by reason. */
  public Map<String, Long> snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((reason, adder) -> copy.put(reason, adder.sum()));
    return copy;
  }
}
