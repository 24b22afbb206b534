package io.telemetra.cli;

import io.telemetra.config.UsageException;
import io.telemetra.event.EventType;
import io.telemetra.schema.EventSchema;
import io.telemetra.schema.EventValidator;
import io.telemetra.schema.JsonLinesValidator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code telemetra validate SCHEMA [INPUT]}: checks events against the contract in schemas/. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validates events (JSON, one per line) against the event schemas.",
      "Prints one line per problem (line, JSON path, what was expected) and a summary.",
      "Examples:",
      "  telemetra validate chat '{\"message_id\": ...}'",
      "  telemetra validate transactions @events.jsonl",
      "  telemetra produce --sink stdout --max-events 1000 | telemetra validate auto"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every event is valid",
      "1:some event is invalid or not JSON",
      "2:usage error, unreadable schema or input, or no event in the input"
    })
public final class ValidateCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      paramLabel = "SCHEMA",
      description = {
        "chat, viewer, transactions or stream_meta (or a schema file name such as chat_message.json): the packaged schema;",
        "auto: every line is a --sink stdout envelope {\"topic\", \"key\", \"value\"} and its topic picks the schema;",
        "otherwise the path of a JSON Schema file."
      })
  String schema;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "INPUT",
      description = {"Inline JSON, @FILE (JSON Lines), or - for standard input (the default)."})
  String input;

  private final PrintStream out;
  private final Supplier<InputStream> stdin;

  ValidateCommand(PrintStream out, Supplier<InputStream> stdin) {
    this.out = out;
    this.stdin = stdin;
  }

  @Override
  public Integer call() {
    EventSchema fixed = resolveSchema(schema);
    JsonLinesValidator validator = new JsonLinesValidator(fixed, EventValidator.standard(), out);
    JsonLinesValidator.Summary summary;
    try (BufferedReader reader = open(input)) {
      summary = validator.run(reader);
    } catch (IOException e) {
      throw new UsageException("cannot read " + describeInput(input) + ": " + e.getMessage());
    }
    if (summary.events() == 0) {
      throw new UsageException("no event in " + describeInput(input) + ": nothing to validate");
    }
    out.println(summary.describe());
    out.flush();
    return summary.invalid() == 0 ? ExitCodes.OK : ExitCodes.RUNTIME;
  }

  /** null = auto. */
  static EventSchema resolveSchema(String name) {
    if (name.equals("auto")) {
      return null;
    }
    try {
      return EventValidator.standard().schema(EventType.parse(name));
    } catch (IllegalArgumentException notAType) {
      // not an event type: a path, then
    }
    Path path = Path.of(name);
    if (!Files.isRegularFile(path)) {
      throw new UsageException(
          "Invalid value for SCHEMA: '"
              + name
              + "' (allowed: chat, viewer, transactions,"
              + " stream_meta, a schema file name such as chat_message.json, auto, or the path of a schema file)");
    }
    try {
      return EventValidator.loadSchema(path);
    } catch (IOException | RuntimeException e) {
      throw new UsageException("cannot use schema file '" + name + "': " + oneLine(e));
    }
  }

  private BufferedReader open(String in) throws IOException {
    if (in == null || in.equals("-")) {
      return new BufferedReader(new InputStreamReader(stdin.get(), StandardCharsets.UTF_8));
    }
    if (in.startsWith("@")) {
      Path path = Path.of(in.substring(1));
      try {
        return Files.newBufferedReader(path, StandardCharsets.UTF_8);
      } catch (NoSuchFileException e) {
        throw new UsageException("cannot read INPUT file '" + path + "': no such file");
      } catch (IOException e) {
        throw new UsageException("cannot read INPUT file '" + path + "': " + oneLine(e));
      }
    }
    if (!in.isBlank() && "{[".indexOf(in.strip().charAt(0)) < 0) {
      String hint =
          Files.isRegularFile(Path.of(in)) ? " (to read the file, write @" + in + ")" : "";
      throw new UsageException(
          "Invalid value for INPUT: '"
              + abbreviate(in)
              + "' (allowed: inline JSON starting with"
              + " '{', @FILE, or - for standard input)"
              + hint);
    }
    return new BufferedReader(new StringReader(in));
  }

  private static String describeInput(String in) {
    if (in == null || in.equals("-")) {
      return "standard input";
    }
    return in.startsWith("@") ? "INPUT file '" + in.substring(1) + "'" : "INPUT";
  }

  private static String abbreviate(String s) {
    return s.length() > 40 ? s.substring(0, 37) + "..." : s;
  }

  private static String oneLine(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
