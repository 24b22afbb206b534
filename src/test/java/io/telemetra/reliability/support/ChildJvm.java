package io.telemetra.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -cp <this test's class path> io.telemetra.cli.Main <args>} as a real child process,
 * with a clean environment (only what the test passes, plus PATH and HOME), its standard output and
 * error going to files the test reads.
 */
public final class ChildJvm implements AutoCloseable {

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private ChildJvm(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static ChildJvm start(Path dir, Map<String, String> env, String... args) {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                cp,
                "io.telemetra.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().clear();
    for (String keep : List.of("PATH", "HOME", "LANG", "TMPDIR")) {
      String v = System.getenv(keep);
      if (v != null) {
        pb.environment().put(keep, v);
      }
    }
    // No metrics endpoint on its fixed default port unless the test asks for one.
    pb.environment().put("METRICS_PORT", "off");
    pb.environment().putAll(env);
    try {
      Files.createDirectories(dir);
      Path out = Files.createTempFile(dir, "child-", ".out");
      Path err = Files.createTempFile(dir, "child-", ".err");
      pb.redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.PIPE);
      return new ChildJvm(pb.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long pid() {
    return process.pid();
  }

  public String stderr() {
    return read(stderr);
  }

  public String stdout() {
    return read(stdout);
  }

  /** Sends a signal with kill(1), e.g. {@code "INT"}. */
  public void signal(String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** SIGTERM, as {@code docker stop} or systemd would send. */
  public void terminate() {
    process.destroy();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError(
            "child did not exit within " + timeout.toSeconds() + " s; stderr:\n" + stderr());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /**
   * The latest "Stats:" line's value of {@code field} (e.g. total, pending) in {@code log}, or -1.
   */
  public static long lastStat(String log, String field) {
    Matcher m = Pattern.compile("Stats:.* " + Pattern.quote(field) + "=(\\d+)").matcher(log);
    long v = -1;
    while (m.find()) {
      v = Long.parseLong(m.group(1));
    }
    return v;
  }

  private static String read(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
