package io.telemetra.metrics;

import io.telemetra.produce.Ticker;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The current rate of a growing count (events acknowledged), over a sliding window of a few
 * seconds. {@link #sample()} records (time, count) about once a second; {@link #perSecond()}
 * divides what was counted since the oldest sample still inside the window by the time since.
 * Nothing happens on the hot path: the count is read from a supplier.
 */
public final class RateMeter {
  private final Ticker ticker;
  private final LongSupplier count;
  private final long windowNanos;
  private final long[] times;
  private final long[] counts;
  private int next;
  private int size;

  /**
   * @param window how far back the rate looks (e.g. 5 s)
   * @param capacity how many samples to keep; at one sample per second, more than the window in
   *     seconds
   */
  public RateMeter(Ticker ticker, LongSupplier count, Duration window, int capacity) {
    this.ticker = ticker;
    this.count = count;
    this.windowNanos = window.toNanos();
    this.times = new long[capacity];
    this.counts = new long[capacity];
    sample();
  }

  /** Records the count now. */
  public synchronized void sample() {
    times[next] = ticker.nanoTime();
    counts[next] = count.getAsLong();
    next = (next + 1) % times.length;
    size = Math.min(size + 1, times.length);
  }

  /**
   * Events per second over the window (the oldest sample at most one window old), 0 before any
   * interval.
   */
  public synchronized double perSecond() {
    long now = ticker.nanoTime();
    long c = count.getAsLong();
    long baseTime = Long.MIN_VALUE;
    long baseCount = 0;
    // Walk from newest to oldest, keeping the oldest sample still within the window.
    for (int i = 1; i <= size; i++) {
      int idx = Math.floorMod(next - i, times.length);
      if (now - times[idx] > windowNanos && baseTime != Long.MIN_VALUE) {
        break;
      }
      baseTime = times[idx];
      baseCount = counts[idx];
    }
    long elapsed = now - baseTime;
    if (baseTime == Long.MIN_VALUE || elapsed <= 0) {
      return 0;
    }
    return (c - baseCount) * 1e9 / elapsed;
  }
}
