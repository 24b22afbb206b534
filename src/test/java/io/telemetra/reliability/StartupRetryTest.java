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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Fault 1: Kafka is not there when the producer starts; it comes up about 10 s later. */
class StartupRetryTest {

  @Test
  @Timeout(120)
  void produce_kafkaStartsLate_retriesThenConnectsCreatesTopicsAndProducesEverything() {
    int port = EmbeddedKafka.freePort();
    String prefix = "startup-retry";
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port,
            "CONNECT_RETRIES", "10",
            "TOPIC_PREFIX", prefix,
            "TOPIC_PARTITIONS", "2",
            "CHANNEL_COUNT", "4",
            "RATE_PER_SEC", "200",
            "MAX_EVENTS", "400",
            "SEED", "9",
            "STATS_INTERVAL", "1s");
    long started = System.nanoTime();
    try (InJvmProducer producer = InJvmProducer.start(env, "produce")) {
      // The first attempt fails (after its 10 s API timeout) and says when it tries again.
      Poll.until(
          Duration.ofSeconds(40),
          () -> "a retry line; log:\n" + producer.log(),
          () -> producer.log().contains("not reachable (attempt 1/11)"));
      assertThat(producer.isRunning()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .isGreaterThan(Duration.ofSeconds(5));
      try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(port).build().start()) {
        int exit = producer.awaitExit(Duration.ofSeconds(60));
        String log = producer.log();

        assertThat(exit).as(log).isEqualTo(ExitCodes.OK);
        assertThat(log)
            .contains("Kafka at 127.0.0.1:" + port + " not reachable (attempt 1/11)")
            .contains("next attempt in 1.0 s")
            .contains("Connected to Kafka at 127.0.0.1:" + port)
            .contains("Created topic " + prefix + ".chat");
        Summary summary = Summary.require(log);
        assertThat(summary.produced()).isEqualTo(400);
        assertThat(summary.errors()).isZero();
        Delivered d =
            Delivered.read(
                kafka.bootstrapServers(),
                Map.of(),
                List.of(
                    prefix + ".chat",
                    prefix + ".viewer",
                    prefix + ".transactions",
                    prefix + ".stream_meta"),
                summary.runId());
        assertThat(d.distinct()).isEqualTo(400);
        assertThat(d.records()).isEqualTo(400);
        assertThat(d.duplicates()).isZero();
        assertThat(d.missing()).isZero();
      }
    }
  }
}
