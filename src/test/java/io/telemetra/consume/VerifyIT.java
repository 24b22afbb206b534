package io.telemetra.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.produce.Headers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code produce --manifest} then {@code consume --verify} against a real broker: clean runs pass,
 * damaged ones fail precisely.
 */
class VerifyIT {
  private static EmbeddedKafka kafka;
  private static Admin admin;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.builder().port(0).build().start();
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @AfterAll
  static void stop() {
    admin.close();
    kafka.close();
  }

  private Path produce(String prefix, int events) {
    Path manifest = dir.resolve(prefix + ".json");
    Cli r =
        Cli.run(
            "produce",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--max-events",
            String.valueOf(events),
            "--rate-per-sec",
            "max",
            "--manifest",
            manifest.toString(),
            "--topic-prefix",
            prefix,
            "--metrics-port",
            "off",
            "--seed",
            "7");
    assertThat(r.code()).as(r.toString()).isZero();
    return manifest;
  }

  private Cli verify(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "consume", "--bootstrap-servers", kafka.bootstrapServers(), "--timeout", "10s"));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void verify_cleanRun_findsNoProblem() {
    Path manifest = produce("clean", 5000);

    Cli withManifest = verify("--verify", manifest.toString());
    Cli withoutManifest = verify("--verify", "--topic-prefix", "clean");

    assertThat(withManifest.code()).as(withManifest.toString()).isZero();
    assertThat(withManifest.out())
        .contains(
            "Result: OK: 5,000 records, none lost, none duplicated, order kept; "
                + "totals, sequence ranges and aggregates match the manifest");
    assertThat(withManifest.out())
        .containsPattern("clean\\.chat +[0-9,]+ records +\\d+ channels: OK");
    assertThat(withoutManifest.code()).as(withoutManifest.toString()).isZero();
    assertThat(withoutManifest.out()).contains("Result: OK: 5,000 records");
  }

  @Test
  void verify_recordsDeleted_reportsLostSequencesAndManifestDifferences() throws Exception {
    Path manifest = produce("truncated", 3000);
    TopicPartition tp = new TopicPartition("truncated.chat", 0);
    admin
        .deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(5)))
        .all()
        .get(30, TimeUnit.SECONDS);

    Cli r = verify("--verify", manifest.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    // The first five records of partition 0 are gone: each channel there lost its head, from seq 0.
    assertThat(r.out())
        .containsPattern(
            "\\S+: lost \\d+ \\(seq 0(-\\d+)?\\); manifest: events \\d+ read vs \\d+ in the manifest; "
                + "first seq \\d+ read vs 0 in the manifest");
    assertThat(r.out()).containsPattern("total: [0-9,]+ read, [0-9,]+ in the manifest \\(-5\\)");
    assertThat(r.out()).contains("Result: FAILED: 5 lost");
  }

  @Test
  void verify_topicDeletedAndRecreated_reportsEveryRecordOfItLost() throws Exception {
    Path manifest = produce("recreated", 2000);
    admin.deleteTopics(List.of("recreated.stream_meta")).all().get(30, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        admin
            .createTopics(List.of(new NewTopic("recreated.stream_meta", 3, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
        break;
      } catch (java.util.concurrent.ExecutionException e) {
        // the deletion is still in progress: try again
        java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
      }
    }
    long expected =
        new ObjectMapper()
            .readTree(manifest.toFile())
            .path("topics")
            .path("recreated.stream_meta")
            .path("events")
            .asLong();

    Cli r = verify("--verify", manifest.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .containsPattern(
            "recreated\\.stream_meta +0 records +\\d+ channels: \\d+ channels? with problems")
        .containsPattern(
            "\\S+: lost \\d+ \\(seq 0-\\d+\\); manifest: events 0 read vs \\d+ in the manifest")
        .contains(
            String.format(
                java.util.Locale.ROOT,
                "total: 0 read, %,d in the manifest (-%,d)",
                expected,
                expected))
        .contains(String.format(java.util.Locale.ROOT, "Result: FAILED: %,d lost", expected));
  }

  @Test
  void verify_duplicatesWritten_reportsDuplicatedSequences() throws Exception {
    Path manifest = produce("duplicated", 2000);
    List<ConsumerRecord<byte[], byte[]>> copies = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class))) {
      TopicPartition tp = new TopicPartition("duplicated.chat", 0);
      c.assign(List.of(tp));
      c.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (copies.size() < 3 && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          if (copies.size() < 3) {
            copies.add(r);
          }
        }
      }
    }
    assertThat(copies).hasSize(3);
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
      for (ConsumerRecord<byte[], byte[]> r : copies) {
        p.send(new ProducerRecord<>(r.topic(), r.partition(), r.key(), r.value(), r.headers()))
            .get();
      }
    }

    Cli r = verify("--verify", manifest.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    String seq =
        new String(
            copies.get(0).headers().lastHeader(Headers.SEQUENCE).value(), StandardCharsets.UTF_8);
    String channel = new String(copies.get(0).key(), StandardCharsets.UTF_8);
    assertThat(r.out()).containsPattern(channel + ": duplicated \\d \\(seq " + seq + "[,)]");
    // Duplicates are not counted twice in the totals or the aggregates: only the duplicates are
    // reported.
    assertThat(r.out()).contains("Result: FAILED: 3 duplicated").contains("aggregates: ");
  }

  @Test
  void verify_manifestDoesNotMatch_reportsTailLossAndAggregateDifference() throws Exception {
    Path manifest = produce("edited", 2000);
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = (ObjectNode) mapper.readTree(manifest.toFile());
    ObjectNode minuteNode = (ObjectNode) root.path("minutes").get(0);
    ObjectNode minute = (ObjectNode) minuteNode.path("chat_messages");
    String name = minute.fieldNames().next();
    ObjectNode channel =
        (ObjectNode) root.path("topics").path("edited.chat").path("channels").path(name);
    long last = channel.get("last_seq").asLong();
    channel.put("events", channel.get("events").asLong() + 2).put("last_seq", last + 2);
    long chats = minute.get(name).asLong();
    minute.put(name, chats + 2);
    mapper.writeValue(manifest.toFile(), root);

    Cli r = verify("--verify", manifest.toString());

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            name
                + ": lost 2 (seq "
                + (last + 1)
                + "-"
                + (last + 2)
                + "); manifest: events "
                + String.format(java.util.Locale.ROOT, "%,d", last + 1)
                + " read vs "
                + String.format(java.util.Locale.ROOT, "%,d", last + 3)
                + " in the manifest; last seq "
                + last
                + " read vs "
                + (last + 2)
                + " in the manifest (lost at the tail: "
                + (last + 1)
                + "-"
                + (last + 2)
                + ")");
    assertThat(r.out())
        .contains(
            minuteNode.path("minute").asText()
                + " chat_messages["
                + name
                + "]: manifest "
                + (chats + 2)
                + ", read "
                + chats);
    assertThat(r.out())
        .contains("Result: FAILED: 2 lost, 1 manifest mismatch, 1 aggregate difference");
  }

  @Test
  void verify_handWrittenRunWithGapAndReorder_reportsBoth() throws Exception {
    admin
        .createTopics(List.of(new NewTopic("manual.chat", 1, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
      for (String run : List.of("old-run", "run-42")) {
        for (long seq : new long[] {0, 1, 3, 2, 5}) {
          ProducerRecord<byte[], byte[]> rec =
              new ProducerRecord<>("manual.chat", "demo".getBytes(), "{}".getBytes());
          rec.headers().add(new RecordHeader(Headers.RUN_ID, run.getBytes()));
          rec.headers().add(new RecordHeader(Headers.SEQUENCE, Long.toString(seq).getBytes()));
          p.send(rec).get();
        }
      }
      p.send(new ProducerRecord<>("manual.chat", "demo".getBytes(), "no headers".getBytes())).get();
    }

    Cli r = verify("chat", "--verify", "--topic-prefix", "manual", "--run-id", "run-42");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out())
        .contains("Run run-42 (no manifest")
        .contains("1 other run; 1 records without telemetra headers")
        .contains("demo: lost 1 (seq 4); out of order 1 (2 after 3)")
        .contains("Result: FAILED: 1 lost, 1 out of order");
  }

  @Test
  void verify_withoutRunId_checksTheLatestRun() throws Exception {
    admin
        .createTopics(List.of(new NewTopic("latest.viewer", 1, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
      long now = System.currentTimeMillis();
      // The older run has a gap; the newer one (later record timestamps) is complete.
      send(p, "latest.viewer", "broken-run", new long[] {0, 2}, now - 60_000);
      send(p, "latest.viewer", "good-run", new long[] {0, 1, 2}, now);
    }

    Cli r = verify("viewer", "--verify", "--topic-prefix", "latest");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("Run good-run (no manifest").contains("Result: OK: 3 records");
  }

  private static void send(
      KafkaProducer<byte[], byte[]> p, String topic, String run, long[] seqs, long timestamp)
      throws Exception {
    for (long seq : seqs) {
      ProducerRecord<byte[], byte[]> rec =
          new ProducerRecord<>(topic, null, timestamp, "demo".getBytes(), "{}".getBytes());
      rec.headers().add(new RecordHeader(Headers.RUN_ID, run.getBytes()));
      rec.headers().add(new RecordHeader(Headers.SEQUENCE, Long.toString(seq).getBytes()));
      p.send(rec).get();
    }
  }

  @Test
  void verify_unknownRunId_fails() throws Exception {
    Cli r = verify("viewer", "--verify", "--topic-prefix", "latest", "--run-id", "no-such-run");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("No records of run no-such-run in latest.viewer");
  }

  @Test
  void verify_noRunInTopics_fails() throws Exception {
    admin
        .createTopics(List.of(new NewTopic("empty.chat", 1, (short) 1)))
        .all()
        .get(30, TimeUnit.SECONDS);

    Cli r = verify("chat", "--verify", "--topic-prefix", "empty");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.out()).contains("No telemetra records found in empty.chat");
  }
}
