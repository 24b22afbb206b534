package io.telemetra.bench;

import io.telemetra.config.Settings;
import io.telemetra.event.Event;
import io.telemetra.event.EventJson;
import io.telemetra.sim.EventSource;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 1 (issue 8): events per second on one thread, from the simulation to the JSON bytes
 * that would go to Kafka. {@code type=mix} is the realistic mix (every type enabled); the other
 * values enable only that type ({@code PRODUCE_*=false} for the rest).
 *
 * <p>{@link #generateAndSerialize} is the figure that counts; {@link #generateOnly} splits the cost
 * between the simulation and {@link EventJson}. Slots are spaced at the model's natural rate, as in
 * backfill with {@code RATE_PER_SEC=max}; the source is rebuilt from the same seed before each
 * iteration so simulated time never runs away across iterations.
 *
 * <p>Run: {@code bench/generation.sh} (adds {@code -prof gc} for allocation per event), or {@code
 * java -cp target/bench/telemetra-bench.jar org.openjdk.jmh.Main GenerationBenchmark -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class GenerationBenchmark {
  /** "mix", or one event type: chat, viewer, transactions, stream_meta. */
  @Param({"mix", "chat", "viewer", "transactions", "stream_meta"})
  public String type;

  /** Generated channels (the CLI's default is 10). */
  @Param({"10"})
  public int channels;

  private Settings settings;
  private EventSource source;
  private final EventJson json = new EventJson();
  private long start;
  private double slotMillis;
  private long slot;

  @Setup(Level.Trial)
  public void settings() {
    settings = Sources.settings(type, channels, 42, Map.of());
    start = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
  }

  @Setup(Level.Iteration)
  public void freshSource() {
    source = Sources.source(settings);
    slotMillis = Sources.slotMillis(source);
    slot = 0;
  }

  private long nextAt() {
    return start + (long) (slot++ * slotMillis);
  }

  /** Simulation plus JSON: the bytes a Kafka record would carry. */
  @Benchmark
  public byte[] generateAndSerialize() {
    return json.toBytes(source.next(nextAt()));
  }

  /** Simulation alone: the event record, not yet serialised. */
  @Benchmark
  public Event generateOnly() {
    return source.next(nextAt());
  }
}
