package io.telemetra.bench;

import io.telemetra.config.Settings;
import io.telemetra.event.Event;
import io.telemetra.event.EventJson;
import io.telemetra.sim.EventSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Benchmark 1, second opinion: the same work as {@link GenerationBenchmark#generateAndSerialize}
 * measured in events per CPU-second of the generating thread (ThreadMXBean), not per wall-clock
 * second. On a machine shared with other busy processes the wall-clock figure mostly measures how
 * often the thread was scheduled; the CPU-time figure is what one core would do.
 *
 * <p>Usage: {@code GenerationCpu [events-per-round] [rounds] [types...]}: after a warm-up of two
 * rounds, prints the median and best round per type, and the median of the same rounds without JSON
 * (the simulation alone).
 */
public final class GenerationCpu {
  private GenerationCpu() {}

  public static void main(String[] args) {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String[] types =
        args.length > 2
            ? Arrays.copyOfRange(args, 2, args.length)
            : new String[] {"mix", "chat", "viewer", "transactions", "stream_meta"};
    System.out.println(
        "| type | events/CPU-s (median) | best | ns/event | of which simulation ns | JSON ns |");
    System.out.println("|---|---:|---:|---:|---:|---:|");
    for (String type : types) {
      Settings settings = Sources.settings(type, 10, 42, Map.of());
      double[] full = new double[rounds];
      double[] simOnly = new double[rounds];
      for (int r = -2; r < rounds; r++) {
        double f = nanosPerEvent(settings, events, true);
        double s = nanosPerEvent(settings, events, false);
        if (r >= 0) {
          full[r] = f;
          simOnly[r] = s;
        }
      }
      Arrays.sort(full);
      Arrays.sort(simOnly);
      double median = full[rounds / 2];
      double sim = simOnly[rounds / 2];
      System.out.printf(
          Locale.ROOT,
          "| %s | %,.0f | %,.0f | %.0f | %.0f | %.0f |%n",
          type,
          1e9 / median,
          1e9 / full[0],
          median,
          sim,
          median - sim);
    }
    if (sink == 42) {
      System.out.println();
    }
  }

  private static long sink;

  /** CPU ns per event of this thread over {@code events} slots, with or without JSON. */
  private static double nanosPerEvent(Settings settings, int events, boolean serialise) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    EventSource source = Sources.source(settings);
    EventJson json = new EventJson();
    long start = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    double slot = Sources.slotMillis(source);
    long cpu = threads.getCurrentThreadCpuTime();
    for (int i = 0; i < events; i++) {
      Event e = source.next(start + (long) (i * slot));
      if (e != null) {
        sink += serialise ? json.toBytes(e).length : e.channel().length();
      }
    }
    return (double) (threads.getCurrentThreadCpuTime() - cpu) / events;
  }
}
