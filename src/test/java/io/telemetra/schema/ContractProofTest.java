package io.telemetra.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.cli.Main;
import io.telemetra.event.EventType;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The proof that everything the producer emits honours the contract: runs {@code telemetra produce
 * --sink stdout} in backfill mode over many seeds and settings (channel counts, named channels with
 * audiences, message variety, rates, enabled topics) and validates every line it writes, exactly as
 * {@code telemetra produce --sink stdout | telemetra validate auto} would. Going through the
 * command keeps the test independent of how the simulation is built: it exercises the real
 * EventSource, EventJson and stdout envelope. Validation runs on a second thread so that it
 * overlaps production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractProofTest {
  static final long PER_TYPE = 100_000;

  /**
   * Guards against a simulation that rarely emits some type even when it is the only one enabled.
   */
  static final int MAX_RUNS_PER_TYPE = 20;

  private final ByteArrayOutputStream report = new ByteArrayOutputStream();
  private final JsonLinesValidator validator =
      new JsonLinesValidator(
          null, EventValidator.standard(), new PrintStream(report, true, StandardCharsets.UTF_8));
  private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
  private int seed = 1;

  /** Validation runs on its own thread, overlapping the next events' production. */
  private final ValidatingThread worker = new ValidatingThread(validator);

  /** Settings varied across runs: {channels flag, value}, message variants, rate. */
  private static final String[][] WORLDS = {
    {"--channel-count", "1"},
    {"--channel-count", "12"},
    {"--channel-count", "400"},
    {"--channel-count", "5000"},
    {"--channels", "xqcow:15000,demo_stream,tiny_chan:1,mid_size_streamer:800"},
  };

  private static final String[] VARIANTS = {"1", "100", "10000", "37"};
  private static final String[] RATES = {"max", "1", "50", "20000"};

  private JsonLinesValidator.Summary summary;

  /** One long production and validation, shared by the tests below. */
  @BeforeAll
  void produceAndValidate() {
    long start = System.nanoTime();
    worker.start();
    // Mixed runs first: all four topics together, so the simulation's own proportions and
    // interplay (lifecycle, raids, purchases followed by chat) are covered.
    for (int i = 0; i < 2 * WORLDS.length; i++) {
      produce(EventType.values(), 20_000, i);
    }
    // Then each type alone until it has at least PER_TYPE validated events.
    for (EventType type : EventType.values()) {
      for (int run = 0; count(type) < PER_TYPE && run < MAX_RUNS_PER_TYPE; run++) {
        produce(
            new EventType[] {type},
            Math.min(35_000, PER_TYPE - count(type) + 1_000),
            run + type.ordinal());
      }
    }
    worker.finish();
    summary = validator.finish();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "Contract proof: %,d events produced and validated in %.1f s (%,.0f events/s;"
            + " parsing and validating took %.1f s), %s; %d produce runs%n",
        summary.events(),
        seconds,
        summary.events() / seconds,
        worker.nanos / 1e9,
        summary.describe(),
        seed - 1);

    System.out.println("Coverage: " + worker.coverage);
  }

  @Test
  void produce_everyEventOfEveryType_validatesAgainstTheSchemas() {
    String problems = report.toString(StandardCharsets.UTF_8);
    assertThat(problems.lines().limit(30).toList()).as("first problems").isEmpty();
    assertThat(summary.invalid()).isZero();
    for (EventType type : EventType.values()) {
      assertThat(count(type))
          .as("valid %s events", type.topicSuffix())
          .isGreaterThanOrEqualTo(PER_TYPE);
    }
  }

  /**
   * Every kind of event the contract distinguishes was produced and validated (host_start and
   * host_end are legal but rare, as on Twitch since 2022, so they are not required here).
   */
  @Test
  void produce_everyKindOfEvent_isAmongTheValidated() {
    List<String> expected = new ArrayList<>();
    for (String t :
        List.of("donation", "subscription", "bits", "gift_sub", "subscription_renewal")) {
      expected.add("transaction_type=" + t);
    }
    for (String t :
        List.of(
            "stream_start",
            "stream_end",
            "title_change",
            "category_change",
            "raid_incoming",
            "raid_outgoing")) {
      expected.add("event_type=" + t);
    }
    for (String p : List.of("twitch", "bttv", "ffz", "7tv")) {
      expected.add("provider=" + p);
    }
    for (String t : List.of("1000", "2000", "3000", "Prime")) {
      expected.add("tier=" + t);
    }
    expected.addAll(
        List.of(
            "emotes",
            "badges",
            "is_actiontrue",
            "is_anonymoustrue",
            "recipients",
            "raid",
            "chat with bits",
            "streak_months"));
    assertThat(worker.coverage.keySet()).containsAll(expected);
  }

  private long count(EventType type) {
    return validator.summary().validByType().getOrDefault(type, 0L);
  }

  private void produce(EventType[] types, long events, int variant) {
    String[] world = WORLDS[variant % WORLDS.length];
    List<String> args =
        new ArrayList<>(
            List.of(
                "produce",
                "--sink",
                "stdout",
                "--log-level",
                "WARN",
                "--seed",
                Long.toString(seed++ * 7919L),
                world[0],
                world[1],
                "--message-variants",
                VARIANTS[variant % VARIANTS.length],
                "--rate-per-sec",
                RATES[(variant + seed) % RATES.length],
                "--from",
                "2026-12-01T00:00:00Z",
                "--to",
                "2036-12-01T00:00:00Z",
                "--max-events",
                Long.toString(events)));
    Map<EventType, Boolean> enabled = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      enabled.put(t, false);
    }
    for (EventType t : types) {
      enabled.put(t, true);
    }
    enabled.forEach(
        (t, on) -> {
          args.add("--produce-" + t.topicSuffix().replace('_', '-'));
          args.add(on.toString());
        });
    LineFeed feed = new LineFeed(worker);
    int code =
        Main.run(
            args.toArray(String[]::new),
            Map.of(),
            new PrintStream(feed, false, StandardCharsets.UTF_8),
            new PrintStream(logs, true, StandardCharsets.UTF_8));
    feed.end();
    worker.drain();
    assertThat(code)
        .as("exit code of %s (stderr: %s)", args, logs.toString(StandardCharsets.UTF_8))
        .isZero();
  }

  /** Splits what the producer writes into lines and queues each for validation. */
  static final class LineFeed extends OutputStream {
    private final ValidatingThread worker;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

    LineFeed(ValidatingThread worker) {
      this.worker = worker;
    }

    @Override
    public void write(int b) {
      if (b == '\n') {
        accept();
      } else {
        line.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      int from = off;
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          line.write(b, from, i - from);
          accept();
          from = i + 1;
        }
      }
      line.write(b, from, off + len - from);
    }

    /** A last line without a newline is still a line. */
    void end() {
      if (line.size() > 0) {
        accept();
      }
    }

    private void accept() {
      worker.submit(line.toString(StandardCharsets.UTF_8));
      line.reset();
    }
  }

  private static final Pattern ENUMS =
      Pattern.compile(
          "\"(event_type|transaction_type|provider|tier|set_id)\":\"([A-Za-z0-9_-]+)\"");
  private static final String[] FEATURES = {
    "\"emotes\":",
    "\"badges\":",
    "\"is_action\":true",
    "\"is_anonymous\":true",
    "\"recipients\":",
    "\"raid\":",
    "\"quality\":",
    "\"display_name\":",
    "\"streak_months\":"
  };

  /** Feeds queued lines to the validator, which is used by this thread only. */
  static final class ValidatingThread extends Thread {
    private static final String DRAIN = new String("drain");
    private static final String STOP = new String("stop");
    private final JsonLinesValidator validator;
    private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(16_384);
    private final Semaphore drained = new Semaphore(0);
    private volatile Throwable failure;
    volatile long nanos;

    /**
     * How often each enum value and optional chat feature occurred, e.g. {@code
     * transaction_type=gift_sub}.
     */
    final Map<String, Long> coverage = new java.util.TreeMap<>();

    ValidatingThread(JsonLinesValidator validator) {
      super("contract-proof-validator");
      setDaemon(true);
      this.validator = validator;
    }

    void submit(String line) {
      try {
        queue.put(line);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Waits until every submitted line has been validated. */
    void drain() {
      submit(DRAIN);
      try {
        assertThat(drained.tryAcquire(10, TimeUnit.MINUTES))
            .as("validator thread keeps up")
            .isTrue();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      assertThat(failure).as("validator thread failure").isNull();
    }

    void finish() {
      drain();
      submit(STOP);
    }

    private void cover(String line) {
      Matcher m = ENUMS.matcher(line);
      while (m.find()) {
        coverage.merge(m.group(1) + "=" + m.group(2), 1L, Long::sum);
      }
      for (String f : FEATURES) {
        if (line.contains(f)) {
          coverage.merge(f.replace("\"", "").replace(":", ""), 1L, Long::sum);
        }
      }
      if (line.contains("events.chat\"") && line.contains("\"bits\":")) {
        coverage.merge("chat with bits", 1L, Long::sum);
      }
    }

    @Override
    public void run() {
      try {
        long spent = 0;
        for (String line = queue.take(); line != STOP; line = queue.take()) {
          if (line == DRAIN) {
            nanos = spent;
            drained.release();
            continue;
          }
          long t0 = System.nanoTime();
          validator.accept(line);
          spent += System.nanoTime() - t0;
          cover(line);
        }
      } catch (Throwable t) {
        failure = t;
        drained.release(1_000);
      }
    }
  }
}
