package io.telemetra.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimestampsTest {
  @Test
  void format_isRfc3339UtcWithMilliseconds() {
    assertThat(Timestamps.format(Instant.parse("2026-12-04T19:30:00.123Z").toEpochMilli()))
        .isEqualTo("2026-12-04T19:30:00.123Z");
    assertThat(Timestamps.format(0)).isEqualTo("1970-01-01T00:00:00.000Z");
  }

  @Test
  void format_roundTripsThroughInstantParse() {
    SplittableRandom r = new SplittableRandom(1);
    for (int i = 0; i < 10_000; i++) {
      long ms = r.nextLong(0, 4_102_444_800_000L);
      String s = Timestamps.format(ms);
      assertThat(s).hasSize(24).endsWith("Z");
      assertThat(Timestamps.parse(s)).isEqualTo(ms);
    }
  }
}
