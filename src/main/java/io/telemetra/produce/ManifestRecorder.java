package io.telemetra.produce;

import io.telemetra.config.Settings;
import io.telemetra.event.Event;
import io.telemetra.event.EventType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Builds the run's {@link Manifest} from acknowledged records: counts and sequence ranges per topic
 * and channel, and the per-minute {@link ManifestAggregates}. Only acknowledged records count, so
 * the manifest never claims an event that is not in Kafka.
 *
 * <p>Called from Kafka's I/O thread: one uncontended lock and a few hash lookups per record.
 */
public final class ManifestRecorder implements ProduceListener {
  private final String runId;
  private final Settings settings;
  private final Clock clock;
  private final Instant startedAt;
  private volatile Instant endedAt;
  private final Map<String, TopicState> topics = new HashMap<>();
  private final ManifestAggregates aggregates = new ManifestAggregates();

  private static final class TopicState {
    final EventType type;
    long events;
    long bytes;
    long failed;
    final Map<String, long[]> channels = new HashMap<>();

    TopicState(EventType type) {
      this.type = type;
    }
  }

  public ManifestRecorder(String runId, Settings settings, Clock clock) {
    this.runId = runId;
    this.settings = settings;
    this.clock = clock;
    this.startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  @Override
  public synchronized void onAcknowledged(
      Event event, String topic, long sequence, int bytes, long latencyNanos) {
    TopicState t = topics.computeIfAbsent(topic, k -> new TopicState(event.type()));
    t.events++;
    t.bytes += bytes;
    // {events, first, last}
    long[] c =
        t.channels.computeIfAbsent(
            event.channel(), k -> new long[] {0, Long.MAX_VALUE, Long.MIN_VALUE});
    c[0]++;
    c[1] = Math.min(c[1], sequence);
    c[2] = Math.max(c[2], sequence);
    aggregates.add(event);
  }

  @Override
  public synchronized void onFailed(Event event, String topic, Exception error) {
    topics.computeIfAbsent(topic, k -> new TopicState(event.type())).failed++;
  }

  @Override
  public void onFinished(boolean failed) {
    endedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** The manifest as of now (the end time is now if the run has not finished). */
  public synchronized Manifest manifest() {
    Map<String, Manifest.TopicEntry> out = new TreeMap<>();
    for (EventType type : settings.enabledTypes().stream().sorted().toList()) {
      topics.putIfAbsent(settings.topic(type), new TopicState(type));
    }
    for (Map.Entry<String, TopicState> e : topics.entrySet()) {
      TopicState t = e.getValue();
      Map<String, Manifest.ChannelEntry> channels = new TreeMap<>();
      t.channels.forEach((ch, c) -> channels.put(ch, new Manifest.ChannelEntry(c[0], c[1], c[2])));
      out.put(
          e.getKey(),
          new Manifest.TopicEntry(t.type.topicSuffix(), t.events, t.bytes, t.failed, channels));
    }
    ManifestAggregates copy = new ManifestAggregates();
    aggregates
        .minutes()
        .forEach(
            (minute, m) -> {
              m.chatMessages().forEach((k, v) -> copy.putChat(minute, k, v));
              m.revenueUsd().forEach((k, v) -> copy.putRevenue(minute, k, v));
              m.peakViewers().forEach((k, v) -> copy.putPeak(minute, k, v));
            });
    return new Manifest(
        runId,
        settings.seed(),
        summary(settings),
        startedAt,
        endedAt == null ? clock.instant().truncatedTo(ChronoUnit.MILLIS) : endedAt,
        out,
        copy);
  }

  public void write(Path file) throws IOException {
    manifest().write(file);
  }

  /**
   * The settings that shape the events (no addresses, no client properties: they may hold secrets).
   */
  static Map<String, Object> summary(Settings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", s.seed());
    m.put(
        "channels",
        s.channels().isEmpty()
            ? s.channelCount() + " generated"
            : s.channels().stream()
                .map(c -> c.audience() > 0 ? c.name() + ":" + c.audience() : c.name())
                .collect(Collectors.joining(",")));
    m.put("rate_per_sec", s.rate().toString());
    m.put("message_variants", s.messageVariants());
    m.put("enabled_types", s.enabledTypes().stream().sorted().map(EventType::topicSuffix).toList());
    m.put("max_events", s.maxEvents());
    m.put("duration", s.duration().isZero() ? "unlimited" : s.duration().toString());
    m.put("topic_prefix", s.topicPrefix());
    m.put("topic_partitions", s.topicPartitions());
    m.put("sink", s.sink().name().toLowerCase(Locale.ROOT));
    if (s.backfill()) {
      m.put("from", s.from().toString());
      m.put("to", s.to().toString());
    }
    return m;
  }
}
