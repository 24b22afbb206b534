package io.telemetra.config;

import io.telemetra.event.EventType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated, immutable settings of a produce run. Built once at start-up by {@link
 * SettingsParser}; nothing reads the environment after that.
 *
 * @param bootstrapServers null means "start the embedded broker"
 * @param channels explicitly named channels; empty means generate {@code channelCount}
 * @param seed the simulation seed (always set: a random one is drawn and logged if not given)
 * @param maxEvents 0 = unlimited
 * @param duration {@link Duration#ZERO} = unlimited
 * @param clientProperties extra Kafka client properties (file + KAFKA_CLIENT_* variables)
 * @param metricsPort port of the /metrics and /health endpoint; 0 = no endpoint
 * @param manifest where to write the run's manifest at shutdown, or null
 * @param shard this instance's share of the channels ({@link Shard#ALL} = everything)
 */
public record Settings(
    String bootstrapServers,
    List<ChannelSpec> channels,
    int channelCount,
    Rate rate,
    int messageVariants,
    String logLevel,
    String logFormat,
    Set<EventType> enabledTypes,
    long seed,
    boolean seedGiven,
    long maxEvents,
    Duration duration,
    String topicPrefix,
    int topicPartitions,
    short topicReplicationFactor,
    Duration statsInterval,
    Sink sink,
    Path producerConfig,
    Map<String, String> clientProperties,
    int connectRetries,
    int embeddedBrokerPort,
    Path embeddedBrokerDataDir,
    Instant from,
    Instant to,
    int metricsPort,
    boolean metricsPerChannel,
    Duration healthUnreachableThreshold,
    Path manifest,
    Shard shard) {

  /**
   * Shard {@code index} of {@code count}: this instance emits the events of channels {@code c %
   * count == index}.
   */
  public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    @Override
    public String toString() {
      return index + "/" + count;
    }
  }

  /** Where events are written. */
  public enum Sink {
    KAFKA,
    STDOUT
  }

  public Settings {
    channels = List.copyOf(channels);
    enabledTypes = Set.copyOf(enabledTypes);
    clientProperties = Map.copyOf(clientProperties);
  }

  /** Backfill mode: simulate [from, to) as fast as the sink accepts. */
  public boolean backfill() {
    return from != null;
  }

  public boolean embeddedBroker() {
    return bootstrapServers == null && sink == Sink.KAFKA;
  }

  public String topic(EventType type) {
    return type.topic(topicPrefix);
  }

  /** The number of channels the simulation will run. */
  public int effectiveChannelCount() {
    return channels.isEmpty() ? channelCount : channels.size();
  }
}
