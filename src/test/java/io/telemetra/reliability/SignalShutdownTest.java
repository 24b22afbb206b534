package io.telemetra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.ExitCodes;
import io.telemetra.reliability.support.ChildJvm;
import io.telemetra.reliability.support.Delivered;
import io.telemetra.reliability.support.Poll;
import io.telemetra.reliability.support.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault 3: SIGTERM and SIGINT while a real child process produces at a high rate. Whatever the
 * final summary counts as produced is in Kafka, exactly once, and nothing more; exit code 0.
 */
class SignalShutdownTest {
  private static EmbeddedKafka kafka;

  @TempDir Path dir;

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
  void produce_sigtermDuringHighRateProduction_flushesEverythingCountedAndExitsZero() {
    stopWith("sigterm", ChildJvm::terminate, "SIGTERM received");
  }

  @Test
  @Timeout(90)
  void produce_sigintDuringHighRateProduction_flushesEverythingCountedAndExitsZero()
      throws Exception {
    // A child started with SIGINT ignored (nohup, some CI shells) cannot see Ctrl-C; that is no
    // producer bug.
    String status = Files.readString(Path.of("/proc/self/status"));
    org.junit.jupiter.api.Assumptions.assumeFalse(
        status
            .lines()
            .anyMatch(
                l ->
                    l.startsWith("SigIgn:")
                        && (Long.parseLong(l.substring(7).trim(), 16) & 2) != 0),
        "SIGINT is ignored by this process, so a child would ignore it too");
    stopWith("sigint", c -> c.signal("INT"), "SIGINT received");
  }

  private void stopWith(String name, java.util.function.Consumer<ChildJvm> stop, String logged) {
    String prefix = "signal-" + name;
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "TOPIC_PREFIX", prefix,
            "CHANNEL_COUNT", "20",
            "RATE_PER_SEC", "5000",
            "SEED", "3",
            "STATS_INTERVAL", "1s");
    try (ChildJvm child = ChildJvm.start(dir, env, "produce")) {
      Poll.until(
          Duration.ofSeconds(45),
          () -> "production under way; stderr:\n" + child.stderr(),
          () -> ChildJvm.lastStat(child.stderr(), "total") >= 2_000 || !child.isAlive());
      assertThat(child.isAlive()).as(child.stderr()).isTrue();

      stop.accept(child);
      int exit = child.awaitExit(Duration.ofSeconds(40));
      String log = child.stderr();

      assertThat(exit).as(log).isEqualTo(ExitCodes.OK);
      assertThat(log).contains(logged).contains("Stop requested");
      Summary summary = Summary.require(log);
      assertThat(summary.errors()).isZero();
      assertThat(summary.produced()).isGreaterThanOrEqualTo(2_000);
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
      assertThat(d.missing()).as("gaps").isZero();
      assertThat(d.records()).as("records in Kafka vs the summary").isEqualTo(summary.produced());
      assertThat(d.otherRuns()).isZero();
    }
  }
}
