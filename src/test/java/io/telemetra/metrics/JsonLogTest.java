package io.telemetra.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.LogConfig;
import io.telemetra.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * LOG_FORMAT=json: one JSON object per line with the usual fields; secrets never reach the output.
 */
class JsonLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterEach
  void restoreTextLogs() {
    LogConfig.apply("INFO", "text");
  }

  @Test
  void encode_eventWithExceptionAndMultiLineMessage_isOneJsonLineWithAllFields()
      throws IOException {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Exception error =
        new IllegalStateException("outer \"quoted\"", new java.io.IOException("inner cause"));
    LoggingEvent event =
        new LoggingEvent(
            "fqcn",
            ctx.getLogger("io.telemetra.Example"),
            Level.WARN,
            "line one {}\nline two",
            error,
            new Object[] {42});
    event.setTimeStamp(Instant.parse("2026-12-04T20:15:02.123Z").toEpochMilli());
    JsonLogEncoder encoder = new JsonLogEncoder();
    encoder.setContext(ctx);
    encoder.start();

    String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

    assertThat(line).endsWith("\n");
    assertThat(line.substring(0, line.length() - 1)).doesNotContain("\n");
    JsonNode json = JSON.readTree(line);
    assertThat(json.get("timestamp").asText()).isEqualTo("2026-12-04T20:15:02.123Z");
    assertThat(json.get("level").asText()).isEqualTo("WARN");
    assertThat(json.get("logger").asText()).isEqualTo("io.telemetra.Example");
    assertThat(json.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(json.get("message").asText()).isEqualTo("line one 42\nline two");
    assertThat(json.get("exception").asText())
        .startsWith("java.lang.IllegalStateException: outer \"quoted\"")
        .contains("Caused by: java.io.IOException: inner cause")
        .contains("at io.telemetra.metrics.JsonLogTest");
    assertThat(json.has("mdc")).isFalse();
  }

  @Test
  void produce_jsonFormat_writesOnlyJsonObjectsToStderrAndMasksSecrets() throws Exception {
    String jaasSecret = "s3cr3t-jaas-pw-9174";
    String keystoreSecret = "s3cr3t-keystore-5521";
    Map<String, String> env =
        Map.of(
            "LOG_FORMAT",
            "json",
            "LOG_LEVEL",
            "DEBUG",
            "SINK",
            "stdout",
            "MAX_EVENTS",
            "300",
            "RATE_PER_SEC",
            "2000",
            "STATS_INTERVAL",
            "100ms",
            "METRICS_PORT",
            String.valueOf(EmbeddedKafka.freePort()),
            "KAFKA_CLIENT_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\""
                + jaasSecret
                + "\";",
            "KAFKA_CLIENT_SSL_KEYSTORE_PASSWORD",
            keystoreSecret);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int code;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      code =
          Main.run(
              new String[] {"produce"},
              env,
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      System.setErr(original);
    }

    assertThat(code).isZero();
    String logText = logs.toString(StandardCharsets.UTF_8);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : logText.split("\n")) {
      JsonNode json = JSON.readTree(line);
      assertThat(json.isObject()).as("line %s", line).isTrue();
      assertThat(json.fieldNames())
          .toIterable()
          .contains("timestamp", "level", "logger", "thread", "message");
      lines.add(json);
    }
    assertThat(lines)
        .extracting(j -> j.get("message").asText())
        .anyMatch(
            m ->
                m.startsWith("Settings: ")
                    && m.contains("sasl.jaas.config=******")
                    && m.contains("ssl.keystore.password=******"))
        .anyMatch(m -> m.startsWith("Serving metrics on "))
        .anyMatch(m -> m.startsWith("Summary: 300 events produced"));
    for (String secret : List.of(jaasSecret, keystoreSecret)) {
      assertThat(logText).doesNotContain(secret);
      assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
      assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(secret);
    }
  }
}
