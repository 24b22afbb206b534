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
 * rounds, prints the median and best round per type.
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
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.out.println("| type | median events/CPU-s | best events/CPU-s | ns/event (median) |");
    System.out.println("|---|---:|---:|---:|");
    long sink = 0;
    for (String type : types) {
      Settings settings = Sources.settings(type, 10, 42, Map.of());
      double[] rates = new double[rounds];
      for (int r = -2; r < rounds; r++) {
        EventSource source = Sources.source(settings);
        EventJson json = new EventJson();
        long start = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
        double slot = Sources.slotMillis(source);
        long cpu = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < events; i++) {
          Event e = source.next(start + (long) (i * slot));
          if (e != null) {
            sink += json.toBytes(e).length;
          }
        }
        cpu = threads.getCurrentThreadCpuTime() - cpu;
        if (r >= 0) {
          rates[r] = events * 1e9 / cpu;
        }
      }
      Arrays.sort(rates);
      double median = rates[rounds / 2];
      System.out.printf(
          Locale.ROOT,
          "| %s | %,.0f | %,.0f | %.0f |%n",
          type,
          median,
          rates[rounds - 1],
          1e9 / median);
    }
    if (sink == 42) {
      System.out.println();
    }
  }
}
