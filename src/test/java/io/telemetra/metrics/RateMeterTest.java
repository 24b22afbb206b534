package io.telemetra.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateMeterTest {
  private final FakeTicker ticker = new FakeTicker();
  private final AtomicLong count = new AtomicLong();
  private final RateMeter meter = new RateMeter(ticker, count::get, Duration.ofSeconds(5), 7);

  @Test
  void perSecond_noTimePassed_isZero() {
    assertThat(meter.perSecond()).isZero();
  }

  @Test
  void perSecond_steadyRate_isThatRate() {
    for (int i = 0; i < 20; i++) {
      ticker.advance(Duration.ofSeconds(1));
      count.addAndGet(250);
      meter.sample();
    }

    assertThat(meter.perSecond()).isCloseTo(250, within(0.001));
  }

  @Test
  void perSecond_afterRateChange_forgetsWhatIsOlderThanTheWindow() {
    for (int i = 0; i < 10; i++) {
      ticker.advance(Duration.ofSeconds(1));
      count.addAndGet(1000);
      meter.sample();
    }
    for (int i = 0; i < 5; i++) {
      ticker.advance(Duration.ofSeconds(1));
      count.addAndGet(10);
      meter.sample();
    }

    assertThat(meter.perSecond()).isCloseTo(10, within(0.001));
  }

  @Test
  void perSecond_betweenSamples_countsEventsSinceTheOldestSampleInWindow() {
    ticker.advance(Duration.ofMillis(500));
    count.set(50);

    assertThat(meter.perSecond()).isCloseTo(100, within(0.001));
  }
}
