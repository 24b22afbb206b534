package io.telemetra.schema;

/**
 * One way an event breaks its contract.
 *
 * @param path where in the event, as a JSON path ({@code $} is the event itself, {@code
 *     $.emotes[0].end} a nested field)
 * @param message what was expected, in plain words
 */
public record Violation(String path, String message) {

  /** {@code $.amount: must be a multiple of 0.01}. */
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
