package io.telemetra.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Kafka chores for the benchmark scripts.
 *
 * <ul>
 *   <li>{@code create-topic <bootstrap> <topic> <partitions>}: the broker does not auto-create
 *       topics, and Kafka's ProducerPerformance needs one.
 *   <li>{@code rate <bootstrap> <topic-prefix> <target/s> [max-window-error]}: benchmark 3. Reads
 *       every record of {@code <prefix>.*} back, buckets their timestamps (CreateTime: the producer
 *       stamps each record when {@code send()} is called) into 1-second windows from the first
 *       record, and prints the achieved mean and the worst windows against the target. Exit code 0
 *       when the mean is within 1% and every full window within the given error (default 5%), 1
 *       otherwise.
 * </ul>
 */
public final class KafkaBench {
  private KafkaBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "create-topic" -> createTopic(args[1], args[2], Integer.parseInt(args[3]));
      case "rate" ->
          System.exit(
              rate(
                  args[1],
                  args[2],
                  Double.parseDouble(args[3]),
                  args.length > 4 ? Double.parseDouble(args[4]) : 0.05));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }

  static int rate(String bootstrap, String prefix, double target, double maxWindowError)
      throws Exception {
    long[] ts = readTimestamps(bootstrap, prefix);
    int n = ts.length;
    if (n < 2) {
      System.out.println(
          "rate " + fmt(target) + "/s: only " + n + " records under " + prefix + ".*");
      return 1;
    }
    Arrays.sort(ts);
    long first = ts[0];
    long last = ts[n - 1];
    // Mean over the whole run: records per second between the first and the last send.
    double mean = (n - 1) * 1000.0 / Math.max(1, last - first);
    int full = (int) ((last - first) / 1000); // only complete windows: the last one is cut short
    int[] windows = new int[Math.max(full, 0)];
    for (long t : ts) {
      int w = (int) ((t - first) / 1000);
      if (w < full) {
        windows[w]++;
      }
    }
    int worst = 0;
    int worstIndex = -1;
    int over = 0;
    int min = Integer.MAX_VALUE;
    int max = 0;
    for (int i = 0; i < windows.length; i++) {
      int dev = Math.abs(windows[i] - (int) Math.round(target));
      if (dev > worst) {
        worst = dev;
        worstIndex = i;
      }
      if (dev > target * maxWindowError) {
        over++;
      }
      min = Math.min(min, windows[i]);
      max = Math.max(max, windows[i]);
    }
    double meanError = (mean - target) / target;
    double worstError = worst / target;
    boolean ok = Math.abs(meanError) <= 0.01 && over == 0 && windows.length > 0;
    System.out.printf(
        Locale.ROOT,
        "| %,9.0f | %,10d | %6.1f | %,12.1f | %+7.2f%% | %3d | %,8d | %,8d | %6.2f%% (s%d) | %4d | %s |%n",
        target,
        n,
        (last - first) / 1000.0,
        mean,
        meanError * 100,
        windows.length,
        min == Integer.MAX_VALUE ? 0 : min,
        max,
        worstError * 100,
        worstIndex,
        over,
        ok ? "met" : "MISSED");
    if (System.getenv("RATE_WINDOWS") != null) {
      System.out.println(
          "windows: "
              + Arrays.stream(windows)
                  .mapToObj(Integer::toString)
                  .collect(Collectors.joining(" ")));
    }
    return ok ? 0 : 1;
  }

  /** Every record timestamp in the topics named {@code <prefix>.<anything>}, read to the end. */
  static long[] readTimestamps(String bootstrap, String prefix) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
            ByteArrayDeserializer.class.getName(),
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            10_000,
            ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
            64 * 1024 * 1024,
            ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
            16 * 1024 * 1024);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      Set<String> topics =
          consumer.listTopics(Duration.ofSeconds(30)).keySet().stream()
              .filter(t -> t.startsWith(prefix + "."))
              .collect(Collectors.toSet());
      List<TopicPartition> partitions = new ArrayList<>();
      for (String t : topics) {
        consumer
            .partitionsFor(t, Duration.ofSeconds(30))
            .forEach(p -> partitions.add(new TopicPartition(t, p.partition())));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
      long total = end.values().stream().mapToLong(Long::longValue).sum();
      long[] ts = new long[(int) total];
      int i = 0;
      Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
      while (i < total && Instant.now().isBefore(deadline)) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (i < ts.length) {
            ts[i++] = r.timestamp();
          }
        }
      }
      return Arrays.copyOf(ts, i);
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }
}
