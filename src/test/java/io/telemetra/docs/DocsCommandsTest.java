package io.telemetra.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.cli.Main;
import io.telemetra.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command shown in a code block of the documents is checked, so the docs cannot rot: {@code
 * make X} targets exist in the Makefile; {@code telemetra ...} / {@code ./telemetra ...} / {@code
 * java -jar target/telemetra.jar ...} command lines parse with the real picocli model (every
 * subcommand, flag and argument exists), and the variables set in front of them are ones the
 * program knows.
 */
class DocsCommandsTest {
  static final List<String> DOCS = List.of("README.md", "QUICKSTART.md", "schemas/README.md");
  private static final Pattern TELEMETRA =
      Pattern.compile(
          "^(?:\\$ )?((?:[A-Z][A-Z0-9_]*=(?:'[^']*'|\"[^\"]*\"|\\S*)\\s+)*)(?:\\./telemetra|telemetra|java -jar \\S*telemetra\\.jar)\\s+(.*)$");
  private static final Pattern MAKE =
      Pattern.compile("^(?:\\$ )?(?:[A-Z_]+=\\S+\\s+)*make\\s+([a-z][a-z-]*)");

  /** One documented command line: where it is and its text (continuations joined). */
  record DocCommand(String where, String line) {
    @Override
    public String toString() {
      return where + ": " + line;
    }
  }

  static Stream<DocCommand> commands() throws IOException {
    List<DocCommand> out = new ArrayList<>();
    for (String doc : DOCS) {
      Path p = Path.of(doc);
      if (!Files.exists(p)) {
        continue;
      }
      List<String> lines = Files.readAllLines(p);
      boolean inCode = false;
      String lang = "";
      StringBuilder pending = null;
      for (int i = 0; i < lines.size(); i++) {
        String l = lines.get(i);
        if (l.trim().startsWith("```")) {
          inCode = !inCode;
          lang = inCode ? l.trim().substring(3) : "";
          continue;
        }
        if (!inCode
            || !(lang.isEmpty()
                || lang.equals("sh")
                || lang.equals("bash")
                || lang.equals("shell"))) {
          continue;
        }
        String t = l.trim();
        if (pending != null) {
          pending.append(' ').append(t.endsWith("\\") ? t.substring(0, t.length() - 1).trim() : t);
          if (!t.endsWith("\\")) {
            out.add(new DocCommand(doc + ":" + (i + 1), pending.toString()));
            pending = null;
          }
          continue;
        }
        if (t.endsWith("\\")) {
          pending = new StringBuilder(t.substring(0, t.length() - 1).trim());
          continue;
        }
        out.add(new DocCommand(doc + ":" + (i + 1), t));
      }
    }
    return out.stream()
        .filter(c -> TELEMETRA.matcher(c.line()).find() || MAKE.matcher(c.line()).find());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("commands")
  void documentedCommand_isValid(DocCommand c) throws IOException {
    Matcher make = MAKE.matcher(c.line());
    if (make.find()) {
      String makefile = Files.readString(Path.of("Makefile"));
      assertThat(makefile)
          .as(c.toString())
          .containsPattern("(?m)^" + Pattern.quote(make.group(1)) + ":");
      return;
    }
    Matcher m = TELEMETRA.matcher(c.line());
    assertThat(m.find()).isTrue();
    Set<String> known = knownVariables();
    Matcher vars = Pattern.compile("([A-Z][A-Z0-9_]*)=").matcher(m.group(1));
    while (vars.find()) {
      String name = vars.group(1);
      assertThat(known.contains(name) || name.startsWith(Setting.CLIENT_PROPERTY_PREFIX))
          .as(c + ": variable " + name)
          .isTrue();
    }
    String[] args = split(stripShell(m.group(2)));
    // The same model the program uses (dynamic options included).
    CommandLine real = commandLine();
    try {
      real.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      throw new AssertionError(c + " does not parse: " + e.getMessage(), e);
    }
  }

  private static CommandLine commandLine() {
    try {
      var method =
          Main.class.getDeclaredMethod(
              "commandLine", Map.class, PrintStream.class, PrintStream.class);
      method.setAccessible(true);
      PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      return (CommandLine) method.invoke(null, Map.of(), sink, sink);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static Set<String> knownVariables() throws IOException {
    Set<String> known = new HashSet<>();
    for (Setting s : Setting.values()) {
      known.add(s.env());
    }
    known.addAll(List.of("JAVA_OPTS", "ARGS", "LOG_LEVEL", "LOG_FORMAT"));
    return known;
  }

  /** Drops what follows the command in a shell line: pipes, redirects, comments, chaining, `&`. */
  static String stripShell(String s) {
    StringBuilder out = new StringBuilder();
    char quote = 0;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
      } else if (ch == '|'
          || ch == '>'
          || ch == '#'
          || ch == ';'
          || ch == '&'
          || ch == '<' && !s.startsWith("<", i)) {
        break;
      }
      out.append(ch);
    }
    return out.toString().trim();
  }

  /** Splits a command line into words the way a POSIX shell would for simple quoting. */
  static String[] split(String s) {
    List<String> words = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    char quote = 0;
    boolean any = false;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (quote != 0) {
        if (ch == quote) {
          quote = 0;
        } else {
          w.append(ch);
        }
      } else if (ch == '\'' || ch == '"') {
        quote = ch;
        any = true;
      } else if (Character.isWhitespace(ch)) {
        if (w.length() > 0 || any) {
          words.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(ch);
      }
    }
    if (w.length() > 0 || any) {
      words.add(w.toString());
    }
    return words.toArray(new String[0]);
  }
}
