package io.telemetra.produce;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.config.Rate;
import org.junit.jupiter.api.Test;

class PacerTest {
  /** A ticker whose time only moves when the pacer sleeps, or when the test advances it. */
  static final class FakeTicker implements Ticker {
    long now;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepNanos(long nanos) {
      now += nanos;
    }
  }

  @Test
  void acquire_spreadsSlotsEvenly() throws Exception {
    FakeTicker t = new FakeTicker();
    Pacer p = new Pacer(new Rate(1000), t);
    long[] at = new long[2000];
    for (int i = 0; i < at.length; i++) {
      p.acquire();
      at[i] = t.now;
    }
    // Slot i is released at (about) i ms, never early.
    for (int i = 0; i < at.length; i++) {
      assertThat(at[i]).isEqualTo(i * 1_000_000L);
    }
    // 1000 slots per simulated second: every 1-second window holds exactly the rate.
    assertThat(at[999]).isLessThan(1_000_000_000L);
    assertThat(at[1000]).isGreaterThanOrEqualTo(1_000_000_000L);
  }

  @Test
  void acquire_max_neverWaits() throws Exception {
    FakeTicker t = new FakeTicker();
    Pacer p = new Pacer(Rate.MAX, t);
    for (int i = 0; i < 1000; i++) {
      p.acquire();
    }
    assertThat(t.now).isZero();
  }

  @Test
  void acquire_afterLongStall_resetsInsteadOfBursting() throws Exception {
    FakeTicker t = new FakeTicker();
    Pacer p = new Pacer(new Rate(100), t);
    p.acquire();
    t.now += 5_000_000_000L; // the sink stalled for 5 s
    p.acquire();
    long afterStall = t.now;
    p.acquire();
    // The next slot is a full period later: no burst of 500 catch-up sends.
    assertThat(t.now - afterStall).isGreaterThanOrEqualTo(9_000_000L);
    assertThat(p.resets()).isEqualTo(1);
  }
}
