package io.telemetra.produce;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Send latencies in log-linear buckets (about 3% precision from 1 µs to about 1 hour), safe for
 * concurrent recording from Kafka's callback thread and reading from the stats thread.
 */
public final class LatencyHistogram {
  private static final int SUB_BUCKETS = 32;
  private static final int MAGNITUDES = 42;
  private final AtomicLongArray counts = new AtomicLongArray(SUB_BUCKETS * MAGNITUDES);

  public void record(long nanos) {
    counts.incrementAndGet(index(Math.max(1, nanos / 1000)));
  }

  /** The given percentile (0-100) in milliseconds, or 0 when empty. */
  public double percentileMillis(double percentile) {
    long total = 0;
    for (int i = 0; i < counts.length(); i++) {
      total += counts.get(i);
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(percentile / 100.0 * total);
    long seen = 0;
    for (int i = 0; i < counts.length(); i++) {
      seen += counts.get(i);
      if (seen >= Math.max(1, rank)) {
        return upperMicros(i) / 1000.0;
      }
    }
    return upperMicros(counts.length() - 1) / 1000.0;
  }

  static int index(long micros) {
    if (micros < SUB_BUCKETS) {
      return (int) micros;
    }
    int magnitude = 63 - Long.numberOfLeadingZeros(micros) - 4;
    int sub = (int) (micros >>> magnitude) - SUB_BUCKETS / 2;
    int idx = SUB_BUCKETS + (magnitude - 1) * (SUB_BUCKETS / 2) + sub;
    return Math.min(idx, SUB_BUCKETS * MAGNITUDES - 1);
  }

  private static long upperMicros(int idx) {
    if (idx < SUB_BUCKETS) {
      return idx;
    }
    int rel = idx - SUB_BUCKETS;
    int magnitude = rel / (SUB_BUCKETS / 2) + 1;
    int sub = rel % (SUB_BUCKETS / 2) + SUB_BUCKETS / 2;
    return ((long) (sub + 1) << magnitude) - 1;
  }
}
