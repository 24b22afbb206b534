package io.telemetra.consume;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.event.ChatMessage;
import io.telemetra.event.EventJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code telemetra consume} against a real broker holding one produced run. */
@org.junit.jupiter.api.Timeout(120)
class ConsumeIT {
  private static final String PREFIX = "show";
  private static EmbeddedKafka kafka;
  private static long produced;

  @BeforeAll
  static void start() {
    kafka = EmbeddedKafka.builder().port(0).build().start();
    Cli r =
        Cli.run(
            "produce",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--max-events",
            "400",
            "--rate-per-sec",
            "max",
            "--topic-prefix",
            PREFIX,
            "--metrics-port",
            "off",
            "--seed",
            "11");
    assertThat(r.code()).as(r.toString()).isZero();
    produced = 400;
  }

  @AfterAll
  static void stop() {
    kafka.close();
  }

  private static Cli consume(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "consume",
                "--bootstrap-servers",
                kafka.bootstrapServers(),
                "--topic-prefix",
                PREFIX));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }

  @Test
  void consume_countGiven_printsThatManyRawJsonValues() throws Exception {
    Cli r = consume("chat", "5", "--json");

    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = lines(r.out());
    assertThat(lines).hasSize(5);
    ObjectMapper mapper = new ObjectMapper();
    for (String line : lines) {
      assertThat(mapper.readTree(line).has("message_id")).as(line).isTrue();
    }
    assertThat(r.err()).contains("Consumed 5 messages");
  }

  @Test
  void consume_allTopicsUntilIdle_printsEveryMessageReadablyWithStats() {
    Cli r = consume("--timeout", "2s", "--stats-interval", "500ms");

    assertThat(r.code()).as(r.toString()).isZero();
    List<String> lines = lines(r.out());
    assertThat(lines).hasSize((int) produced);
    assertThat(lines)
        .allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d #\\S+ .+"), "time #channel ...");
    assertThat(lines).anyMatch(l -> l.contains(" viewers "));
    assertThat(r.out()).doesNotContain("\u001b[");
    assertThat(r.err()).contains("Consumed 400 messages").contains("Stats: ");
    for (String topic :
        List.of("show.chat", "show.viewer", "show.transactions", "show.stream_meta")) {
      assertThat(r.err())
          .containsPattern(Pattern.quote(topic) + " +[0-9,]+ messages +[0-9,.]+/s +[0-9,]+ bytes");
    }
  }

  @Test
  void consume_fullTopicName_readsThatTopic() {
    Cli r = consume("show.viewer", "3");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(lines(r.out())).hasSize(3).allMatch(l -> l.contains(" viewers "));
  }

  @Test
  void consume_onlyNew_printsNothingFromBefore() {
    Cli r = consume("chat", "--only-new", "--timeout", "1s");

    assertThat(r.code()).as(r.toString()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("Consumed 0 messages");
  }

  @Test
  void consume_group_continuesWhereItStopped() {
    // Chat: the bulk of any mix, so well over 10 messages whatever the seed.
    Cli first = consume("chat", "10", "--group", "it-group", "--json", "--timeout", "30s");
    Cli rest = consume("chat", "--group", "it-group", "--json", "--timeout", "2s");

    assertThat(first.code()).as(first.toString()).isZero();
    assertThat(lines(first.out())).hasSize(10);
    Cli all = consume("chat", "--json", "--timeout", "1s");
    assertThat(lines(rest.out())).hasSize(lines(all.out()).size() - 10);
    assertThat(lines(rest.out())).doesNotContainAnyElementsOf(lines(first.out()));
  }

  @Test
  void consume_topicCreatedLater_isReadOnceItExists() throws Exception {
    Cli[] result = new Cli[1];
    Thread reader =
        new Thread(
            () ->
                result[0] =
                    Cli.run(
                        "consume",
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--topic-prefix",
                        "later",
                        "chat",
                        "1",
                        "--timeout",
                        "30s"));
    reader.start();
    // Wait until the command is waiting for the topic (not merely connecting).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (java.util.Arrays.stream(reader.getStackTrace())
            .noneMatch(f -> f.getMethodName().equals("awaitTopics"))
        && reader.isAlive()
        && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(
          10_000_000L); // poll the condition, not burn a core
    }
    try (Admin admin =
            Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
        KafkaProducer<byte[], byte[]> p =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
      admin
          .createTopics(List.of(new NewTopic("later.chat", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
      p.send(
              new ProducerRecord<>(
                  "later.chat", "xqc".getBytes(), "{\"channel\":\"xqc\"}".getBytes()))
          .get();
    }
    reader.join(TimeUnit.SECONDS.toMillis(40));

    assertThat(result[0].code()).as(result[0].toString()).isZero();
    assertThat(lines(result[0].out())).hasSize(1);
  }

  @Test
  void consume_missingTopic_failsWithExit1() {
    Cli r = consume("no.such.topic", "--timeout", "1s");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
  }

  @Test
  void consume_validate_reportsInvalidMessagesWithReasons() throws Exception {
    Assumptions.assumeTrue(
        ConsumeIT.class.getResource("/schemas/chat_message.json") != null,
        "schemas/*.json not on the classpath yet (issue 3)");
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic("checked.chat", 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    ChatMessage valid =
        new ChatMessage(
            "6f1c9a52-8a51-4d1e-9a3e-0b5f0c7d1e2f",
            "xqc",
            "viewer_12",
            null,
            null,
            "hello",
            1_764_878_244_123L,
            List.of(),
            List.of(),
            null,
            false,
            null,
            null,
            null);
    try (KafkaProducer<byte[], byte[]> p =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class))) {
      p.send(new ProducerRecord<>("checked.chat", "xqc".getBytes(), new EventJson().toBytes(valid)))
          .get();
      p.send(
              new ProducerRecord<>(
                  "checked.chat", "xqc".getBytes(), "{\"channel\":\"xqc\"}".getBytes()))
          .get();
    }

    Cli r =
        Cli.run(
            "consume",
            "--bootstrap-servers",
            kafka.bootstrapServers(),
            "--topic-prefix",
            "checked",
            "chat",
            "--validate",
            "--timeout",
            "1s");

    assertThat(r.code()).as(r.toString()).isEqualTo(1);
    assertThat(r.err())
        .containsPattern("Validation: [12] of 2 messages invalid")
        .contains("checked.chat-0@1: ");
  }
}
