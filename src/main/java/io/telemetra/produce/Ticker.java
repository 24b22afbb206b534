package io.telemetra.produce;

import java.util.concurrent.locks.LockSupport;

/** Monotonic time and sleeping, behind an interface so tests control time. */
public interface Ticker {
  long nanoTime();

  void sleepNanos(long nanos) throws InterruptedException;

  /** The system's monotonic clock. */
  Ticker SYSTEM = new Ticker() {
    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public void sleepNanos(long nanos) throws InterruptedException {
      LockSupport.parkNanos(nanos);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  };
}
