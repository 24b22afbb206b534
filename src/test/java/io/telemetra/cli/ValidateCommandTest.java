package io.telemetra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  static final String CHAT =
      "{\"message_id\":\"5b7e1f0c-3a9d-4e2b-9c1f-0a2b3c4d5e6f\",\"channel\":\"demo_stream\","
          + "\"username\":\"pixel_pirate\",\"message\":\"Kappa hi\",\"timestamp\":\"2026-12-04T19:30:00.123Z\","
          + "\"emotes\":[{\"name\":\"Kappa\",\"id\":\"25\",\"provider\":\"twitch\",\"start\":0,\"end\":4}],\"is_action\":false}";
  static final String VIEWER =
      "{\"event_id\":\"0f8e3c1a-2b4d-4c6e-8a0b-1c2d3e4f5a6b\",\"channel\":\"demo_stream\","
          + "\"viewer_count\":1523,\"timestamp\":\"2026-12-04T19:30:30.000Z\"}";
  static final String BAD_TX =
      "{\"transaction_id\":\"3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a\",\"channel\":\"demo_stream\","
          + "\"transaction_type\":\"subscription\",\"amount\":4.99,\"timestamp\":\"2026-12-04T19:42:10.512Z\",\"username\":\"pixel_pirate\"}";

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final InputStream originalIn = System.in;

  @AfterEach
  void restoreStdin() {
    System.setIn(originalIn);
  }

  private int run(String... args) {
    return Main.run(
        args,
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void validate_inlineValidEvent_exitsZero() {
    assertThat(run("validate", "chat", CHAT)).isEqualTo(0);
    assertThat(out()).isEqualTo("1 event, valid (chat 1)\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void validate_schemaFileNameOrEnumName_selectsTheSameSchema() {
    assertThat(run("validate", "chat_message.json", CHAT)).isEqualTo(0);
    assertThat(run("validate", "VIEWER", VIEWER)).isEqualTo(0);
    assertThat(run("validate", "viewer_count", VIEWER)).isEqualTo(0);
  }

  @Test
  void validate_schemaPath_usesThatFile() throws Exception {
    assertThat(run("validate", "schemas/viewer_count.json", VIEWER)).isEqualTo(0);
    out.reset();
    Path custom = dir.resolve("only_a.json");
    Files.writeString(custom, "{\"type\":\"object\",\"required\":[\"a\"]}");
    assertThat(run("validate", custom.toString(), "{\"b\":1}")).isEqualTo(1);
    assertThat(out())
        .isEqualTo("line 1: $: required property 'a' not found\n1 of 1 event invalid\n");
  }

  @Test
  void validate_invalidEvent_namesLinePathAndExpectation() {
    assertThat(run("validate", "transactions", BAD_TX)).isEqualTo(1);
    assertThat(out())
        .isEqualTo(
            "line 1: $: required property 'tier' not found (rule: subscription,"
                + " subscription_renewal and gift_sub carry a tier; bits and donation do not)\n1 of 1 event invalid\n");
  }

  @Test
  void validate_jsonLinesFile_reportsEachBadLineAndCounts() throws Exception {
    Path file = dir.resolve("chat.jsonl");
    Files.writeString(
        file,
        String.join(
                "\n",
                CHAT,
                "",
                CHAT.replace("\"end\":4", "\"end\":8"),
                CHAT.replace("\"message\":", "\"mesage\":"),
                CHAT.replace("\"username\":\"pixel_pirate\"", "\"username\":\"Pixel Pirate\""),
                CHAT)
            + "\n");
    assertThat(run("validate", "chat", "@" + file)).isEqualTo(1);
    assertThat(out())
        .isEqualTo(
            String.join(
                "\n",
                "line 3: $.emotes[0].end: must lie inside the message, which has 8 code points (last position 7), but is 8",
                "line 4: $: required property 'message' not found",
                "line 4: $: property 'mesage' is not defined in the schema and the schema does not allow additional"
                    + " properties (did you mean 'message'?)",
                "line 5: $.username: does not match the regex pattern ^[a-z0-9][a-z0-9_]{2,24}$; got \"Pixel Pirate\"",
                "3 of 5 events invalid",
                ""));
  }

  @Test
  void validate_malformedJson_namesLineAndColumnWithoutStackTrace() throws Exception {
    Path file = dir.resolve("broken.jsonl");
    Files.writeString(
        file, CHAT + "\n{\"channel\": \"demo_stream\",, }\n" + CHAT + "\n{\"a\": 1\n");
    assertThat(run("validate", "chat", "@" + file)).isEqualTo(1);
    assertThat(out())
        .startsWith(
            "line 2: malformed JSON at column 27: Unexpected character (',' (code 44)):"
                + " was expecting double-quote to start field name\n");
    assertThat(out())
        .contains(
            "line 4: malformed JSON at column 8: Unexpected end-of-input: expected close marker"
                + " for Object (start marker at line 1, column 1)\n");
    assertThat(out()).endsWith("2 of 4 events invalid\n");
    assertThat(err()).isEmpty();
  }

  @Test
  void validate_duplicateKey_isMalformed() {
    assertThat(run("validate", "viewer", VIEWER.replace("{", "{\"channel\":\"other_one\",")))
        .isEqualTo(1);
    assertThat(out())
        .startsWith("line 1: malformed JSON at column ")
        .contains("Duplicate field 'channel'");
  }

  @Test
  void validate_stdin_isTheDefaultAndDash() {
    System.setIn(
        new ByteArrayInputStream((CHAT + "\n" + CHAT + "\n").getBytes(StandardCharsets.UTF_8)));
    assertThat(run("validate", "chat")).isEqualTo(0);
    assertThat(out()).isEqualTo("2 events, all valid (chat 2)\n");
    System.setIn(new ByteArrayInputStream(VIEWER.getBytes(StandardCharsets.UTF_8)));
    assertThat(run("validate", "viewer", "-")).isEqualTo(0);
  }

  @Test
  void validate_autoWithEnvelopes_picksSchemaFromTopic() {
    String lines =
        envelope("telemetra.events.chat", CHAT)
            + "\n"
            + envelope("telemetra.events.viewer", VIEWER)
            + "\n"
            + envelope("telemetra.events.transactions", BAD_TX)
            + "\n"
            + envelope("telemetra.events.nope", VIEWER)
            + "\n"
            + VIEWER
            + "\n";
    System.setIn(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
    assertThat(run("validate", "auto")).isEqualTo(1);
    assertThat(out())
        .isEqualTo(
            String.join(
                "\n",
                "line 3 [telemetra.events.transactions]: $: required property 'tier' not found (rule: subscription,"
                    + " subscription_renewal and gift_sub carry a tier; bits and donation do not)",
                "line 4 [telemetra.events.nope]: topic 'telemetra.events.nope' is not an event topic (<prefix>.chat,"
                    + " .viewer, .transactions or .stream_meta), so auto cannot pick a schema",
                "line 5: not a {\"topic\", \"key\", \"value\"} envelope: SCHEMA auto needs one per line (telemetra produce"
                    + " --sink stdout writes them); give a SCHEMA such as chat to validate bare events",
                "3 of 5 events invalid",
                ""));
  }

  @Test
  void validate_envelopeWithFixedSchema_checksTopicAndKey() {
    String lines =
        envelope("telemetra.events.chat", CHAT)
            + "\n"
            + envelope("telemetra.events.viewer", VIEWER)
            + "\n"
            + "{\"topic\":\"telemetra.events.chat\",\"key\":\"someone_else\",\"value\":"
            + CHAT
            + "}\n";
    System.setIn(new ByteArrayInputStream(lines.getBytes(StandardCharsets.UTF_8)));
    assertThat(run("validate", "chat")).isEqualTo(1);
    assertThat(out())
        .isEqualTo(
            String.join(
                "\n",
                "line 2 [telemetra.events.viewer]: the topic carries viewer events, but SCHEMA is chat_message.json"
                    + " (use SCHEMA auto to pick each line's schema from its topic)",
                "line 3 [telemetra.events.chat]: key: the record key must be the event's channel 'demo_stream', but is"
                    + " \"someone_else\"",
                "2 of 3 events invalid",
                ""));
  }

  @Test
  void validate_prettyPrintedDocument_isReadWhole() throws Exception {
    Path file = dir.resolve("pretty.json");
    Files.writeString(
        file,
        "{\n  \"event_id\": \"0f8e3c1a-2b4d-4c6e-8a0b-1c2d3e4f5a6b\",\n  \"channel\": \"demo_stream\",\n"
            + "  \"viewer_count\": -1,\n  \"timestamp\": \"2026-12-04T19:30:30.000Z\"\n}\n");
    assertThat(run("validate", "viewer", "@" + file)).isEqualTo(1);
    assertThat(out())
        .isEqualTo(
            "line 1: $.viewer_count: must have a minimum value of 0; got -1\n1 of 1 event invalid\n");
  }

  @Test
  void validate_fileWithByteOrderMarkAndCrlf_isRead() throws Exception {
    Path file = dir.resolve("windows.jsonl");
    Files.writeString(file, "\uFEFF" + VIEWER + "\r\n" + VIEWER + "\r\n");
    assertThat(run("validate", "viewer", "@" + file)).isEqualTo(0);
    assertThat(out()).isEqualTo("2 events, all valid (viewer 2)\n");
  }

  @Test
  void validate_unknownSchema_isUsageError() {
    assertThat(run("validate", "chats", CHAT)).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "telemetra: Invalid value for SCHEMA: 'chats' (allowed: chat, viewer, transactions,"
                + " stream_meta, a schema file name such as chat_message.json, auto, or the path of a schema file)\n");
    assertThat(out()).isEmpty();
  }

  @Test
  void validate_missingInputFile_isUsageError() {
    assertThat(run("validate", "chat", "@" + dir.resolve("nope.jsonl"))).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "telemetra: cannot read INPUT file '"
                + dir.resolve("nope.jsonl")
                + "': no such file\n");
  }

  @Test
  void validate_bareFileNameAsInput_suggestsAtSign() throws Exception {
    Path file = dir.resolve("events.jsonl");
    Files.writeString(file, CHAT);
    assertThat(run("validate", "chat", file.toString())).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "telemetra: Invalid value for INPUT: '"
                + abbreviate(file.toString())
                + "' (allowed: inline JSON starting with '{', @FILE, or - for standard input) (to read the file, write @"
                + file
                + ")\n");
  }

  @Test
  void validate_emptyInput_isUsageError() {
    System.setIn(new ByteArrayInputStream(new byte[0]));
    assertThat(run("validate", "chat")).isEqualTo(2);
    assertThat(err()).isEqualTo("telemetra: no event in standard input: nothing to validate\n");
  }

  @Test
  void validate_unreadableSchemaFile_isUsageError() throws Exception {
    Path bad = dir.resolve("bad_schema.json");
    Files.writeString(bad, "{not json");
    assertThat(run("validate", bad.toString(), CHAT)).isEqualTo(2);
    assertThat(err()).startsWith("telemetra: cannot use schema file '" + bad + "': ");
  }

  @Test
  void validate_missingSchemaArgument_isUsageError() {
    assertThat(run("validate")).isEqualTo(2);
    assertThat(err()).startsWith("telemetra: Missing required parameter: 'SCHEMA'");
  }

  private static String envelope(String topic, String value) {
    return "{\"topic\":\"" + topic + "\",\"key\":\"demo_stream\",\"value\":" + value + "}";
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }
}
