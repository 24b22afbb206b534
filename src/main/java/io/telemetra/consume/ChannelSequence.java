package io.telemetra.consume;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The sequence numbers read for one (run, topic, channel), in partition order. Finds duplicates (a
 * number seen before), out-of-order records (a new number lower than the previous one from the same
 * partition) and, at the end, gaps (numbers never seen).
 */
public final class ChannelSequence {
  static final int SAMPLES = 10;

  private final BitSet seen = new BitSet();
  private long distinct;
  private long duplicates;
  private long outOfOrder;
  private long min = Long.MAX_VALUE;
  private long max = -1;
  private int lastPartition = -1;
  private long lastSeq = -1;
  private boolean spansPartitions;
  private final List<Long> duplicateSamples = new ArrayList<>();
  private final List<long[]> outOfOrderSamples = new ArrayList<>();

  /**
   * Adds one record.
   *
   * @return true when {@code seq} was new (not a duplicate)
   */
  public boolean add(long seq, int partition) {
    if (seq < 0 || seq > Integer.MAX_VALUE - 1) {
      throw new IllegalArgumentException("sequence out of range: " + seq);
    }
    int s = (int) seq;
    if (seen.get(s)) {
      duplicates++;
      if (duplicateSamples.size() < SAMPLES) {
        duplicateSamples.add(seq);
      }
      return false;
    }
    seen.set(s);
    distinct++;
    min = Math.min(min, seq);
    max = Math.max(max, seq);
    if (lastPartition != -1 && partition != lastPartition) {
      spansPartitions = true;
    }
    if (partition == lastPartition && seq < lastSeq) {
      outOfOrder++;
      if (outOfOrderSamples.size() < SAMPLES) {
        outOfOrderSamples.add(new long[] {seq, lastSeq});
      }
    }
    lastPartition = partition;
    lastSeq = seq;
    return true;
  }

  /** Distinct sequence numbers read. */
  public long distinct() {
    return distinct;
  }

  public long duplicates() {
    return duplicates;
  }

  public long outOfOrder() {
    return outOfOrder;
  }

  /** Lowest sequence read, or -1 when none. */
  public long min() {
    return distinct == 0 ? -1 : min;
  }

  /** Highest sequence read, or -1 when none. */
  public long max() {
    return max;
  }

  /**
   * Whether the channel's records came from more than one partition (order across them is
   * undefined).
   */
  public boolean spansPartitions() {
    return spansPartitions;
  }

  public List<Long> duplicateSamples() {
    return duplicateSamples;
  }

  /** Pairs {seq, the previous seq it came after}. */
  public List<long[]> outOfOrderSamples() {
    return outOfOrderSamples;
  }

  /** Numbers in [0, last] never read, as inclusive ranges {from, to}. */
  public List<long[]> gaps(long last) {
    List<long[]> out = new ArrayList<>();
    int i = 0;
    while (i <= last) {
      int from = seen.nextClearBit(i);
      if (from > last) {
        break;
      }
      int next = seen.nextSetBit(from);
      long to = next < 0 || next > last ? last : next - 1;
      out.add(new long[] {from, to});
      i = (int) to + 1;
    }
    return out;
  }

  /** Total count of numbers in the ranges. */
  public static long size(List<long[]> ranges) {
    long n = 0;
    for (long[] r : ranges) {
      n += r[1] - r[0] + 1;
    }
    return n;
  }

  /** {@code 3, 10-12, 40} (at most {@code limit} ranges, then "and N more"). */
  public static String ranges(List<long[]> ranges, int limit) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ranges.size() && i < limit; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      long[] r = ranges.get(i);
      sb.append(r[0] == r[1] ? String.valueOf(r[0]) : r[0] + "-" + r[1]);
    }
    if (ranges.size() > limit) {
      sb.append(" and ").append(ranges.size() - limit).append(" more ranges");
    }
    return sb.toString();
  }
}
