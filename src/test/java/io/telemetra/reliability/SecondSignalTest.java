package io.telemetra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.reliability.support.ChildJvm;
import io.telemetra.reliability.support.Poll;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A SIGTERM while Kafka is down must still stop the run (not wait for Kafka to come back before
 * even noticing); the flush then waits for Kafka (up to the delivery timeout), and a second SIGTERM
 * ends the process at once, with 128 + 15.
 */
class SecondSignalTest {

  @TempDir Path dir;

  @Test
  @Timeout(90)
  void produce_secondSigtermWhileFlushingToADownBroker_exitsAtOnceWith143() {
    try (EmbeddedKafka kafka = EmbeddedKafka.builder().port(0).build().start()) {
      Map<String, String> env =
          Map.of(
              "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
              "TOPIC_PREFIX", "second-signal",
              "CHANNEL_COUNT", "4",
              "RATE_PER_SEC", "500",
              "SEED", "11",
              "STATS_INTERVAL", "1s");
      try (ChildJvm child = ChildJvm.start(dir, env, "produce")) {
        Poll.until(
            Duration.ofSeconds(45),
            () -> "production under way; stderr:\n" + child.stderr(),
            () -> ChildJvm.lastStat(child.stderr(), "total") >= 500 || !child.isAlive());
        kafka.stopNode(0);
        child.terminate();
        Poll.until(
            Duration.ofSeconds(30),
            () -> "the first SIGTERM handled; stderr:\n" + child.stderr(),
            () -> child.stderr().contains("Stop requested: flushing") || !child.isAlive());
        assertThat(child.isAlive()).as("still flushing to the stopped broker").isTrue();

        child.terminate();
        int exit = child.awaitExit(Duration.ofSeconds(15));

        assertThat(exit).as(child.stderr()).isEqualTo(128 + 15);
        assertThat(child.stderr()).contains("Second SIGTERM: exiting now without flushing");
      }
    }
  }
}
