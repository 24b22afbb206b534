package io.telemetra.consume;

import io.telemetra.event.EventType;
import io.telemetra.produce.ManifestAggregates;
import java.util.Map;
import java.util.TreeMap;

/**
 * What was read of one run: sequences per topic and channel, and (for the run checked) aggregates.
 */
final class RunRecords {
  final String runId;

  /** topic -> channel -> sequences. */
  final Map<String, Map<String, ChannelSequence>> topics = new TreeMap<>();

  final ManifestAggregates aggregates = new ManifestAggregates();
  long records;
  long unparsable;
  long firstTimestamp = Long.MAX_VALUE;
  long lastTimestamp = Long.MIN_VALUE;

  RunRecords(String runId) {
    this.runId = runId;
  }

  ChannelSequence channel(String topic, String channel) {
    return topics
        .computeIfAbsent(topic, t -> new TreeMap<>())
        .computeIfAbsent(channel, c -> new ChannelSequence());
  }

  /**
   * Adds a record; the value is parsed for aggregates only when {@code aggregate} and the record is
   * new.
   */
  void add(
      String topic,
      String channel,
      int partition,
      long seq,
      long timestamp,
      byte[] value,
      boolean aggregate) {
    records++;
    firstTimestamp = Math.min(firstTimestamp, timestamp);
    lastTimestamp = Math.max(lastTimestamp, timestamp);
    boolean fresh = channel(topic, channel).add(seq, partition);
    if (fresh && aggregate && !ValueFields.addTo(aggregates, EventType.ofTopic(topic), value)) {
      unparsable++;
    }
  }
}
