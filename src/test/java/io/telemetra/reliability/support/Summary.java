package io.telemetra.reliability.support;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The producer's final summary, parsed from its log: what the user is told was produced. */
public record Summary(long produced, long errors, String runId) {
  private static final Pattern LINE =
      Pattern.compile("Summary: (\\d+) events produced in .*?, (\\d+) errors");
  private static final Pattern RUN = Pattern.compile("run id ([0-9a-f-]{36})");

  /** The last summary in {@code log}, or null if there is none. */
  public static Summary find(String log) {
    Matcher m = LINE.matcher(log);
    Long produced = null;
    long errors = 0;
    while (m.find()) {
      produced = Long.parseLong(m.group(1));
      errors = Long.parseLong(m.group(2));
    }
    if (produced == null) {
      return null;
    }
    Matcher r = RUN.matcher(log);
    String run = null;
    while (r.find()) {
      run = r.group(1);
    }
    return new Summary(produced, errors, run);
  }

  public static Summary require(String log) {
    Summary s = find(log);
    if (s == null) {
      throw new AssertionError("no summary in the producer's log:\n" + log);
    }
    return s;
  }
}
