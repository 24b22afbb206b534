package io.telemetra.consume;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelSequenceTest {

  @Test
  void add_inOrderWithoutGaps_findsNothing() {
    ChannelSequence s = new ChannelSequence();
    for (long i = 0; i < 100; i++) {
      assertThat(s.add(i, 0)).isTrue();
    }
    assertThat(s.gaps(99)).isEmpty();
    assertThat(s.duplicates()).isZero();
    assertThat(s.outOfOrder()).isZero();
    assertThat(s.distinct()).isEqualTo(100);
    assertThat(s.min()).isZero();
    assertThat(s.max()).isEqualTo(99);
  }

  @Test
  void gaps_missingHeadMiddleAndTail_areReportedAsRanges() {
    ChannelSequence s = new ChannelSequence();
    for (long i : new long[] {3, 4, 5, 8, 10}) {
      s.add(i, 0);
    }
    assertThat(ChannelSequence.ranges(s.gaps(12), 10)).isEqualTo("0-2, 6-7, 9, 11-12");
    assertThat(ChannelSequence.size(s.gaps(12))).isEqualTo(8);
  }

  @Test
  void add_sameSequenceTwice_isADuplicateNotOutOfOrder() {
    ChannelSequence s = new ChannelSequence();
    s.add(0, 0);
    s.add(1, 0);
    s.add(2, 0);

    assertThat(s.add(1, 0)).isFalse();

    assertThat(s.duplicates()).isEqualTo(1);
    assertThat(s.duplicateSamples()).containsExactly(1L);
    assertThat(s.outOfOrder()).isZero();
  }

  @Test
  void add_lowerThanPreviousInSamePartition_isOutOfOrder() {
    ChannelSequence s = new ChannelSequence();
    for (long i : new long[] {0, 1, 3, 2, 4}) {
      s.add(i, 0);
    }
    assertThat(s.outOfOrder()).isEqualTo(1);
    assertThat(s.outOfOrderSamples().get(0)).containsExactly(2, 3);
    assertThat(s.gaps(4)).isEmpty();
  }

  @Test
  void add_lowerButFromAnotherPartition_isNotOutOfOrder() {
    ChannelSequence s = new ChannelSequence();
    s.add(5, 0);
    s.add(1, 1);
    assertThat(s.outOfOrder()).isZero();
    assertThat(s.spansPartitions()).isTrue();
  }

  @Test
  void ranges_manyRanges_areCut() {
    ChannelSequence s = new ChannelSequence();
    for (long i = 0; i < 40; i += 2) {
      s.add(i, 0);
    }
    assertThat(ChannelSequence.ranges(s.gaps(38), 3)).isEqualTo("1, 3, 5 and 16 more ranges");
  }
}
