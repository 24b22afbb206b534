package io.telemetra.produce;

import io.telemetra.config.Rate;

/**
 * Holds a target rate: slot {@code i} is due at {@code start + i / rate}. Each call waits until the
 * next slot is due, so sends are spread evenly over every second instead of a second's worth at
 * once followed by idling. When the sink falls behind by more than {@link #MAX_LAG_NANOS}, the
 * schedule restarts from now instead of bursting to catch up.
 */
public final class Pacer {
  /** Catching up on more than this much lag would be a burst: reset the schedule instead. */
  static final long MAX_LAG_NANOS = 1_000_000_000L;

  private final Ticker ticker;
  private final double nanosPerSlot;
  private long start;
  private long slot;
  private long resets;

  public Pacer(Rate rate, Ticker ticker) {
    this.ticker = ticker;
    this.nanosPerSlot = rate.isMax() ? 0 : 1e9 / rate.perSecond();
    this.start = ticker.nanoTime();
  }

  /** Blocks until the next slot is due. With a {@code max} rate it never waits. */
  public void acquire() throws InterruptedException {
    if (nanosPerSlot == 0) {
      return;
    }
    long due = start + (long) (slot * nanosPerSlot);
    long now = ticker.nanoTime();
    long wait = due - now;
    if (wait < -MAX_LAG_NANOS) {
      start = now;
      slot = 0;
      resets++;
      wait = 0;
    }
    while (wait > 0) {
      ticker.sleepNanos(wait);
      wait = due - ticker.nanoTime();
    }
    slot++;
  }

  /** How often the schedule was reset because the sink fell more than a second behind. */
  public long resets() {
    return resets;
  }
}
