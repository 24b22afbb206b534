package io.telemetra.cli;

/**
 * The exit codes of every {@code telemetra} command, in one place (documented in the README).
 *
 * <table>
 *   <tr><td>0</td><td>success (produce: stopped by MAX_EVENTS, DURATION, Ctrl-C or SIGTERM)</td></tr>
 *   <tr><td>1</td><td>failure at run time; validate: some input invalid; consume --verify: mismatch</td></tr>
 *   <tr><td>2</td><td>invalid usage: a bad flag, variable or argument, unreadable input</td></tr>
 *   <tr><td>3</td><td>Kafka unreachable (after the configured retries), or the embedded broker's port is taken</td></tr>
 *   <tr><td>4</td><td>Kafka refused the credentials (authentication failed)</td></tr>
 * </table>
 */
public final class ExitCodes {
  private ExitCodes() {}

  public static final int OK = 0;
  public static final int RUNTIME = 1;
  public static final int USAGE = 2;
  public static final int KAFKA_UNAVAILABLE = 3;
  public static final int AUTHENTICATION = 4;
}
