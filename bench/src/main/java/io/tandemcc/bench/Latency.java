package io.tandemcc.bench;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SynchronizedHistogram;

/**
 * One latency distribution in microseconds (HdrHistogram, 3 significant digits, up to 10 minutes).
 */
final class Latency {
  private final String name;
  private final SynchronizedHistogram histogram = new SynchronizedHistogram(600_000_000L, 3);
  private volatile long negative;

  Latency(String name) {
    this.name = name;
  }

  String name() {
    return name;
  }

  void record(long micros) {
    if (micros < 0) {
      negative++; // clock steps or a stimulus stamped after the write began: counted, recorded as 0
      micros = 0;
    }
    histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
  }

  void reset() {
    histogram.reset();
    negative = 0;
  }

  long count() {
    return histogram.getTotalCount();
  }

  Summary summary() {
    Histogram h = histogram.copy();
    return new Summary(
        name,
        h.getTotalCount(),
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(95)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getMaxValue()),
        h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0);
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  /** Milliseconds. */
  record Summary(
      String name, long count, double p50, double p95, double p99, double max, double mean) {
    String row() {
      return String.format(
          "| %s | %d | %.2f | %.2f | %.2f | %.2f |", name, count, p50, p95, p99, max);
    }
  }
}
