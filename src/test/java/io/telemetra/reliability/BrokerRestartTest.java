package io.telemetra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.ExitCodes;
import io.telemetra.reliability.support.Delivered;
import io.telemetra.reliability.support.InJvmProducer;
import io.telemetra.reliability.support.Poll;
import io.telemetra.reliability.support.Summary;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Fault 2: the (only) broker stops mid-run and comes back on the same port with the same data. */
class BrokerRestartTest {

  @TempDir Path dataDir;

  @Test
  @Timeout(150)
  void produce_brokerRestartsMidRun_resumesWithZeroLostAndZeroDuplicates() {
    String prefix = "broker-restart";
    long total = 1_500;
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).dataDir(dataDir).build().start()) {
      Map<String, String> env =
          Map.of(
              "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
              "TOPIC_PREFIX", prefix,
              "CHANNEL_COUNT", "6",
              "RATE_PER_SEC", "250",
              "MAX_EVENTS", Long.toString(total),
              "SEED", "2",
              "STATS_INTERVAL", "1s");
      try (InJvmProducer producer = InJvmProducer.start(env, "produce")) {
        Poll.until(
            Duration.ofSeconds(60),
            () -> "some acknowledged events; log:\n" + producer.log(),
            () -> producer.lastStat("total") >= 300);

        kafka.stopNode(0);
        long ackedAtStop = producer.lastStat("total");
        // While the broker is away, send() blocks (back-pressure) and, after max.block.ms, says so.
        Poll.until(
            Duration.ofSeconds(40),
            () -> "the producer noticing the outage; log:\n" + producer.log(),
            () -> producer.log().contains("Kafka is not accepting records"));
        assertThat(producer.isRunning()).isTrue();
        kafka.restartNode(0);
        kafka.awaitReady(Duration.ofSeconds(60));

        int exit = producer.awaitExit(Duration.ofSeconds(90));
        String log = producer.log();
        assertThat(exit).as(log).isEqualTo(ExitCodes.OK);
        Summary summary = Summary.require(log);
        assertThat(summary.produced())
            .as("acknowledged (acked %d when the broker stopped)", ackedAtStop)
            .isEqualTo(total);
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
        assertThat(d.duplicates()).as("duplicates").isZero();
        assertThat(d.missing()).as("lost (gaps in sequences)").isZero();
        assertThat(d.distinct()).as("distinct events in Kafka").isEqualTo(total);
        assertThat(d.records()).isEqualTo(total);
      }
    }
  }
}
