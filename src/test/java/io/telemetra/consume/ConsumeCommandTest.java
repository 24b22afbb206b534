package io.telemetra.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line errors that need no broker: each is one line and exit code 2. */
class ConsumeCommandTest {
  @TempDir Path dir;

  private static void assertUsage(Cli r, String message) {
    assertThat(r.code()).as(r.toString()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("telemetra: " + message);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void consume_countNotPositive_isUsageError() {
    assertUsage(
        Cli.run("consume", "chat", "0"),
        "Invalid value for COUNT: '0' (allowed: a positive integer)");
    assertUsage(
        Cli.run("consume", "chat", "ten"),
        "Invalid value for COUNT: 'ten' (allowed: a positive integer)");
  }

  @Test
  void consume_badTopicName_isUsageError() {
    assertUsage(
        Cli.run("consume", "chat!"),
        "Invalid value for TOPIC: 'chat!' (allowed: chat, viewer, transactions, stream_meta, or a full topic name of [a-zA-Z0-9._-])");
  }

  @Test
  void consume_fromBeginningAndOnlyNew_isUsageError() {
    assertUsage(
        Cli.run("consume", "--from-beginning", "--only-new"),
        "Invalid usage: --from-beginning and --only-new exclude each other");
  }

  @Test
  void consume_badTimeout_isUsageError() {
    assertUsage(
        Cli.run("consume", "--timeout", "soon", "--bootstrap-servers", "127.0.0.1:1"),
        "Invalid value for --timeout: 'soon' (allowed: a positive duration such as 500ms, 30s, 10m, 2h)");
  }

  @Test
  void consume_badBootstrapVariable_namesTheVariable() {
    assertUsage(
        Cli.run(Map.of("KAFKA_BOOTSTRAP_SERVERS", "nohost"), "consume"),
        "Invalid value for KAFKA_BOOTSTRAP_SERVERS: 'nohost' (allowed: host:port[,host:port...])");
  }

  @Test
  void consume_missingConsumerConfig_namesTheFlag() {
    assertUsage(
        Cli.run("consume", "--consumer-config", dir.resolve("none.properties").toString()),
        "Invalid value for --consumer-config: '"
            + dir.resolve("none.properties")
            + "' is not a readable file (allowed: a readable Java properties file)");
  }

  @Test
  void verify_manifestNotAManifest_isUsageError() throws IOException {
    Path file = dir.resolve("m.json");
    Files.writeString(file, "{\"format\": \"other\"}");
    assertUsage(
        Cli.run("consume", "--verify", file.toString()),
        "Invalid value for --verify: '"
            + file
            + "' is not a readable manifest (not a telemetra manifest (expected \"format\": \"telemetra-manifest/1\"))");
  }

  @Test
  void verify_topicAfterVerify_hintsAtTheOrder() {
    assertUsage(
        Cli.run("consume", "--verify", "chat"),
        "Invalid value for --verify: 'chat' is not a readable manifest "
            + "(chat (No such file or directory)); to verify one topic without a manifest, put TOPIC before --verify: "
            + "telemetra consume chat --verify");
  }

  @Test
  void verify_withJson_isUsageError() {
    assertUsage(
        Cli.run("consume", "--verify", "--json"),
        "Invalid usage: --verify reads everything from the beginning and prints"
            + " a report; it cannot be combined with --json, --validate, --group, --only-new, --stats-interval or COUNT");
  }

  @Test
  void consume_badConnectRetries_isUsageError() {
    assertUsage(
        Cli.run("consume", "--connect-retries", "-1"),
        "Invalid value for --connect-retries: '-1' (allowed: an integer from 0 to 1000)");
  }

  @Test
  void consume_kafkaUnreachable_exits3() {
    Cli r = Cli.run("consume", "--bootstrap-servers", "127.0.0.1:1", "--connect-retries", "0");

    assertThat(r.code()).as(r.toString()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void runId_withoutVerify_isUsageError() {
    assertUsage(Cli.run("consume", "--run-id", "x"), "Invalid usage: --run-id needs --verify");
  }

  @Test
  void produce_manifestInMissingDirectory_isUsageError() {
    String file = dir.resolve("no/such/dir/m.json").toString();
    assertUsage(
        Cli.run("produce", "--manifest", file),
        "Invalid value for --manifest: '"
            + file
            + "' (allowed: a file path in an existing directory)");
  }
}
