package io.telemetra.sim;

import io.telemetra.event.Event;

/**
 * A deterministic stream of simulated events. Pure: no I/O, no wall clock. The caller decides the
 * simulated time of each slot; the source decides which channel and kind of event fills it.
 */
public interface EventSource {

  /**
   * Produces the event for the next slot at simulated time {@code atMillis} (epoch ms). Calls must
   * pass non-decreasing times. The same configuration, seed and sequence of times gives the same
   * events. Returns null when the slot stays empty: its event belongs to another shard (see {@code
   * --shard}), or no channel is live.
   */
  Event next(long atMillis);

  /**
   * The rate (events per simulated second) the model produces on its own, used to space slots when
   * the user asks for {@code max} in backfill mode.
   */
  double naturalRatePerSecond();

  /** Live channels right now (for metrics). */
  default int liveChannels() {
    return 0;
  }

  /** Sum of simulated viewers across live channels right now (for metrics). */
  default long totalViewers() {
    return 0;
  }
}
