package io.telemetra.consume;

import io.telemetra.cli.ExitCodes;
import io.telemetra.event.EventType;
import io.telemetra.produce.Headers;
import io.telemetra.produce.Manifest;
import io.telemetra.produce.ManifestAggregates;
import io.telemetra.produce.Ticker;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code telemetra consume --verify}: reads the topics from the beginning up to the end offsets
 * taken at start, groups records by the run id header, and checks the chosen run's sequence numbers
 * per topic and channel: lost (gaps), duplicated, out of order. With a manifest it also checks
 * counts, first and last sequence numbers, and the per-minute aggregates recomputed from the values
 * read. The report goes to the output stream; exit 0 when all matches, 1 otherwise.
 */
public final class Verifier {
  private static final Logger LOG = LoggerFactory.getLogger(Verifier.class);

  /** Lines listed per kind of difference before "and N more". */
  static final int LIMIT = 20;

  private static final long PROGRESS_EVERY_NANOS = 10_000_000_000L;

  /**
   * @param topics topics to read when there is no manifest (with one, the manifest's topics)
   * @param runId the run to check, or null: the manifest's, else the latest run seen
   * @param manifest null = check sequences only
   * @param idleTimeout give up when no record arrives for this long before the end offsets are
   *     reached
   */
  public record Options(
      String bootstrapServers,
      Map<String, String> clientProperties,
      List<String> topics,
      String runId,
      Manifest manifest,
      String manifestName,
      Duration idleTimeout,
      int connectRetries) {}

  private final Options options;
  private final PrintStream out;
  private final Ticker ticker;
  private volatile boolean stopRequested;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  private final Map<String, RunRecords> runs = new HashMap<>();
  private long foreign;
  private long badHeaders;
  private long records;

  public Verifier(Options options, PrintStream out, Ticker ticker) {
    this.options = options;
    this.out = out;
    this.ticker = ticker;
  }

  public void requestStop() {
    stopRequested = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  public int run() throws InterruptedException {
    int connected =
        KafkaConsumers.awaitCluster(
            options.bootstrapServers(), options.clientProperties(), options.connectRetries());
    if (connected != ExitCodes.OK) {
      return connected;
    }
    Manifest manifest = options.manifest();
    List<String> topics =
        manifest != null ? inTypeOrder(manifest.topics().keySet()) : options.topics();
    String target =
        options.runId() != null ? options.runId() : manifest != null ? manifest.runId() : null;
    long start = ticker.nanoTime();
    List<String> missing = new ArrayList<>();
    Map<TopicPartition, Long> end;
    try (KafkaConsumer<byte[], byte[]> c =
        KafkaConsumers.create(
            KafkaConsumers.config(
                options.bootstrapServers(), null, true, options.clientProperties()))) {
      consumer = c;
      List<TopicPartition> partitions = KafkaConsumers.partitions(c, topics, missing);
      c.assign(partitions);
      c.seekToBeginning(partitions);
      end = c.endOffsets(partitions);
      LOG.info(
          "Verifying: reading {} partitions of {} up to their current end ({} records at most)",
          partitions.size(),
          String.join(", ", topics),
          String.format(
              Locale.ROOT, "%,d", end.values().stream().mapToLong(Long::longValue).sum()));
      if (!read(c, end, target)) {
        return ExitCodes.RUNTIME;
      }
    } catch (WakeupException e) {
      LOG.warn("Stopped before reaching the end of the topics: no verdict");
      return ExitCodes.RUNTIME;
    } catch (AuthenticationException e) {
      LOG.error("Kafka refused the credentials: {}", e.getMessage());
      return ExitCodes.AUTHENTICATION;
    } catch (AuthorizationException e) {
      LOG.error("Kafka refused access: {}", e.getMessage());
      return ExitCodes.RUNTIME;
    } finally {
      consumer = null;
    }
    Duration took = Duration.ofNanos(ticker.nanoTime() - start);
    if (target == null) {
      target = latestRun();
      if (target == null) {
        out.printf(
            Locale.ROOT,
            "No telemetra records found in %s (%,d records without telemetra headers)%n",
            String.join(", ", topics),
            foreign);
        return ExitCodes.RUNTIME;
      }
    }
    RunRecords run = runs.get(target);
    if (run == null) {
      if (manifest == null) {
        out.printf(
            Locale.ROOT,
            "No records of run %s in %s (%d other run%s found)%n",
            target,
            String.join(", ", topics),
            runs.size(),
            runs.size() == 1 ? "" : "s");
        out.println("Result: FAILED: run not found");
        return ExitCodes.RUNTIME;
      }
      run = new RunRecords(target); // every record of the manifest is lost: the report lists them
    }
    return report(run, topics, missing, took);
  }

  /**
   * Reads every partition up to its end offset. @return false when reading stalled (report printed)
   */
  private boolean read(
      KafkaConsumer<byte[], byte[]> c, Map<TopicPartition, Long> end, String target) {
    Set<TopicPartition> pending = new HashSet<>();
    end.forEach(
        (tp, offset) -> {
          if (offset > 0) {
            pending.add(tp);
          }
        });
    long idle = options.idleTimeout().toNanos();
    long last = ticker.nanoTime();
    long lastProgress = last;
    long total = end.values().stream().mapToLong(Long::longValue).sum();
    byte[] lastRunBytes = null;
    RunRecords lastRun = null;
    while (!pending.isEmpty()) {
      if (stopRequested) {
        throw new WakeupException();
      }
      ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(500));
      long now = ticker.nanoTime();
      for (ConsumerRecord<byte[], byte[]> r : batch) {
        records++;
        Header runHeader = r.headers().lastHeader(Headers.RUN_ID);
        Header seqHeader = r.headers().lastHeader(Headers.SEQUENCE);
        if (runHeader == null || seqHeader == null) {
          foreign++;
          continue;
        }
        RunRecords run;
        if (lastRunBytes != null && Arrays.equals(lastRunBytes, runHeader.value())) {
          run = lastRun;
        } else {
          String id = new String(runHeader.value(), StandardCharsets.UTF_8);
          run = runs.computeIfAbsent(id, RunRecords::new);
          lastRunBytes = runHeader.value();
          lastRun = run;
        }
        long seq;
        try {
          seq = parseSeq(seqHeader.value());
        } catch (NumberFormatException e) {
          badHeaders++;
          continue;
        }
        String channel = r.key() == null ? "(no key)" : new String(r.key(), StandardCharsets.UTF_8);
        run.add(
            r.topic(),
            channel,
            r.partition(),
            seq,
            r.timestamp(),
            r.value(),
            run.runId.equals(target));
      }
      if (!batch.isEmpty()) {
        last = now;
      }
      if (now - lastProgress >= PROGRESS_EVERY_NANOS) {
        LOG.info(String.format(Locale.ROOT, "Read %,d of at most %,d records", records, total));
        lastProgress = now;
      }
      pending.removeIf(tp -> c.position(tp) >= end.get(tp));
      if (!pending.isEmpty() && now - last >= idle) {
        out.printf(
            Locale.ROOT,
            "Gave up: no record for %s, and %s not read to the end (at %s)%n",
            Durations.human(options.idleTimeout()),
            pending,
            pending.stream().map(tp -> tp + "@" + c.position(tp) + "/" + end.get(tp)).toList());
        out.println("Result: INCOMPLETE (the topics could not be read to the end)");
        return false;
      }
    }
    return true;
  }

  /** chat, viewer, transactions, stream_meta, then any others by name. */
  static List<String> inTypeOrder(java.util.Collection<String> topics) {
    return topics.stream()
        .sorted(
            java.util.Comparator.comparingInt(
                    (String t) -> {
                      EventType type = EventType.ofTopic(t);
                      return type == null ? Integer.MAX_VALUE : type.ordinal();
                    })
                .thenComparing(t -> t))
        .toList();
  }

  /** A decimal ASCII sequence number, without allocating a String. */
  static long parseSeq(byte[] b) {
    if (b == null || b.length == 0 || b.length > 18) {
      throw new NumberFormatException();
    }
    long n = 0;
    for (byte x : b) {
      if (x < '0' || x > '9') {
        throw new NumberFormatException();
      }
      n = n * 10 + (x - '0');
    }
    return n;
  }

  private String latestRun() {
    RunRecords best = null;
    for (RunRecords r : runs.values()) {
      if (best == null || r.lastTimestamp > best.lastTimestamp) {
        best = r;
      }
    }
    return best == null ? null : best.runId;
  }

  private int report(RunRecords run, List<String> topics, List<String> missing, Duration took) {
    Manifest manifest = options.manifest();
    Problems p = new Problems();
    out.printf(
        Locale.ROOT,
        "Run %s%s: read %,d records of this run in %s (%,d records read in all; %d other run%s; "
            + "%,d records without telemetra headers)%n",
        run.runId,
        manifest != null
            ? " (manifest " + options.manifestName() + ")"
            : " (no manifest: the tail of each channel cannot be checked)",
        run.records,
        Durations.human(took),
        records,
        runs.size() - (runs.containsKey(run.runId) ? 1 : 0),
        runs.size() - (runs.containsKey(run.runId) ? 1 : 0) == 1 ? "" : "s",
        foreign);
    if (badHeaders > 0) {
      out.printf(
          Locale.ROOT, "  %,d records had an unreadable %s header%n", badHeaders, Headers.SEQUENCE);
      p.other += badHeaders;
    }
    for (String topic : topics) {
      Map<String, ChannelSequence> read = run.topics.getOrDefault(topic, Map.of());
      Manifest.TopicEntry expected = manifest == null ? null : manifest.topics().get(topic);
      List<String> lines = new ArrayList<>();
      long distinct = 0;
      Set<String> channels = new TreeSet<>(read.keySet());
      if (expected != null) {
        channels.addAll(expected.channels().keySet());
      }
      for (String channel : channels) {
        ChannelSequence s = read.getOrDefault(channel, new ChannelSequence());
        Manifest.ChannelEntry e = expected == null ? null : expected.channels().get(channel);
        distinct += s.distinct();
        checkChannel(channel, s, e, expected != null, lines, p);
      }
      String status =
          missing.contains(topic)
              ? "topic does not exist"
              : lines.isEmpty()
                  ? "OK"
                  : lines.size() + " channel" + (lines.size() == 1 ? "" : "s") + " with problems";
      out.printf(
          Locale.ROOT,
          "  %-40s %,12d records %6d channels: %s%n",
          topic,
          distinct,
          channels.size(),
          status);
      if (expected != null && expected.events() != distinct) {
        out.printf(
            Locale.ROOT,
            "    total: %,d read, %,d in the manifest (%+,d)%n",
            distinct,
            expected.events(),
            distinct - expected.events());
      }
      if (expected != null && expected.failed() > 0) {
        out.printf(
            Locale.ROOT,
            "    note: the manifest records %,d sends that failed in the producer; their sequence numbers are gaps%n",
            expected.failed());
      }
      for (int i = 0; i < lines.size() && i < LIMIT; i++) {
        out.println("    " + lines.get(i));
      }
      if (lines.size() > LIMIT) {
        out.printf(
            Locale.ROOT, "    ... and %d more channels with problems%n", lines.size() - LIMIT);
      }
    }
    for (String topic : run.topics.keySet()) {
      if (!topics.contains(topic)) {
        out.printf(
            Locale.ROOT,
            "  %s: records of this run in a topic the manifest does not list%n",
            topic);
        p.manifest++;
      }
    }
    if (manifest != null) {
      compareAggregates(manifest.aggregates(), run, p);
    }
    out.println(p.verdict(run.records, manifest != null));
    return p.ok() ? ExitCodes.OK : ExitCodes.RUNTIME;
  }

  private void checkChannel(
      String channel,
      ChannelSequence s,
      Manifest.ChannelEntry e,
      boolean withManifest,
      List<String> lines,
      Problems p) {
    List<String> parts = new ArrayList<>();
    long last = e != null ? Math.max(e.lastSeq(), s.max()) : s.max();
    List<long[]> gaps = s.gaps(last);
    if (!gaps.isEmpty()) {
      long n = ChannelSequence.size(gaps);
      p.lost += n;
      parts.add(
          String.format(Locale.ROOT, "lost %,d (seq %s)", n, ChannelSequence.ranges(gaps, 10)));
    }
    if (s.duplicates() > 0) {
      p.duplicated += s.duplicates();
      parts.add(
          String.format(
              Locale.ROOT,
              "duplicated %,d (seq %s%s)",
              s.duplicates(),
              String.join(", ", s.duplicateSamples().stream().map(String::valueOf).toList()),
              s.duplicates() > s.duplicateSamples().size() ? ", ..." : ""));
    }
    if (s.outOfOrder() > 0) {
      p.outOfOrder += s.outOfOrder();
      parts.add(
          String.format(
              Locale.ROOT,
              "out of order %,d (%s%s)",
              s.outOfOrder(),
              String.join(
                  ", ", s.outOfOrderSamples().stream().map(x -> x[0] + " after " + x[1]).toList()),
              s.outOfOrder() > s.outOfOrderSamples().size() ? ", ..." : ""));
    }
    if (withManifest) {
      if (e == null) {
        p.manifest++;
        parts.add(
            String.format(
                Locale.ROOT,
                "not in the manifest (%,d records, seq %d-%d)",
                s.distinct(),
                s.min(),
                s.max()));
      } else {
        List<String> diff = new ArrayList<>();
        if (e.events() != s.distinct()) {
          diff.add(
              String.format(
                  Locale.ROOT, "events %,d read vs %,d in the manifest", s.distinct(), e.events()));
        }
        if (e.firstSeq() != s.min()) {
          diff.add(
              "first seq "
                  + (s.min() < 0 ? "none" : s.min())
                  + " read vs "
                  + e.firstSeq()
                  + " in the manifest");
        }
        if (e.lastSeq() != s.max()) {
          diff.add(
              "last seq "
                  + (s.max() < 0 ? "none" : s.max())
                  + " read vs "
                  + e.lastSeq()
                  + " in the manifest"
                  + (s.max() < e.lastSeq()
                      ? " (lost at the tail: " + (s.max() + 1) + "-" + e.lastSeq() + ")"
                      : ""));
        }
        if (!diff.isEmpty()) {
          p.manifest++;
          parts.add("manifest: " + String.join("; ", diff));
        }
      }
    }
    if (s.spansPartitions()) {
      parts.add(
          "note: read from more than one partition (order is only checked within a partition)");
    }
    if (!parts.isEmpty() && !(parts.size() == 1 && parts.get(0).startsWith("note:"))) {
      lines.add(channel + ": " + String.join("; ", parts));
    }
  }

  private void compareAggregates(ManifestAggregates expected, RunRecords run, Problems p) {
    List<String> diffs = new ArrayList<>();
    Set<Long> minutes = new TreeSet<>(expected.minutes().keySet());
    minutes.addAll(run.aggregates.minutes().keySet());
    for (long minute : minutes) {
      ManifestAggregates.Minute e = expected.minutes().get(minute);
      ManifestAggregates.Minute r = run.aggregates.minutes().get(minute);
      String at = Instant.ofEpochMilli(minute).toString();
      diffCounts(
          diffs,
          at,
          "chat_messages",
          e == null ? Map.of() : e.chatMessages(),
          r == null ? Map.of() : r.chatMessages());
      diffCounts(
          diffs,
          at,
          "peak_viewers",
          e == null ? Map.of() : e.peakViewers(),
          r == null ? Map.of() : r.peakViewers());
      diffMoney(
          diffs, at, e == null ? Map.of() : e.revenueUsd(), r == null ? Map.of() : r.revenueUsd());
    }
    p.aggregates = diffs.size();
    if (run.unparsable > 0) {
      out.printf(
          Locale.ROOT,
          "  %,d values could not be read for the aggregates (not JSON or fields missing)%n",
          run.unparsable);
      p.other += run.unparsable;
    }
    if (diffs.isEmpty()) {
      out.printf(
          Locale.ROOT,
          "  aggregates: %,d minute%s match (chat messages, revenue by type, peak viewers)%n",
          minutes.size(),
          minutes.size() == 1 ? "" : "s");
      return;
    }
    out.printf(
        Locale.ROOT,
        "  aggregates: %,d difference%s (manifest vs read, by event-time minute)%n",
        diffs.size(),
        diffs.size() == 1 ? "" : "s");
    for (int i = 0; i < diffs.size() && i < LIMIT; i++) {
      out.println("    " + diffs.get(i));
    }
    if (diffs.size() > LIMIT) {
      out.printf(Locale.ROOT, "    ... and %d more%n", diffs.size() - LIMIT);
    }
  }

  private static void diffCounts(
      List<String> diffs, String at, String what, Map<String, Long> e, Map<String, Long> r) {
    Set<String> keys = new TreeSet<>(e.keySet());
    keys.addAll(r.keySet());
    for (String k : keys) {
      long a = e.getOrDefault(k, 0L);
      long b = r.getOrDefault(k, 0L);
      if (a != b || e.containsKey(k) != r.containsKey(k)) {
        diffs.add(
            String.format(
                Locale.ROOT,
                "%s %s[%s]: manifest %s, read %s",
                at,
                what,
                k,
                e.containsKey(k) ? a : "none",
                r.containsKey(k) ? b : "none"));
      }
    }
  }

  private static void diffMoney(
      List<String> diffs, String at, Map<String, BigDecimal> e, Map<String, BigDecimal> r) {
    Set<String> keys = new TreeSet<>(e.keySet());
    keys.addAll(r.keySet());
    for (String k : keys) {
      BigDecimal a = e.get(k);
      BigDecimal b = r.get(k);
      if (a == null || b == null || a.compareTo(b) != 0) {
        diffs.add(
            String.format(
                Locale.ROOT,
                "%s revenue_usd[%s]: manifest %s, read %s",
                at,
                k,
                a == null ? "none" : a.toPlainString(),
                b == null ? "none" : b.toPlainString()));
      }
    }
  }

  /** Counts of each kind of problem, and the final line. */
  static final class Problems {
    long lost;
    long duplicated;
    long outOfOrder;
    long manifest;
    long aggregates;
    long other;

    boolean ok() {
      return lost == 0
          && duplicated == 0
          && outOfOrder == 0
          && manifest == 0
          && aggregates == 0
          && other == 0;
    }

    String verdict(long records, boolean withManifest) {
      if (ok()) {
        return String.format(
            Locale.ROOT,
            "Result: OK: %,d records, none lost, none duplicated, order kept%s",
            records,
            withManifest ? "; totals, sequence ranges and aggregates match the manifest" : "");
      }
      List<String> text = new ArrayList<>();
      add(text, lost, "lost");
      add(text, duplicated, "duplicated");
      add(text, outOfOrder, "out of order");
      add(text, manifest, manifest == 1 ? "manifest mismatch" : "manifest mismatches");
      add(text, aggregates, aggregates == 1 ? "aggregate difference" : "aggregate differences");
      add(text, other, other == 1 ? "unreadable record" : "unreadable records");
      return "Result: FAILED: " + String.join(", ", text);
    }

    private static void add(List<String> text, long n, String what) {
      if (n > 0) {
        text.add(String.format(Locale.ROOT, "%,d %s", n, what));
      }
    }
  }
}
