package io.telemetra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.ExitCodes;
import io.telemetra.reliability.support.Delivered;
import io.telemetra.reliability.support.InJvmProducer;
import io.telemetra.reliability.support.Summary;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Security 8 with SCRAM-SHA-512, the mechanism managed Kafka services commonly use. */
class SaslScramTest {
  private static final String USER = "telemetra-scram";
  private static final String PASSWORD = "Scr4m-pepper-mill-5521";
  private static final String WRONG = "Scr4m-salt-shaker-0087";
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.builder().port(0).saslScram512(USER, PASSWORD).build().start();
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Map<String, String> env(String prefix, String password) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "TOPIC_PREFIX", prefix,
                "CHANNEL_COUNT", "3",
                "RATE_PER_SEC", "500",
                "MAX_EVENTS", "200",
                "SEED", "10",
                "CONNECT_RETRIES", "10"));
    env.put("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    env.put("KAFKA_CLIENT_SASL_MECHANISM", "SCRAM-SHA-512");
    env.put(
        "KAFKA_CLIENT_SASL_JAAS_CONFIG",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + USER
            + "\" password=\""
            + password
            + "\";");
    return env;
  }

  @Test
  @Timeout(60)
  void produce_scramCredentialsFromEnvironment_producesAndConsumerReadsThemBack() {
    try (InJvmProducer run = InJvmProducer.start(env("scram-ok", PASSWORD), "produce")) {
      int exit = run.awaitExit(Duration.ofSeconds(45));
      String log = run.log();
      assertThat(exit).as(log).isEqualTo(ExitCodes.OK);
      assertThat(log).doesNotContain(PASSWORD);
      Summary summary = Summary.require(log);
      Delivered d =
          Delivered.read(
              kafka.bootstrapServers(),
              kafka.clientConfig(),
              List.of(
                  "scram-ok.chat",
                  "scram-ok.viewer",
                  "scram-ok.transactions",
                  "scram-ok.stream_meta"),
              summary.runId());
      assertThat(d.records()).isEqualTo(summary.produced()).isEqualTo(200);
      assertThat(d.duplicates()).isZero();
    }
  }

  @Test
  @Timeout(60)
  void produce_wrongScramPassword_exitFourAtOnceWithoutLeakingIt() {
    long start = System.nanoTime();
    try (InJvmProducer run = InJvmProducer.start(env("scram-wrong", WRONG), "produce")) {
      int exit = run.awaitExit(Duration.ofSeconds(45));
      String log = run.log() + run.stdout();
      assertThat(exit).as(log).isEqualTo(ExitCodes.AUTHENTICATION);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
      assertThat(log)
          .contains("refused the credentials")
          .doesNotContain(WRONG)
          .doesNotContain(PASSWORD);
    }
  }
}
