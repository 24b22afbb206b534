package io.telemetra.reliability.support;

import io.telemetra.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code telemetra <args>} through {@link Main#run} on a background thread, as a user would
 * (same flags, same environment handling, same exit codes), and captures everything written to
 * standard error meanwhile (the producer's log goes there). One at a time per JVM: standard error
 * is replaced while it runs.
 */
public final class InJvmProducer implements AutoCloseable {
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final PrintStream originalErr = System.err;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  private InJvmProducer(Map<String, String> env, String... args) {
    PrintStream tee =
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                synchronized (log) {
                  log.write(b);
                }
                originalErr.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                synchronized (log) {
                  log.write(b, off, len);
                }
                originalErr.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8);
    System.setErr(tee);
    Thread t =
        new Thread(
            () -> {
              try {
                exit.complete(
                    Main.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8), tee));
              } catch (Throwable e) {
                exit.completeExceptionally(e);
              }
            },
            "telemetra-under-test");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Runs with {@code env}; the metrics endpoint is off unless METRICS_PORT is given (no fixed port
   * in tests).
   */
  public static InJvmProducer start(Map<String, String> env, String... args) {
    Map<String, String> e = new java.util.HashMap<>(env);
    e.putIfAbsent("METRICS_PORT", "off");
    return new InJvmProducer(e, args);
  }

  /** Everything written to standard error so far. */
  public String log() {
    synchronized (log) {
      return log.toString(StandardCharsets.UTF_8);
    }
  }

  public String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  public boolean isRunning() {
    return !exit.isDone();
  }

  /** Waits for the command to return; fails the test (with the log) if it does not in time. */
  public int awaitExit(Duration timeout) {
    try {
      return exit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(
          "telemetra did not finish within " + timeout.toSeconds() + " s; log:\n" + log());
    } catch (java.util.concurrent.ExecutionException e) {
      throw new AssertionError(
          "telemetra crashed: " + e.getCause() + "\nlog:\n" + log(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted");
    }
  }

  /** The latest "Stats:" line's value of {@code field} (e.g. total, pending), or -1. */
  public long lastStat(String field) {
    return ChildJvm.lastStat(log(), field);
  }

  @Override
  public void close() {
    System.setErr(originalErr);
  }
}
