package io.telemetra.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.ExitCodes;
import io.telemetra.cli.ProduceCommand;
import io.telemetra.config.Settings;
import io.telemetra.config.SettingsParser;
import io.telemetra.event.EventType;
import io.telemetra.support.KafkaTestSupport;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code telemetra produce} against a real in-process Kafka broker. */
@Timeout(120)
class ProduceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
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

  private static Settings settings(String prefix, Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                kafka.bootstrapServers(),
                "TOPIC_PREFIX",
                prefix,
                "SEED",
                "7",
                "STATS_INTERVAL",
                "1s"));
    env.putAll(extra);
    return new SettingsParser(env, Map.of()).parse();
  }

  private static List<String> topics(String prefix) {
    List<String> t = new ArrayList<>();
    for (EventType type : EventType.values()) {
      t.add(type.topic(prefix));
    }
    return t;
  }

  @Test
  void produce_maxEvents_everyEventIsInKafkaWithKeyHeadersAndJson() throws Exception {
    String prefix = KafkaTestSupport.uniquePrefix();
    ProduceRun run =
        new ProduceRun(
            settings(prefix, Map.of("MAX_EVENTS", "3000", "RATE_PER_SEC", "max")),
            Clock.systemUTC(),
            Ticker.SYSTEM,
            new ByteArrayOutputStream(),
            ProduceCommand::simulation);

    assertThat(run.run()).isEqualTo(ExitCodes.OK);

    assertThat(run.stats().acknowledged()).isEqualTo(3000);
    assertThat(run.stats().failed()).isZero();
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestSupport.readAll(kafka.bootstrapServers(), topics(prefix));
    assertThat(records).hasSize(3000);
    Map<String, Integer> perTopic = new HashMap<>();
    Set<String> seqKeys = new HashSet<>();
    for (ConsumerRecord<String, byte[]> r : records) {
      perTopic.merge(r.topic(), 1, Integer::sum);
      JsonNode value = JSON.readTree(r.value());
      assertThat(r.key()).isEqualTo(value.get("channel").asText());
      assertThat(value.get("timestamp").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(header(r, Headers.RUN_ID)).isEqualTo(run.runId());
      assertThat(seqKeys.add(r.topic() + "/" + r.key() + "/" + header(r, Headers.SEQUENCE)))
          .isTrue();
    }
    for (EventType type : EventType.values()) {
      assertThat(perTopic.getOrDefault(type.topic(prefix), 0))
          .as(type.name())
          .isEqualTo((int) run.stats().acknowledged(type));
    }
  }

  @Test
  void produce_stoppedMidRun_kafkaHoldsExactlyWhatTheSummaryCounted() throws Exception {
    String prefix = KafkaTestSupport.uniquePrefix();
    ProduceRun run =
        new ProduceRun(
            settings(prefix, Map.of("RATE_PER_SEC", "2000")),
            Clock.systemUTC(),
            Ticker.SYSTEM,
            new ByteArrayOutputStream(),
            ProduceCommand::simulation);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run.run();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (run.stats().acknowledged() < 1500 && System.nanoTime() < deadline && !exit.isDone()) {
      Thread.onSpinWait();
    }
    run.requestStop();

    assertThat(exit.get()).isEqualTo(ExitCodes.OK);
    long produced = run.stats().acknowledged();
    assertThat(produced).isGreaterThanOrEqualTo(1500);
    assertThat(run.stats().pending()).isZero();
    assertThat(KafkaTestSupport.readAll(kafka.bootstrapServers(), topics(prefix)))
        .hasSize((int) produced);
  }

  @Test
  void produce_disabledTypes_noTopicOrEventForThem() throws Exception {
    String prefix = KafkaTestSupport.uniquePrefix();
    ProduceRun run =
        new ProduceRun(
            settings(
                prefix,
                Map.of(
                    "MAX_EVENTS",
                    "500",
                    "RATE_PER_SEC",
                    "max",
                    "PRODUCE_CHAT",
                    "false",
                    "PRODUCE_VIEWER",
                    "false")),
            Clock.systemUTC(),
            Ticker.SYSTEM,
            new ByteArrayOutputStream(),
            ProduceCommand::simulation);
    assertThat(run.run()).isEqualTo(ExitCodes.OK);
    assertThat(run.stats().acknowledged(EventType.CHAT)).isZero();
    assertThat(run.stats().acknowledged(EventType.VIEWER)).isZero();
    List<ConsumerRecord<String, byte[]>> records =
        KafkaTestSupport.readAll(kafka.bootstrapServers(), topics(prefix));
    assertThat(records)
        .extracting(ConsumerRecord::topic)
        .containsOnly(EventType.TRANSACTIONS.topic(prefix), EventType.STREAM_META.topic(prefix));
    assertThat(records).hasSize((int) run.stats().acknowledged());
  }

  @Test
  void produce_noBootstrapServers_startsEmbeddedBrokerAndProduces() throws Exception {
    int port = EmbeddedKafka.freePort();
    Settings s =
        new SettingsParser(
                Map.of(
                    "EMBEDDED_BROKER_PORT",
                    String.valueOf(port),
                    "MAX_EVENTS",
                    "200",
                    "RATE_PER_SEC",
                    "max",
                    "SEED",
                    "1"),
                Map.of())
            .parse();
    ProduceRun run =
        new ProduceRun(
            s,
            Clock.systemUTC(),
            Ticker.SYSTEM,
            new ByteArrayOutputStream(),
            ProduceCommand::simulation);
    assertThat(run.run()).isEqualTo(ExitCodes.OK);
    assertThat(run.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
    assertThat(run.stats().acknowledged()).isEqualTo(200);
  }

  @Test
  void produce_embeddedPortInUse_exitsWithKafkaUnavailable() throws Exception {
    Settings s =
        new SettingsParser(
                Map.of("EMBEDDED_BROKER_PORT", String.valueOf(kafka.port()), "MAX_EVENTS", "1"),
                Map.of())
            .parse();
    ProduceRun run =
        new ProduceRun(
            s,
            Clock.systemUTC(),
            Ticker.SYSTEM,
            new ByteArrayOutputStream(),
            ProduceCommand::simulation);
    assertThat(run.run()).isEqualTo(ExitCodes.KAFKA_UNAVAILABLE);
  }

  @Test
  void produce_unreachableKafka_givesUpAfterRetriesWithExit3() throws Exception {
    int closedPort = EmbeddedKafka.freePort();
    Settings s =
        new SettingsParser(
                Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS",
                    "127.0.0.1:" + closedPort,
                    "CONNECT_RETRIES",
                    "1",
                    "MAX_EVENTS",
                    "1"),
                Map.of())
            .parse();
    ProduceRun run =
        new ProduceRun(
            s,
            Clock.systemUTC(),
            Ticker.SYSTEM,
            new ByteArrayOutputStream(),
            ProduceCommand::simulation);
    assertThat(run.run()).isEqualTo(ExitCodes.KAFKA_UNAVAILABLE);
  }

  private static String header(ConsumerRecord<String, byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
