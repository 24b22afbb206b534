package io.telemetra.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.telemetra.cli.Main;
import io.telemetra.event.Badge;
import io.telemetra.event.ChatMessage;
import io.telemetra.event.Emote;
import io.telemetra.event.EventJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * Bad input 7: {@code telemetra validate chat @file} fed thousands of malformed and hostile inputs
 * (truncated JSON, deep nesting, huge strings, invalid UTF-8, other encodings, binary) from a
 * seeded generator. It must never crash (no exception out of Main.run, no "unexpected error") nor
 * hang, and must exit 1 (invalid) or 2 (unreadable input) only. Skipped until the validate
 * subcommand exists.
 */
class ValidatorFuzzTest {
  private static final long SEED = 20261204L;
  private static final int INPUTS = 2_000;
  private static final long PER_INPUT_SECONDS = 10;
  private static ExecutorService runner;

  @TempDir Path dir;

  static boolean validateExists() {
    Command main = Main.class.getAnnotation(Command.class);
    return Arrays.stream(main.subcommands())
        .map(c -> c.getAnnotation(Command.class))
        .anyMatch(c -> c != null && c.name().equals("validate"));
  }

  @BeforeAll
  static void startRunner() {
    // The default thread stack, as the java launcher gives `main`: deep nesting must not overflow
    // it.
    runner =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "validate-fuzz");
              t.setDaemon(true);
              return t;
            });
  }

  @AfterAll
  static void stop() {
    if (runner != null) {
      runner.shutdownNow();
    }
  }

  static byte[] validChat() {
    ChatMessage m =
        new ChatMessage(
            "7f3c2a1e-0d4b-4c55-9a1e-2b3c4d5e6f70",
            "demo_stream",
            "some_viewer",
            "Some_Viewer",
            "123456",
            "hello Kappa chat",
            1_764_806_400_000L,
            List.of(new Emote("Kappa", "25", "twitch", 6, 10)),
            List.of(new Badge("subscriber", "12", "12")),
            "#1E90FF",
            false,
            null,
            null,
            Map.of());
    return new EventJson().toBytes(m);
  }

  @Test
  @Timeout(300)
  void validate_thousandsOfMalformedInputs_exitOneOrTwoNeverCrashOrHang() throws Exception {
    assumeTrue(validateExists(), "telemetra validate does not exist yet");
    byte[] valid = validChat();
    SplittableRandom random = new SplittableRandom(SEED);
    Path file = dir.resolve("input.json");
    for (int i = 0; i < INPUTS; i++) {
      int kind = random.nextInt(12);
      byte[] input = hostile(kind, valid, random);
      Files.write(file, input);
      String label =
          "input #"
              + i
              + " (kind "
              + kind
              + ", seed "
              + SEED
              + ", "
              + input.length
              + " bytes, starts "
              + HexFormat.of().formatHex(input, 0, Math.min(24, input.length))
              + ")";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Future<Integer> exit =
          runner.submit(
              () ->
                  Main.run(
                      new String[] {"validate", "chat", "@" + file},
                      Map.of(),
                      new PrintStream(out, true, StandardCharsets.UTF_8),
                      new PrintStream(err, true, StandardCharsets.UTF_8)));
      int code;
      try {
        code = exit.get(PER_INPUT_SECONDS, TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        exit.cancel(true);
        fail("validate hung on " + label);
        return;
      } catch (java.util.concurrent.ExecutionException e) {
        fail("validate crashed on " + label + ": " + e.getCause(), e.getCause());
        return;
      }
      String stderr = err.toString(StandardCharsets.UTF_8);
      assertThat(code).as("exit code for %s; stderr: %s", label, abbreviate(stderr)).isIn(1, 2);
      assertThat(stderr)
          .as("stderr for %s", label)
          .doesNotContain("unexpected error")
          .doesNotContain("\tat ");
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 2_000 ? s.substring(0, 2_000) + "..." : s;
  }

  /** One malformed or hostile input of the given kind; never a valid chat event. */
  static byte[] hostile(int kind, byte[] valid, SplittableRandom r) {
    String json = new String(valid, StandardCharsets.UTF_8);
    return switch (kind) {
      // A strict prefix of one compact JSON object is never valid JSON (length 0 = empty input).
      case 0 -> Arrays.copyOf(valid, r.nextInt(valid.length));
      // Deep nesting, unclosed or closed, arrays or objects.
      case 1 -> "[".repeat(1 + r.nextInt(200_000)).getBytes(StandardCharsets.US_ASCII);
      case 2 -> {
        int depth = 1 + r.nextInt(50_000);
        yield ("{\"a\":".repeat(depth) + "1" + "}".repeat(depth))
            .getBytes(StandardCharsets.US_ASCII);
      }
      case 3 -> {
        int depth = 1 + r.nextInt(50_000);
        yield json.replace("\"emotes\":[", "\"emotes\":" + "[".repeat(depth))
            .replace("}],\"badges\"", "}" + "]".repeat(depth) + ",\"badges\"")
            .replace("\"channel\":\"demo_stream\"", "\"channel\":7")
            .getBytes(StandardCharsets.UTF_8);
      }
      // Huge strings: a whole document that is one string, or a huge value of the wrong type.
      case 4 ->
          ("\"" + "x".repeat(1 + r.nextInt(r.nextInt(20) == 0 ? 4_000_000 : 100_000)) + "\"")
              .getBytes(StandardCharsets.US_ASCII);
      case 5 ->
          json.replace(
                  "\"channel\":\"demo_stream\"",
                  "\"channel\":\"" + "ab".repeat(1 + r.nextInt(300_000)) + "\",\"x\":[")
              .getBytes(StandardCharsets.UTF_8);
      // Invalid UTF-8 inside a string value: overlong, surrogate, stray continuation, 0xFF.
      case 6 -> {
        byte[][] bad = {
          {(byte) 0xC0, (byte) 0xAF},
          {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
          {(byte) 0x80},
          {(byte) 0xFF},
          {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
          {(byte) 0xE2, (byte) 0x82}
        };
        byte[] b = bad[r.nextInt(bad.length)];
        int at = json.indexOf("hello") + r.nextInt(5);
        byte[] out = new byte[valid.length + b.length];
        System.arraycopy(valid, 0, out, 0, at);
        System.arraycopy(b, 0, out, at, b.length);
        System.arraycopy(valid, at, out, at + b.length, valid.length - at);
        yield out;
      }
      // The right JSON in an encoding JSON does not allow here.
      case 7 -> {
        List<Charset> cs =
            List.of(
                StandardCharsets.UTF_16,
                StandardCharsets.UTF_16LE,
                StandardCharsets.UTF_16BE,
                Charset.forName("UTF-32"),
                Charset.forName("UTF-32LE"));
        yield json.getBytes(cs.get(r.nextInt(cs.size())));
      }
      // Binary noise, sometimes behind a plausible start.
      case 8 -> {
        byte[] b = new byte[1 + r.nextInt(4_096)];
        for (int i = 0; i < b.length; i++) {
          b[i] = (byte) r.nextInt(256);
        }
        if (r.nextBoolean()) {
          b[0] = '{';
        }
        yield b;
      }
      // Structure broken: a quote, colon, comma or brace removed.
      case 9 -> {
        String structural = "\":,{}[";
        int at;
        do {
          at = r.nextInt(json.length());
        } while (structural.indexOf(json.charAt(at)) < 0);
        yield (json.substring(0, at) + json.substring(at + 1)).getBytes(StandardCharsets.UTF_8);
      }
      // Valid JSON of the wrong shape.
      case 10 -> {
        List<String> shapes =
            List.of(
                "",
                " ",
                "\n\n",
                "null",
                "[]",
                "{}",
                "123",
                "-0",
                "1e999999999",
                "true",
                "\"chat\"",
                "[" + json + "]",
                json + json,
                json.replace("\"message\":\"hello Kappa chat\"", "\"message\":null"),
                json.replace(
                    "\"timestamp\":\"", "\"timestamp\":123456789012345678901234567890,\"t\":\""));
        yield shapes.get(r.nextInt(shapes.size())).getBytes(StandardCharsets.UTF_8);
      }
      // Raw control characters and NULs inside strings (JSON requires them escaped).
      default -> {
        char c = (char) r.nextInt(0x20);
        yield json.replace("hello", "hel" + c + "lo" + '\0').getBytes(StandardCharsets.UTF_8);
      }
    };
  }

  @Test
  void hostile_neverProducesTheValidInput() throws IOException {
    // Guards the generator itself: not one of its inputs may be the valid event.
    byte[] valid = validChat();
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < INPUTS; i++) {
      assertThat(hostile(random.nextInt(12), valid, random)).isNotEqualTo(valid);
    }
  }
}
