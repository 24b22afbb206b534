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

/**
 * Fault 4: three brokers, replication factor 3, min.insync.replicas=2; one broker stops mid-run.
 */
class ClusterFailoverTest {

  @Test
  @Timeout(150)
  void produce_oneOfThreeBrokersStopsMidRun_zeroLostZeroDuplicates() {
    String prefix = "cluster-failover";
    long total = 3_000;
    try (EmbeddedKafka kafka =
        EmbeddedKafka.builder()
            .port(0)
            .nodes(3)
            .property("min.insync.replicas", "2")
            .build()
            .start()) {
      Map<String, String> env =
          Map.of(
              "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
              "TOPIC_PREFIX", prefix,
              "TOPIC_REPLICATION_FACTOR", "3",
              "CHANNEL_COUNT", "6",
              "RATE_PER_SEC", "300",
              "MAX_EVENTS", Long.toString(total),
              "SEED", "4",
              "STATS_INTERVAL", "1s");
      try (InJvmProducer producer = InJvmProducer.start(env, "produce")) {
        Poll.until(
            Duration.ofSeconds(60),
            () -> "some acknowledged events; log:\n" + producer.log(),
            () -> producer.lastStat("total") >= 400);
        // The first node: the producer's first bootstrap address, a partition leader and a
        // controller.
        kafka.stopNode(0);
        long ackedAtStop = producer.lastStat("total");
        assertThat(producer.isRunning())
            .as("the node stopped mid-run; log:\n%s", producer.log())
            .isTrue();

        int exit = producer.awaitExit(Duration.ofSeconds(90));
        String log = producer.log();
        assertThat(exit).as(log).isEqualTo(ExitCodes.OK);
        assertThat(log).contains("replication factor 3");
        Summary summary = Summary.require(log);
        assertThat(summary.produced())
            .as("acknowledged (acked %d when the node stopped)", ackedAtStop)
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
        assertThat(d.distinct()).isEqualTo(total);
        assertThat(d.records()).isEqualTo(total);
      }
    }
  }
}
