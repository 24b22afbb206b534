package io.telemetra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.ExitCodes;
import io.telemetra.reliability.support.ChildJvm;
import io.telemetra.reliability.support.Delivered;
import io.telemetra.reliability.support.InJvmProducer;
import io.telemetra.reliability.support.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security 8: a broker that requires SASL/PLAIN on its client listener. The producer connects with
 * credentials from KAFKA_CLIENT_* variables or a --producer-config file, a plain consumer reads the
 * events back, a wrong password ends the run at once with exit code 4, and no password ever appears
 * in the output.
 */
class SaslTest {
  private static final String USER = "telemetra";
  private static final String PASSWORD = "Corr3ct-h0rse-battery-9731";
  private static final String WRONG = "Wr0ng-guess-staple-4408";
  private static EmbeddedKafka kafka;

  @TempDir Path dir;

  @BeforeAll
  static void startKafka() {
    kafka = EmbeddedKafka.builder().port(0).saslPlain(USER, PASSWORD).build().start();
  }

  @AfterAll
  static void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  private static String jaas(String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
        + USER
        + "\" password=\""
        + password
        + "\";";
  }

  private static Map<String, String> produceEnv(String prefix) {
    return new HashMap<>(
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "TOPIC_PREFIX", prefix,
            "CHANNEL_COUNT", "3",
            "RATE_PER_SEC", "500",
            "MAX_EVENTS", "200",
            "SEED", "8",
            "CONNECT_RETRIES", "2"));
  }

  private static List<String> topics(String prefix) {
    return List.of(
        prefix + ".chat", prefix + ".viewer", prefix + ".transactions", prefix + ".stream_meta");
  }

  @Test
  @Timeout(60)
  void produce_credentialsFromEnvironment_producesAndConsumerReadsThemBack() {
    Map<String, String> env = produceEnv("sasl-env");
    env.put("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    env.put("KAFKA_CLIENT_SASL_MECHANISM", "PLAIN");
    env.put("KAFKA_CLIENT_SASL_JAAS_CONFIG", jaas(PASSWORD));
    try (InJvmProducer run = InJvmProducer.start(env, "produce")) {
      int exit = run.awaitExit(Duration.ofSeconds(45));
      String log = run.log();
      assertThat(exit).as(log).isEqualTo(ExitCodes.OK);
      assertThat(log).doesNotContain(PASSWORD).contains("sasl.jaas.config=******");
      Summary summary = Summary.require(log);
      assertThat(summary.produced()).isEqualTo(200);
      Delivered d =
          Delivered.read(
              kafka.bootstrapServers(), kafka.clientConfig(), topics("sasl-env"), summary.runId());
      assertThat(d.records()).isEqualTo(200);
      assertThat(d.duplicates()).isZero();
    }
  }

  @Test
  @Timeout(60)
  void produce_credentialsFromProducerConfigFile_produces() throws Exception {
    Path props =
        Files.writeString(
            dir.resolve("client.properties"),
            "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config="
                + jaas(PASSWORD).replace("\\", "\\\\")
                + "\n");
    try (InJvmProducer run =
        InJvmProducer.start(
            produceEnv("sasl-file"), "produce", "--producer-config", props.toString())) {
      int exit = run.awaitExit(Duration.ofSeconds(45));
      String log = run.log();
      assertThat(exit).as(log).isEqualTo(ExitCodes.OK);
      assertThat(log).doesNotContain(PASSWORD);
      Summary summary = Summary.require(log);
      Delivered d =
          Delivered.read(
              kafka.bootstrapServers(), kafka.clientConfig(), topics("sasl-file"), summary.runId());
      assertThat(d.records()).isEqualTo(summary.produced()).isEqualTo(200);
    }
  }

  @Test
  @Timeout(60)
  void produce_wrongPassword_failsFastWithExitFourAndNoPasswordInAnyLogLine() {
    Map<String, String> env = produceEnv("sasl-wrong");
    env.put("CONNECT_RETRIES", "10"); // authentication failures must not be retried like an outage
    env.put("LOG_LEVEL", "DEBUG"); // the most output there is, Kafka's client config dumps included
    env.put("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
    env.put("KAFKA_CLIENT_SASL_MECHANISM", "PLAIN");
    env.put("KAFKA_CLIENT_SASL_JAAS_CONFIG", jaas(WRONG));
    long start = System.nanoTime();
    try (ChildJvm child = ChildJvm.start(dir, env, "produce")) {
      int exit = child.awaitExit(Duration.ofSeconds(45));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      String output = child.stderr() + child.stdout();

      assertThat(exit).as(output).isEqualTo(ExitCodes.AUTHENTICATION);
      assertThat(took)
          .as("fails fast, without the connect retries")
          .isLessThan(Duration.ofSeconds(30));
      assertThat(output).contains("refused the credentials").contains("Authentication failed");
      assertThat(output).doesNotContain(WRONG).doesNotContain(PASSWORD);
      assertThat(output).doesNotContain("attempt 2/");
    }
  }

  @Test
  void brokerLog_neverContainsThePassword() {
    // The broker runs in this JVM; its configuration holds the password. Kafka masks Password-typed
    // settings, so a restart's config dump at INFO must not show it either.
    assertThat(
            new kafka.server.KafkaConfig(
                    Map.of(
                        "process.roles",
                        "broker,controller",
                        "node.id",
                        "1",
                        "controller.quorum.voters",
                        "1@127.0.0.1:1",
                        "listeners",
                        "PLAINTEXT://127.0.0.1:1,CONTROLLER://127.0.0.1:2",
                        "controller.listener.names",
                        "CONTROLLER",
                        "listener.security.protocol.map",
                        "PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "sasl.mechanism.inter.broker.protocol",
                        "PLAIN",
                        "listener.name.plaintext.plain.sasl.jaas.config",
                        jaas(PASSWORD)),
                    false)
                .toString())
        .doesNotContain(PASSWORD);
  }
}
