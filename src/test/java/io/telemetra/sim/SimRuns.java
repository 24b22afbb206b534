package io.telemetra.sim;

import io.telemetra.config.ChannelSpec;
import io.telemetra.event.Event;
import io.telemetra.event.EventType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/** Helpers that drive a simulation over simulated time, as the producer's backfill loop does. */
final class SimRuns {
  private SimRuns() {}

  static final long T0 = 1_764_000_000_000L; // 2025-11-24T16:00:00Z

  static SimulationConfig config(int channels, long seed) {
    return new SimulationConfig(List.of(), channels, seed, 100, EnumSet.allOf(EventType.class));
  }

  static SimulationConfig named(List<ChannelSpec> specs, long seed) {
    return new SimulationConfig(specs, 0, seed, 100, EnumSet.allOf(EventType.class));
  }

  /**
   * Runs slots at {@code rate} per simulated second for {@code seconds}; passes every non-null
   * event.
   */
  static void run(EventSource source, double rate, double seconds, Consumer<Event> sink) {
    long slots = (long) (rate * seconds);
    for (long i = 0; i < slots; i++) {
      Event e = source.next(T0 + (long) (i * 1000.0 / rate));
      if (e != null) {
        sink.accept(e);
      }
    }
  }

  static List<Event> collect(EventSource source, double rate, double seconds) {
    List<Event> out = new ArrayList<>();
    run(source, rate, seconds, out::add);
    return out;
  }
}
