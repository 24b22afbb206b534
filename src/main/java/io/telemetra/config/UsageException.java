package io.telemetra.config;

/**
 * A user error (bad setting, bad argument): the CLI prints the message as one line, without a stack
 * trace, and exits with {@link io.telemetra.cli.ExitCodes#USAGE}.
 */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message, null, false, false);
  }
}
