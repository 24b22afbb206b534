package io.telemetra.produce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
  @Test
  void percentiles_ofUniformLatencies_areWithinBucketPrecision() {
    LatencyHistogram h = new LatencyHistogram();
    for (int ms = 1; ms <= 1000; ms++) {
      h.record(ms * 1_000_000L);
    }
    assertThat(h.percentileMillis(50)).isCloseTo(500, within(500 * 0.07));
    assertThat(h.percentileMillis(99)).isCloseTo(990, within(990 * 0.07));
  }

  @Test
  void percentile_empty_isZero() {
    assertThat(new LatencyHistogram().percentileMillis(99)).isZero();
  }

  @Test
  void index_isMonotonic() {
    int prev = -1;
    for (long us = 0; us < 5_000_000; us += 7) {
      int i = LatencyHistogram.index(us);
      assertThat(i).isGreaterThanOrEqualTo(prev);
      prev = i;
    }
  }
}
