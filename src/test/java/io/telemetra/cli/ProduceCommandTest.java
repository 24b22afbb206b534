package io.telemetra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Real command lines through picocli, as a user types them (no Kafka needed). */
class ProduceCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return Main.run(
        args,
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void badFlag_oneLineNamingFlagAndExit2() {
    assertThat(run(Map.of(), "produce", "--rate-per-sec", "fast")).isEqualTo(ExitCodes.USAGE);
    assertThat(err())
        .isEqualTo(
            "telemetra: Invalid value for --rate-per-sec: 'fast' (allowed: a positive number or 'max')\n");
  }

  @Test
  void badVariable_oneLineNamingVariableAndExit2() {
    assertThat(run(Map.of("TOPIC_PARTITIONS", "-3"), "produce")).isEqualTo(ExitCodes.USAGE);
    assertThat(err())
        .isEqualTo(
            "telemetra: Invalid value for TOPIC_PARTITIONS: '-3' (allowed: an integer from 1 to 10000)\n");
  }

  @Test
  void unknownFlag_isAUsageError() {
    assertThat(run(Map.of(), "produce", "--rate", "5")).isEqualTo(ExitCodes.USAGE);
    assertThat(err()).startsWith("telemetra: Unknown option").contains("'--rate'");
  }

  @Test
  void help_listsEveryFlagWithItsVariable() {
    assertThat(run(Map.of(), "produce", "--help")).isZero();
    String help = out.toString(StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    for (Setting s : Setting.values()) {
      assertThat(help).contains(s.flag()).contains("Env: " + s.env());
    }
  }

  @Test
  void stdoutSink_writesOneEnvelopePerLine() throws Exception {
    assertThat(
            run(
                Map.of("LOG_LEVEL", "WARN"),
                "produce",
                "--sink",
                "stdout",
                "--max-events",
                "50",
                "--rate-per-sec",
                "max",
                "--seed",
                "3"))
        .isZero();
    String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
    assertThat(lines).hasSize(50);
    ObjectMapper json = new ObjectMapper();
    for (String line : lines) {
      JsonNode n = json.readTree(line);
      assertThat(n.get("topic").asText()).startsWith("telemetra.events.");
      assertThat(n.get("key").asText()).isEqualTo(n.get("value").get("channel").asText());
    }
  }

  @Test
  void stdoutSink_sameSeedInBackfill_sameBytes() {
    String[] args = {
      "produce",
      "--sink",
      "stdout",
      "--seed",
      "11",
      "--from",
      "2026-12-01T00:00:00Z",
      "--to",
      "2026-12-01T00:00:10Z",
      "--rate-per-sec",
      "100"
    };
    assertThat(run(Map.of("LOG_LEVEL", "WARN"), args)).isZero();
    String first = out.toString(StandardCharsets.UTF_8);
    out.reset();
    assertThat(run(Map.of("LOG_LEVEL", "WARN"), args)).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(first);
    assertThat(first.split("\n")).hasSize(1000);
  }

  @Test
  void describe_masksSecrets() {
    assertThat(ProduceCommand.isSecret("sasl.jaas.config")).isTrue();
    assertThat(ProduceCommand.isSecret("ssl.truststore.password")).isTrue();
    assertThat(ProduceCommand.isSecret("security.protocol")).isFalse();
  }
}
