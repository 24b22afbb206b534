package io.telemetra.produce;

import java.util.concurrent.locks.LockSupport;

/** Monotonic time and sleeping, behind an interface so tests control time. */
public interface Ticker {
  long nanoTime();

  void sleepNanos(long nanos) throws InterruptedException;

  /**
   * The system's monotonic clock. Parking overshoots by tens of microseconds, so it parks for all
   * but the last 50 µs of a wait and spins for the rest: precise pacing at 100k/s.
   */
  Ticker SYSTEM =
      new Ticker() {
        private static final long SPIN_NANOS = 50_000L;

        @Override
        public long nanoTime() {
          return System.nanoTime();
        }

        @Override
        public void sleepNanos(long nanos) throws InterruptedException {
          long until = System.nanoTime() + nanos;
          if (nanos > SPIN_NANOS) {
            LockSupport.parkNanos(nanos - SPIN_NANOS);
          }
          while (System.nanoTime() < until) {
            Thread.onSpinWait();
          }
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
        }
      };
}
