package io.telemetra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.ExitCodes;
import io.telemetra.reliability.support.Delivered;
import io.telemetra.reliability.support.InJvmProducer;
import io.telemetra.reliability.support.Poll;
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
    List<String> topics =
        List.of(
            prefix + ".chat",
            prefix + ".viewer",
            prefix + ".transactions",
            prefix + ".stream_meta");
    try (Admin admin =
        Admin.create(
            Map.<String, Object>of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      // Far below any chat record (JSON of a few hundred bytes) even compressed: every one is
      // refused.
      NewTopic chat =
          new NewTopic(topics.get(0), 2, (short) 1).configs(Map.of("max.message.bytes", "64"));
      admin.createTopics(List.of(chat)).all().get(30, TimeUnit.SECONDS);
    }
    long total = 600;
    Map<String, String> env =
        Map.of(
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
      assertThat(summary.produced() + summary.errors())
          .as("every event is either produced or an error")
          .isEqualTo(total);
      // Logged once, with the reason, not once per record.
      assertThat(
              log.lines()
                  .filter(l -> l.contains("WARN") && l.contains("RecordTooLargeException"))
                  .count())
          .as(log)
          .isEqualTo(1);
      assertThat(log)
          .contains("Send to " + prefix + ".chat failed after retries")
          .contains(summary.errors() + " events could not be delivered");
      Delivered d = Delivered.read(kafka.bootstrapServers(), Map.of(), topics, summary.runId());
      assertThat(d.perTopic().get(prefix + ".chat")).isZero();
      assertThat(d.records())
          .as("what the summary counts as produced is in Kafka")
          .isEqualTo(summary.produced());
      assertThat(d.duplicates()).isZero();
      assertThat(d.missing()).as("no gaps in the topics Kafka accepts").isZero();
    }
  }

  @Test
  @Timeout(120)
  void produce_topicDeletedMidRun_waitsWithoutCrashingAndResumesWhenItIsBack() throws Exception {
    String prefix = "refusal-deleted";
    List<String> topics =
        List.of(
            prefix + ".chat",
            prefix + ".viewer",
            prefix + ".transactions",
            prefix + ".stream_meta");
    long total = 2_000;
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "TOPIC_PREFIX", prefix,
            "CHANNEL_COUNT", "4",
            "RATE_PER_SEC", "300",
            "MAX_EVENTS", Long.toString(total),
            "SEED", "6",
            "STATS_INTERVAL", "1s");
    try (InJvmProducer producer = InJvmProducer.start(env, "produce");
        Admin admin =
            Admin.create(
                Map.<String, Object>of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
      Poll.until(
          Duration.ofSeconds(60),
          () -> "some acknowledged events; log:\n" + producer.log(),
          () -> producer.lastStat("total") >= 300);
      admin.deleteTopics(List.of(topics.get(0))).all().get(30, TimeUnit.SECONDS);
      Poll.until(
          Duration.ofSeconds(40),
          () -> "the producer noticing the missing topic; log:\n" + producer.log(),
          () -> producer.log().contains("Kafka is not accepting records"));
      assertThat(producer.isRunning()).isTrue();
      // Someone (an operator, a deployment) creates the topic again.
      admin
          .createTopics(List.of(new NewTopic(topics.get(0), 3, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);

      int exit = producer.awaitExit(Duration.ofSeconds(60));
      String log = producer.log();
      Summary summary = Summary.require(log);
      assertThat(summary.produced() + summary.errors()).isEqualTo(total);
      assertThat(log.lines().filter(l -> l.contains("Kafka is not accepting records")).count())
          .as("logged once")
          .isEqualTo(1);
      assertThat(exit).as(log).isEqualTo(summary.errors() == 0 ? ExitCodes.OK : ExitCodes.RUNTIME);
      Delivered others =
          Delivered.read(kafka.bootstrapServers(), Map.of(), topics.subList(1, 4), summary.runId());
      assertThat(others.duplicates()).isZero();
      assertThat(others.missing()).isZero();
      Delivered chat =
          Delivered.read(kafka.bootstrapServers(), Map.of(), topics.subList(0, 1), summary.runId());
      assertThat(chat.duplicates()).isZero();
      // The events acknowledged before the deletion went with the topic; everything after is there.
      assertThat(others.records() + chat.records()).isLessThanOrEqualTo(summary.produced());
      System.out.printf(
          "topic deleted mid-run: produced %d, errors %d, exit %d, chat records in the new topic %d, other topics %d%n",
          summary.produced(), summary.errors(), exit, chat.records(), others.records());
    }
  }
}
