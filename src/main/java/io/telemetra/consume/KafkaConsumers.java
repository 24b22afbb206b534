package io.telemetra.consume;

import io.telemetra.cli.ExitCodes;
import io.telemetra.produce.FatalSinkException;
import io.telemetra.produce.KafkaSetup;
import io.telemetra.produce.KafkaUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The consumer settings of {@code telemetra consume}, each with the reason it is set. */
public final class KafkaConsumers {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaConsumers.class);

  private KafkaConsumers() {}

  /**
   * @param group a consumer group id, or null to read without a group (manual assignment, no
   *     committed offsets: the consumer leaves no trace in the cluster)
   * @param fromBeginning where a partition without a committed offset starts
   * @param overrides the user's client properties (file and KAFKA_CLIENT_* variables) win
   */
  public static Map<String, Object> config(
      String bootstrapServers, String group, boolean fromBeginning, Map<String, String> overrides) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, "telemetra-consumer");
    // Bytes in, bytes out: values are printed or checked exactly as they are stored.
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    if (group != null) {
      c.put(ConsumerConfig.GROUP_ID_CONFIG, group);
      // Only for a group: its committed offsets win; this applies to partitions it never read.
      c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
    }
    // Offsets are committed by ConsumeRun for the records it printed, not for whole fetched
    // batches: "consume chat 10 --group g" then resumes at the eleventh message.
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Larger batches per poll: verification reads millions of small records.
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
    // Without this, an unreachable address makes the client reconnect in a tight loop.
    c.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    c.putAll(overrides);
    return c;
  }

  public static KafkaConsumer<byte[], byte[]> create(Map<String, Object> config) {
    return new KafkaConsumer<>(config);
  }

  /**
   * Waits until the cluster answers (same checks and messages as the producer). Returns {@link
   * ExitCodes#OK} when it does; otherwise logs why and returns the exit code: {@link
   * ExitCodes#KAFKA_UNAVAILABLE} after the retries, or the credentials' code.
   */
  public static int awaitCluster(
      String bootstrapServers, Map<String, String> clientProperties, int retries)
      throws InterruptedException {
    try {
      new KafkaSetup(bootstrapServers, clientProperties).awaitCluster(retries);
      return ExitCodes.OK;
    } catch (KafkaUnavailableException e) {
      LOG.error(e.getMessage());
      return ExitCodes.KAFKA_UNAVAILABLE;
    } catch (FatalSinkException e) {
      LOG.error(e.getMessage());
      return e.exitCode();
    }
  }

  /**
   * Every partition of the given topics that exist; the missing ones are added to {@code missing}.
   */
  public static List<TopicPartition> partitions(
      KafkaConsumer<?, ?> consumer, Collection<String> topics, List<String> missing) {
    Set<String> existing = consumer.listTopics(Duration.ofSeconds(30)).keySet();
    List<TopicPartition> out = new ArrayList<>();
    for (String topic : topics) {
      if (!existing.contains(topic)) {
        missing.add(topic);
        continue;
      }
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        out.add(new TopicPartition(topic, p.partition()));
      }
    }
    return out;
  }
}
