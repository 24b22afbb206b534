package io.telemetra.reliability.support;

import io.telemetra.produce.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What a run left in Kafka, read back with a plain {@link KafkaConsumer} from the start of every
 * partition to its end offset, and checked by the producer's verification headers: per (topic,
 * channel) the {@code telemetra-seq} values must be exactly 0..n-1, each once.
 *
 * @param records records of the run found (including duplicates)
 * @param distinct distinct (topic, channel, seq) triples
 * @param duplicates records whose (topic, channel, seq) was seen before
 * @param missing sequence numbers absent below the highest one seen for their (topic, channel)
 * @param perTopic distinct records per topic
 * @param otherRuns records without this run's id (0 when no run id was given)
 */
public record Delivered(
    long records,
    long distinct,
    long duplicates,
    long missing,
    Map<String, Long> perTopic,
    long otherRuns) {

  /** Reads {@code topics} completely. {@code runId} null: count every record. */
  public static Delivered read(
      String bootstrapServers,
      Map<String, Object> clientConfig,
      Collection<String> topics,
      String runId) {
    Map<String, Object> c = new HashMap<>(clientConfig);
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    c.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    c.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    Map<String, BitSet> seen = new TreeMap<>();
    Map<String, Long> perTopic = new TreeMap<>();
    long records = 0;
    long duplicates = 0;
    long others = 0;
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c)) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (String topic : topics) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        for (PartitionInfo p : infos) {
          partitions.add(new TopicPartition(topic, p.partition()));
        }
        perTopic.put(topic, 0L);
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end =
          new LinkedHashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!end.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "could not read " + topics + " to the end within 60 s; left: " + end);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String run = header(r, Headers.RUN_ID);
          if (runId != null && !runId.equals(run)) {
            others++;
            continue;
          }
          records++;
          int seq = Integer.parseInt(header(r, Headers.SEQUENCE));
          BitSet bits = seen.computeIfAbsent(r.topic() + "/" + r.key(), k -> new BitSet());
          if (bits.get(seq)) {
            duplicates++;
          } else {
            bits.set(seq);
            perTopic.merge(r.topic(), 1L, Long::sum);
          }
        }
        end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
      }
    }
    long distinct = 0;
    long missing = 0;
    for (BitSet bits : seen.values()) {
      distinct += bits.cardinality();
      missing += bits.length() - bits.cardinality();
    }
    return new Delivered(records, distinct, duplicates, missing, perTopic, others);
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    if (h == null) {
      throw new AssertionError(
          "record at "
              + r.topic()
              + "-"
              + r.partition()
              + "@"
              + r.offset()
              + " has no "
              + name
              + " header");
    }
    return new String(h.value(), StandardCharsets.UTF_8);
  }
}
