package io.telemetra.bench;

import io.telemetra.config.Settings;
import io.telemetra.event.Event;
import io.telemetra.produce.ProduceListener;
import io.telemetra.produce.ProduceRun;
import io.telemetra.produce.Ticker;
import io.telemetra.sim.EventSource;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark 4 (issue 8): a backfill run ({@code FROM/TO}, {@code RATE_PER_SEC=max}) with {@code
 * --sink stdout} written to nowhere, in this JVM, at one channel count. Prints one line: channels,
 * events, events/s of the produce loop, ns/event, the engine's construction time and the live heap
 * after a full GC while the run (and so the simulation) is still reachable.
 *
 * <p>{@code ns_per_event} is wall-clock time; {@code cpu_ns_per_event} is the producing thread's
 * CPU time per event (engine construction excluded), the figure that survives a busy machine.
 *
 * <p>One JVM per channel count keeps the heap figures apart; {@code bench/scale.sh} runs 10, 1,000
 * and 100,000. Usage: {@code ScaleBenchmark <channels> <events>}.
 */
public final class ScaleBenchmark {
  private ScaleBenchmark() {}

  public static void main(String[] args) throws Exception {
    int channels = Integer.parseInt(args[0]);
    long events = Long.parseLong(args[1]);
    long baseline = liveHeap();

    // Warm-up: the same run on a third of the events, so the measured run is JIT-compiled.
    run(channels, Math.max(1, events / 3));
    Result r = run(channels, events);
    long heap = liveHeap();
    System.out.printf(
        Locale.ROOT,
        "channels=%d events=%d events_per_s=%.0f ns_per_event=%.1f cpu_ns_per_event=%.1f build_ms=%.1f live_heap_mb=%.1f"
            + " heap_over_baseline_mb=%.1f max_heap_mb=%d%n",
        channels,
        r.acked,
        r.eventsPerSecond(),
        1e9 / r.eventsPerSecond(),
        (double) r.cpuNanos / r.acked,
        r.buildNanos / 1e6,
        heap / 1e6,
        (heap - baseline) / 1e6,
        Runtime.getRuntime().maxMemory() / (1 << 20));
    // Keep the run (and its simulation) reachable until after the heap was measured.
    if (r.run.source() == null) {
      throw new IllegalStateException("no source");
    }
  }

  private record Result(
      ProduceRun run, long acked, long firstNanos, long lastNanos, long buildNanos, long cpuNanos) {
    double eventsPerSecond() {
      return (acked - 1) * 1e9 / Math.max(1, lastNanos - firstNanos);
    }
  }

  private static Result run(int channels, long events) throws InterruptedException {
    Map<String, String> env = new HashMap<>();
    env.put("SINK", "stdout");
    env.put("RATE_PER_SEC", "max");
    env.put("FROM", "2026-12-01T00:00:00Z");
    env.put("TO", "2027-12-01T00:00:00Z");
    env.put("MAX_EVENTS", Long.toString(events));
    env.put("STATS_INTERVAL", "1h");
    Settings settings = Sources.settings("mix", channels, 42, env);
    long[] build = new long[1];
    AtomicLong acked = new AtomicLong();
    long[] first = new long[1];
    long[] last = new long[1];
    ProduceRun run =
        new ProduceRun(
            settings,
            Clock.systemUTC(),
            Ticker.SYSTEM,
            OutputStream.nullOutputStream(),
            s -> {
              long t = System.nanoTime();
              EventSource source = Sources.source(s);
              build[0] = System.nanoTime() - t;
              return source;
            });
    run.addListener(
        new ProduceListener() {
          @Override
          public void onAcknowledged(
              Event event, String topic, long sequence, int bytes, long latencyNanos) {
            // The stdout sink acknowledges on the producing thread: no synchronisation needed.
            long now = System.nanoTime();
            if (acked.getAndIncrement() == 0) {
              first[0] = now;
            }
            last[0] = now;
          }
        });
    // The loop runs on this thread: its CPU time is the cost, whatever else the machine runs.
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    int code = run.run();
    cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu - build[0];
    if (code != 0) {
      throw new IllegalStateException("produce run failed with exit code " + code);
    }
    return new Result(run, acked.get(), first[0], last[0], build[0], cpu);
  }

  /** Heap in use after full collections (System.gc() twice, as the JDK's tools do). */
  static long liveHeap() throws InterruptedException {
    for (int i = 0; i < 2; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
