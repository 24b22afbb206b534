package io.telemetra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.ExitCodes;
import io.telemetra.reliability.support.Delivered;
import io.telemetra.reliability.support.InJvmProducer;
import io.telemetra.reliability.support.Summary;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fault 5: Kafka refuses some writes for good (every chat record is larger than the chat topic's
 * {@code max.message.bytes}). Each refused event is counted, the reason is logged once, the other
 * topics carry on, the run ends normally and exits 1 because events were lost.
 */
class WriteRefusalTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.builder().port(0).build().start();
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  @Timeout(90)
  void produce_recordsTooLargeForTopic_countedLoggedOnceOthersDeliveredExitOne() throws Exception {
    String prefix = "refusal-too-large";
    List<String> topics = List.of(prefix + ".chat", prefix + ".viewer", prefix + ".transactions", prefix + ".stream_meta");
    try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      // Far below any chat record (JSON of a few hundred bytes) even compressed: every one is refused.
      NewTopic chat = new NewTopic(topics.get(0), 2, (short) 1).configs(Map.of("max.message.bytes", "64"));
      admin.createTopics(List.of(chat)).all().get(30, TimeUnit.SECONDS);
    }
    long total = 600;
    Map<String, String> env = Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
        "TOPIC_PREFIX", prefix,
        "CHANNEL_COUNT", "4",
        "RATE_PER_SEC", "400",
        "MAX_EVENTS", Long.toString(total),
        "SEED", "5",
        "STATS_INTERVAL", "1s");
    try (InJvmProducer producer = InJvmProducer.start(env, "produce")) {
      int exit = producer.awaitExit(Duration.ofSeconds(60));
      String log = producer.log();

      assertThat(exit).as(log).isEqualTo(ExitCodes.RUNTIME);
      Summary summary = Summary.require(log);
      assertThat(summary.errors()).as("refused chat events are counted").isPositive();
      assertThat(summary.produced() + summary.errors()).as("every event is either produced or an error").isEqualTo(total);
      // Logged once, with the reason, not once per record.
      assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("RecordTooLargeException")).count()).as(log).isEqualTo(1);
      assertThat(log).contains("Send to " + prefix + ".chat failed after retries")
          .contains(summary.errors() + " events could not be delivered");
      Delivered d = Delivered.read(kafka.bootstrapServers(), Map.of(), topics, summary.runId());
      assertThat(d.perTopic().get(prefix + ".chat")).isZero();
      assertThat(d.records()).as("what the summary counts as produced is in Kafka").isEqualTo(summary.produced());
      assertThat(d.duplicates()).isZero();
      assertThat(d.missing()).as("no gaps in the topics Kafka accepts").isZero();
    }
  }
}
