package io.telemetra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.cli.ExitCodes;
import io.telemetra.cli.Main;
import io.telemetra.config.Setting;
import io.telemetra.reliability.support.InJvmProducer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input 6: every setting, given a wrong value as its environment variable and as its flag, is
 * refused with exactly one line naming it, exit code 2 and no stack trace; a misspelled variable
 * with one of the project's prefixes is warned about.
 */
class BadInputTest {
  private static Path dir;
  private static Path regularFile;
  private static Path malformedProperties;

  @BeforeAll
  static void files() throws IOException {
    dir = Files.createTempDirectory("telemetra-bad-input-");
    dir.toFile().deleteOnExit();
    regularFile = Files.writeString(dir.resolve("a-file.txt"), "not a directory");
    // An invalid \\u escape: java.util.Properties refuses to load it.
    malformedProperties =
        Files.writeString(dir.resolve("bad.properties"), "sasl.mechanism=\\u00zz\n");
    regularFile.toFile().deleteOnExit();
    malformedProperties.toFile().deleteOnExit();
  }

  /** (setting, bad value, other variables the case needs). */
  static Stream<Arguments> badValues() {
    List<Arguments> cases = new ArrayList<>();
    add(cases, "KAFKA_BOOTSTRAP_SERVERS", "", "localhost", "host:port", "a:1,,b:2", "a:123456");
    add(
        cases,
        "CHANNELS",
        "",
        "ab",
        "_under",
        "has space",
        "x_chan:abc",
        "x_chan:0",
        "dup_name,dup_name",
        "name_that_is_far_too_long_for_twitch",
        "ünïcödé",
        "chan,");
    add(cases, "CHANNEL_COUNT", "-1", "0", "ten", "", "1000001", "99999999999999999999", "1.5");
    add(cases, "RATE_PER_SEC", "-5", "0", "fast", "", "NaN", "Infinity", "1e300");
    add(cases, "MESSAGE_VARIANTS", "-1", "0", "many", "", "10001");
    add(cases, "LOG_LEVEL", "LOUD", "", "0");
    add(cases, "LOG_FORMAT", "xml", "");
    for (String b :
        List.of("PRODUCE_CHAT", "PRODUCE_VIEWER", "PRODUCE_TRANSACTIONS", "PRODUCE_STREAM_META")) {
      add(cases, b, "maybe", "", "2");
    }
    add(cases, "SEED", "abc", "", "1.5", "99999999999999999999");
    add(cases, "MAX_EVENTS", "-1", "lots", "", "1e6");
    add(cases, "DURATION", "-5s", "10x", "", "1.5h", "forever");
    add(cases, "TOPIC_PREFIX", "", "bad prefix", "bad/prefix", "x".repeat(201), "ünïcödé");
    add(cases, "TOPIC_PARTITIONS", "0", "-3", "x", "", "10001");
    add(cases, "TOPIC_REPLICATION_FACTOR", "0", "40000", "x", "");
    add(cases, "STATS_INTERVAL", "0", "-1s", "soon", "");
    add(cases, "SINK", "file", "", "kafka,stdout");
    add(cases, "PRODUCER_CONFIG", "/nonexistent/producer.properties", "", "@dir", "@malformed");
    add(cases, "CONNECT_RETRIES", "-1", "1001", "x", "");
    add(cases, "EMBEDDED_BROKER_PORT", "0", "65536", "x", "", "-1");
    add(cases, "EMBEDDED_BROKER_DATA_DIR", "@file");
    add(cases, "MANIFEST", "/nonexistent-dir/manifest.json");
    add(cases, "METRICS_PORT", "-1", "65536", "x", "", "on");
    add(cases, "METRICS_PER_CHANNEL", "maybe", "");
    add(cases, "HEALTH_UNREACHABLE_THRESHOLD", "0", "-1s", "soon", "");
    cases.add(Arguments.of("FROM", "yesterday", Map.of("TO", "2026-12-02T00:00:00Z")));
    cases.add(Arguments.of("FROM", "2026-12-01T00:00:00Z", Map.of()));
    cases.add(Arguments.of("TO", "2026-12-02", Map.of("FROM", "2026-12-01T00:00:00Z")));
    cases.add(Arguments.of("TO", "2026-11-30T00:00:00Z", Map.of("FROM", "2026-12-01T00:00:00Z")));
    if (Arrays.stream(Setting.values()).anyMatch(s -> s.name().equals("SHARD"))) {
      add(cases, "SHARD", "3/2", "0/0", "a/b", "", "1", "-1/2", "2/2", "0/99999");
    }
    // Every setting in the table has at least one case here, so a new one cannot slip through.
    for (Setting s : Setting.values()) {
      assertThat(cases).as("bad-value cases for %s", s).anyMatch(a -> a.get()[0].equals(s.name()));
    }
    return cases.stream();
  }

  private static void add(List<Arguments> cases, String setting, String... values) {
    for (String v : values) {
      cases.add(Arguments.of(setting, v, Map.of()));
    }
  }

  private static String resolve(String value) {
    return switch (value) {
      case "@dir" -> dir.toString();
      case "@file" -> regularFile.toString();
      case "@malformed" -> malformedProperties.toString();
      default -> value;
    };
  }

  /**
   * Produce to standard output, one event: if a bad value were accepted, the run would exit 0 at
   * once.
   */
  private static Map<String, String> baseEnv(Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "SINK",
                "stdout",
                "MAX_EVENTS",
                "1",
                "EMBEDDED_BROKER_PORT",
                "1",
                "METRICS_PORT",
                "off"));
    env.putAll(extra);
    return env;
  }

  @ParameterizedTest(name = "{0}=''{1}''")
  @MethodSource("badValues")
  void produce_badVariable_oneLineNamingItExitTwo(
      String setting, String value, Map<String, String> extra) {
    Map<String, String> env = baseEnv(extra);
    env.put(setting, resolve(value));
    assertRefused(env, new String[] {"produce"}, setting);
  }

  @ParameterizedTest(name = "--{0} ''{1}''")
  @MethodSource("badValues")
  void produce_badFlag_oneLineNamingItExitTwo(
      String setting, String value, Map<String, String> extra) {
    String flag = Setting.valueOf(setting).flag();
    Map<String, String> env = baseEnv(extra);
    env.remove(setting);
    assertRefused(env, new String[] {"produce", flag + "=" + resolve(value)}, flag);
  }

  private static void assertRefused(Map<String, String> env, String[] args, String name) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        Main.run(
            args,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertThat(exit).as("exit code; stderr: %s", stderr).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.lines().toList()).as("stderr").hasSize(1);
    assertThat(stderr)
        .startsWith("telemetra: Invalid value for ")
        .doesNotContain("\tat ", "Exception");
    String subject =
        stderr.substring(
            "telemetra: Invalid value for ".length(),
            stderr.indexOf(':', "telemetra: Invalid value for ".length()));
    assertThat(subject).as("the setting named").contains(name);
    assertThat(out.toString(StandardCharsets.UTF_8)).as("nothing produced").isEmpty();
  }

  @Test
  void produce_misspelledVariables_warnedWithTheLikelyName() {
    Map<String, String> env =
        baseEnv(Map.of("RATE_PER_SECOND", "5", "PRODUCE_CHATS", "false", "TOPIC_PREFIXX", "x"));
    try (InJvmProducer run = InJvmProducer.start(env, "produce")) {
      int exit = run.awaitExit(Duration.ofSeconds(30));
      assertThat(exit).as(run.log()).isEqualTo(ExitCodes.OK);
      assertThat(run.log())
          .contains("Unknown variable RATE_PER_SECOND ignored (did you mean RATE_PER_SEC?)")
          .contains("Unknown variable PRODUCE_CHATS ignored (did you mean PRODUCE_CHAT?)")
          .contains("Unknown variable TOPIC_PREFIXX ignored (did you mean TOPIC_PREFIX?)");
    }
  }

  @Test
  void produce_unrelatedVariables_notWarnedAbout() {
    Map<String, String> env =
        baseEnv(Map.of("HOME", "/root", "JAVA_HOME", "/opt/java", "PATH", "/usr/bin"));
    try (InJvmProducer run = InJvmProducer.start(env, "produce")) {
      assertThat(run.awaitExit(Duration.ofSeconds(30))).isEqualTo(ExitCodes.OK);
      assertThat(run.log()).doesNotContain("Unknown variable");
    }
  }

  static Stream<Arguments> badClientProperties() {
    String secret = "TopSecret99";
    return Stream.of(
        Arguments.of(
            "KAFKA_CLIENT_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\""
                + secret
                + "\""),
        Arguments.of("KAFKA_CLIENT_SASL_JAAS_CONFIG", "nonsense password=\"" + secret + "\";"),
        Arguments.of("KAFKA_CLIENT_SECURITY_PROTOCOL", "FOO"),
        Arguments.of("KAFKA_CLIENT_ACKS", "2"),
        Arguments.of("KAFKA_CLIENT_LINGER_MS", "soon"),
        Arguments.of("KAFKA_CLIENT_SASL_MECHANISM", ""),
        Arguments.of(
            "@file",
            "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=broken password=\""
                + secret
                + "\"\n"));
  }

  /**
   * Kafka client properties are checked before anything connects: a bad one is a usage error (exit
   * 2, one line, secrets masked), not "Kafka unreachable" after the connect retries.
   */
  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badClientProperties")
  void produce_badClientProperty_oneLineExitTwoWithoutRetryingOrLeakingIt(String name, String value)
      throws IOException {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                "127.0.0.1:1",
                "CONNECT_RETRIES",
                "5",
                "MAX_EVENTS",
                "1",
                "LOG_LEVEL",
                "DEBUG"));
    env.put("METRICS_PORT", "off");
    String[] args = {"produce"};
    if (name.equals("@file")) {
      Path props =
          Files.writeString(dir.resolve("client-" + System.nanoTime() + ".properties"), value);
      args = new String[] {"produce", "--producer-config", props.toString()};
    } else {
      env.put("KAFKA_CLIENT_SECURITY_PROTOCOL", "SASL_PLAINTEXT");
      env.put("KAFKA_CLIENT_SASL_MECHANISM", "PLAIN");
      env.put(
          "KAFKA_CLIENT_SASL_JAAS_CONFIG",
          "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"p\";");
      env.put(name, value);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream original = System.err;
    long start = System.nanoTime();
    int exit;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      exit =
          Main.run(
              args,
              env,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }
    String stderr = err.toString(StandardCharsets.UTF_8);
    String log = logs.toString(StandardCharsets.UTF_8);
    assertThat(exit).as("exit code; stderr: %s; log: %s", stderr, log).isEqualTo(ExitCodes.USAGE);
    assertThat(stderr.lines().toList()).hasSize(1);
    assertThat(stderr).startsWith("telemetra: Invalid value for the Kafka client properties");
    assertThat(log).doesNotContain("not reachable");
    assertThat(stderr + log).doesNotContain("TopSecret99");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
