package io.telemetra.produce;

/** The sink cannot go on (authentication or authorization refused, fatal client error). */
public class FatalSinkException extends RuntimeException {
  private final int exitCode;

  public FatalSinkException(String message, int exitCode, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
