package io.telemetra.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Security 9: the Docker image runs as a non-root user, and no credentials are baked into the image
 * or the examples. Each check is skipped while its file does not exist yet.
 */
class ImageHygieneTest {
  private static final Path ROOT = Path.of("").toAbsolutePath();

  /** Names that hold secrets. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i)(password|passwd|secret|token|jaas|credential|api_?key|private_?key)");

  /** Values that are clearly placeholders, not secrets. */
  private static final Pattern PLACEHOLDER =
      Pattern.compile(
          "(?i)^(|\\$\\{[^}]*}|\\$[A-Za-z_][A-Za-z0-9_]*|<[^>]*>|changeme|change-me|change_me|example|xxx+|\\*+|\\.\\.\\.|none|null|redacted)$");

  @Test
  void dockerfile_runsAsNonRootUser() throws IOException {
    Path dockerfile = ROOT.resolve("Dockerfile");
    assumeTrue(Files.isRegularFile(dockerfile), "no Dockerfile yet");
    List<String> instructions = instructions(Files.readString(dockerfile));
    // Only the final stage is the image: its last USER decides.
    int lastFrom = -1;
    for (int i = 0; i < instructions.size(); i++) {
      if (keyword(instructions.get(i)).equals("FROM")) {
        lastFrom = i;
      }
    }
    String user = null;
    for (String line : instructions.subList(Math.max(0, lastFrom), instructions.size())) {
      if (keyword(line).equals("USER")) {
        user = line.substring(4).trim();
      }
    }
    assertThat(user).as("a USER instruction in the final stage of the Dockerfile").isNotNull();
    String name = user.split(":")[0].trim();
    assertThat(name).as("USER of the image").isNotIn("root", "0", "");
  }

  @Test
  void dockerfile_bakesInNoCredentials() throws IOException {
    Path dockerfile = ROOT.resolve("Dockerfile");
    assumeTrue(Files.isRegularFile(dockerfile), "no Dockerfile yet");
    List<String> problems = new ArrayList<>();
    for (String line : instructions(Files.readString(dockerfile))) {
      String kw = keyword(line);
      if (kw.equals("ENV") || kw.equals("ARG") || kw.equals("LABEL")) {
        for (String[] kv : assignments(line.substring(kw.length()).trim())) {
          if (SECRET_NAME.matcher(kv[0]).find() && !placeholder(kv[1])) {
            problems.add(line);
          }
        }
      }
      if (line.matches("(?is).*password\\s*=\\s*\\\\?\"[^\"$<]+\\\\?\".*")) {
        problems.add(line);
      }
    }
    assertThat(problems).as("credentials in the Dockerfile").isEmpty();
  }

  @Test
  void examplesAndComposeFiles_containNoRealLookingSecrets() throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(ROOT)) {
      s.filter(
              p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return n.equals(".env.example")
                    || n.equals(".env.sample")
                    || n.startsWith("docker-compose")
                    || n.startsWith("compose.")
                    || n.endsWith(".properties.example");
              })
          .filter(Files::isRegularFile)
          .forEach(files::add);
    }
    Path examples = ROOT.resolve("examples");
    if (Files.isDirectory(examples)) {
      try (Stream<Path> s = Files.walk(examples)) {
        s.filter(Files::isRegularFile).forEach(files::add);
      }
    }
    assumeTrue(!files.isEmpty(), "no .env.example, compose or example files yet");
    List<String> problems = new ArrayList<>();
    Pattern assignment = Pattern.compile("^\\s*-?\\s*\"?([A-Za-z0-9_.\\-]+)\"?\\s*[:=]\\s*(.*)$");
    Pattern jaasPassword = Pattern.compile("password\\s*=\\s*\\\\?[\"']([^\"'\\\\]*)");
    for (Path f : files) {
      List<String> lines = Files.readAllLines(f);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.trim().startsWith("#")) {
          continue;
        }
        Matcher m = assignment.matcher(line);
        if (m.matches()
            && SECRET_NAME.matcher(m.group(1)).find()
            && !m.group(1).toLowerCase(Locale.ROOT).contains("jaas")
            && !placeholder(unquote(m.group(2)))) {
          problems.add(f.getFileName() + ":" + (i + 1) + ": " + line.trim());
        }
        Matcher j = jaasPassword.matcher(line);
        while (j.find()) {
          if (!placeholder(j.group(1))) {
            problems.add(f.getFileName() + ":" + (i + 1) + ": " + line.trim());
          }
        }
      }
    }
    assertThat(problems)
        .as("secrets in example and compose files (use ${VAR} or a placeholder such as changeme)")
        .isEmpty();
  }

  @Test
  void placeholder_recognisesPlaceholdersOnly() {
    assertThat(placeholder("${KAFKA_PASSWORD}")).isTrue();
    assertThat(placeholder("<your password>")).isTrue();
    assertThat(placeholder("changeme")).isTrue();
    assertThat(placeholder("")).isTrue();
    assertThat(placeholder("hunter2")).isFalse();
    assertThat(placeholder("s3cr3t-Pa55")).isFalse();
  }

  private static boolean placeholder(String value) {
    return PLACEHOLDER.matcher(unquote(value.trim())).matches();
  }

  private static String unquote(String v) {
    String t = v.trim();
    if (t.length() >= 2
        && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  /** Dockerfile instructions with line continuations joined and comments dropped. */
  private static List<String> instructions(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      if (line.startsWith("#") || line.isEmpty() && current.length() == 0) {
        continue;
      }
      if (line.endsWith("\\")) {
        current.append(line, 0, line.length() - 1).append(' ');
        continue;
      }
      current.append(line);
      out.add(current.toString().trim());
      current.setLength(0);
    }
    if (current.length() > 0) {
      out.add(current.toString().trim());
    }
    return out;
  }

  private static String keyword(String instruction) {
    int sp = instruction.indexOf(' ');
    return (sp < 0 ? instruction : instruction.substring(0, sp)).toUpperCase(Locale.ROOT);
  }

  /** {@code K=V K2="V 2"} or the legacy {@code K V} form. */
  private static List<String[]> assignments(String rest) {
    List<String[]> out = new ArrayList<>();
    Matcher m = Pattern.compile("([A-Za-z0-9_.\\-]+)=(\"[^\"]*\"|'[^']*'|\\S*)").matcher(rest);
    boolean any = false;
    while (m.find()) {
      out.add(new String[] {m.group(1), m.group(2)});
      any = true;
    }
    if (!any) {
      String[] parts = rest.split("\\s+", 2);
      out.add(new String[] {parts[0], parts.length > 1 ? parts[1] : ""});
    }
    return out;
  }
}
