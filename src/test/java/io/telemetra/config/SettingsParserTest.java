package io.telemetra.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.event.EventType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsParserTest {

  private static Settings parse(Map<String, String> env) {
    return new SettingsParser(env, Map.of()).parse();
  }

  private static String error(Map<String, String> env, Map<Setting, String> flags) {
    try {
      new SettingsParser(env, flags).parse();
    } catch (UsageException e) {
      return e.getMessage();
    }
    throw new AssertionError("no error");
  }

  @Test
  void parse_noSettings_givesDocumentedDefaults() {
    Settings s = parse(Map.of());
    assertThat(s.bootstrapServers()).isNull();
    assertThat(s.embeddedBroker()).isTrue();
    assertThat(s.channels()).isEmpty();
    assertThat(s.channelCount()).isEqualTo(10);
    assertThat(s.rate().perSecond()).isEqualTo(100.0);
    assertThat(s.messageVariants()).isEqualTo(100);
    assertThat(s.enabledTypes()).containsExactlyInAnyOrder(EventType.values());
    assertThat(s.seedGiven()).isFalse();
    assertThat(s.maxEvents()).isZero();
    assertThat(s.duration()).isEqualTo(Duration.ZERO);
    assertThat(s.topicPrefix()).isEqualTo("telemetra.events");
    assertThat(s.topicPartitions()).isEqualTo(3);
    assertThat(s.topicReplicationFactor()).isEqualTo((short) 1);
    assertThat(s.statsInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.sink()).isEqualTo(Settings.Sink.KAFKA);
    assertThat(s.embeddedBrokerPort()).isEqualTo(9092);
    assertThat(s.backfill()).isFalse();
  }

  @Test
  void parse_environment_isRead() {
    Settings s =
        parse(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092,kafka2:9093",
                "CHANNELS", "xqc:15000,Demo_Stream",
                "RATE_PER_SEC", "max",
                "PRODUCE_VIEWER", "false",
                "SEED", "42",
                "MAX_EVENTS", "1000",
                "DURATION", "10m",
                "TOPIC_PREFIX", "load.test"));
    assertThat(s.bootstrapServers()).isEqualTo("kafka:9092,kafka2:9093");
    assertThat(s.channels())
        .containsExactly(new ChannelSpec("xqc", 15000), new ChannelSpec("demo_stream", 0));
    assertThat(s.rate().isMax()).isTrue();
    assertThat(s.enabledTypes()).doesNotContain(EventType.VIEWER).hasSize(3);
    assertThat(s.seed()).isEqualTo(42);
    assertThat(s.maxEvents()).isEqualTo(1000);
    assertThat(s.duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.topic(EventType.CHAT)).isEqualTo("load.test.chat");
  }

  @Test
  void parse_flagAndVariable_flagWins() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.RATE_PER_SEC, "250.5");
    Settings s = new SettingsParser(Map.of("RATE_PER_SEC", "10"), flags).parse();
    assertThat(s.rate().perSecond()).isEqualTo(250.5);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "RATE_PER_SEC|abc|Invalid value for RATE_PER_SEC: 'abc' (allowed: a positive number or 'max')",
        "RATE_PER_SEC|-5|Invalid value for RATE_PER_SEC: '-5' (allowed: a positive number or 'max')",
        "RATE_PER_SEC|0|Invalid value for RATE_PER_SEC: '0' (allowed: a positive number or 'max')",
        "MAX_EVENTS|-1|Invalid value for MAX_EVENTS: '-1' (allowed: a non-negative integer (0 = unlimited))",
        "MESSAGE_VARIANTS|0|Invalid value for MESSAGE_VARIANTS: '0' (allowed: an integer from 1 to 10000)",
        "PRODUCE_CHAT|maybe|Invalid value for PRODUCE_CHAT: 'maybe' (allowed: true or false)",
        "LOG_LEVEL|LOUD|Invalid value for LOG_LEVEL: 'LOUD' (allowed: TRACE, DEBUG, INFO, WARN or ERROR)",
        "DURATION|10x|Invalid value for DURATION: '10x' (allowed: a duration such as 90s, 10m, 2h, 1d (0 = unlimited))",
        "TOPIC_PARTITIONS|0|Invalid value for TOPIC_PARTITIONS: '0' (allowed: an integer from 1 to 10000)",
        "TOPIC_PREFIX|bad prefix|Invalid value for TOPIC_PREFIX: 'bad prefix' (allowed: a Kafka topic name prefix ([a-zA-Z0-9._-], at most 200 characters))",
        "KAFKA_BOOTSTRAP_SERVERS|localhost|Invalid value for KAFKA_BOOTSTRAP_SERVERS: 'localhost' (allowed: host:port[,host:port...])",
        "SINK|file|Invalid value for SINK: 'file' (allowed: kafka or stdout)",
        "SEED|x1|Invalid value for SEED: 'x1' (allowed: an integer)",
        "STATS_INTERVAL|0s|Invalid value for STATS_INTERVAL: '0s' (allowed: a positive duration such as 5s or 1m)",
        "CHANNELS|_bad|Invalid value for CHANNELS: '_bad' is not a Twitch login (allowed: 3-25 characters of a-z, 0-9 and _, not starting with _)",
        "CHANNELS|ab|Invalid value for CHANNELS: 'ab' is not a Twitch login (allowed: 3-25 characters of a-z, 0-9 and _, not starting with _)",
        "CHANNELS|xqc:lots|Invalid value for CHANNELS: 'xqc:lots' has a bad audience (allowed: name:audience with audience from 1 to 10000000)",
        "CHANNELS|abcd,abcd|Invalid value for CHANNELS: channel 'abcd' is listed twice",
      })
  void parse_badVariable_namesVariableValueAndAllowed(String name, String value, String expected) {
    assertThat(error(Map.of(name, value), Map.of())).isEqualTo(expected);
  }

  @Test
  void parse_badFlag_namesTheFlag() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.MAX_EVENTS, "ten");
    assertThat(error(Map.of(), flags))
        .isEqualTo(
            "Invalid value for --max-events: 'ten' (allowed: a non-negative integer (0 = unlimited))");
  }

  @Test
  void parse_allTypesDisabled_isAnError() {
    assertThat(
            error(
                Map.of(
                    "PRODUCE_CHAT",
                    "false",
                    "PRODUCE_VIEWER",
                    "false",
                    "PRODUCE_TRANSACTIONS",
                    "false",
                    "PRODUCE_STREAM_META",
                    "false"),
                Map.of()))
        .startsWith("Nothing to produce");
  }

  @Test
  void parse_fromWithoutTo_isAnError() {
    assertThat(error(Map.of("FROM", "2026-12-01T00:00:00Z"), Map.of()))
        .isEqualTo(
            "Invalid value for FROM: '2026-12-01T00:00:00Z' needs TO / --to too (allowed: both FROM and TO, or neither)");
    Settings s = parse(Map.of("FROM", "2026-12-01T00:00:00Z", "TO", "2026-12-02T00:00:00Z"));
    assertThat(s.backfill()).isTrue();
    assertThat(s.to()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
  }

  @Test
  void parse_clientProperties_fromFileAndPrefixedVariables(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("client.properties");
    Files.writeString(file, "security.protocol=SASL_SSL\nsasl.mechanism=PLAIN\n");
    Settings s =
        parse(
            Map.of(
                "PRODUCER_CONFIG",
                file.toString(),
                "KAFKA_CLIENT_SASL_MECHANISM",
                "SCRAM-SHA-512"));
    assertThat(s.clientProperties())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
  }

  @Test
  void parse_unreadableProducerConfig_isAnError(@TempDir Path dir) {
    Path missing = dir.resolve("nope.properties");
    assertThat(error(Map.of("PRODUCER_CONFIG", missing.toString()), Map.of()))
        .isEqualTo(
            "Invalid value for PRODUCER_CONFIG / --producer-config: '"
                + missing
                + "' is not a readable file (allowed: a readable Java properties file)");
  }

  @Test
  void parse_misspelledVariable_isWarnedAbout() {
    SettingsParser p = new SettingsParser(Map.of("RATE_PER_SECOND", "5", "PATH", "/bin"), Map.of());
    p.parse();
    assertThat(p.warnings())
        .containsExactly("Unknown variable RATE_PER_SECOND ignored (did you mean RATE_PER_SEC?)");
  }

  @Test
  void settingFlags_areKebabCaseOfVariables_exceptBootstrapServers() {
    for (Setting s : Setting.values()) {
      if (s == Setting.KAFKA_BOOTSTRAP_SERVERS) {
        assertThat(s.flag()).isEqualTo("--bootstrap-servers");
      } else {
        assertThat(s.flag()).as(s.env()).isEqualTo(Setting.kebab(s.env()));
      }
    }
    assertThat(List.of(Setting.values())).hasSizeGreaterThan(15);
  }
}
