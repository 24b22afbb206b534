package io.telemetra.metrics;

import io.telemetra.produce.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Time that moves only when a test says so. */
final class FakeTicker implements Ticker {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public void sleepNanos(long n) {
    nanos.addAndGet(n);
  }

  void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  void advanceMillis(long ms) {
    advance(Duration.ofMillis(ms));
  }
}
