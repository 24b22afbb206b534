package io.telemetra.event;

import java.time.Instant;
import java.time.LocalDate;

/**
 * RFC 3339 UTC timestamps with exactly three fractional digits: {@code 2026-12-04T19:30:00.123Z}.
 */
public final class Timestamps {
  private Timestamps() {}

  /** The last day formatted, "yyyy-MM-ddT": most events of a run fall on the same day. */
  private record Day(long epochDay, char[] text) {}

  // Racy but safe: Day is immutable and any thread may recompute it.
  private static volatile Day lastDay = new Day(Long.MIN_VALUE, new char[0]);

  public static String format(long epochMillis) {
    long epochSecond = Math.floorDiv(epochMillis, 1000);
    long epochDay = Math.floorDiv(epochSecond, 86_400);
    int secondOfDay = (int) (epochSecond - epochDay * 86_400);
    int millis = Math.floorMod(epochMillis, 1000);
    Day day = lastDay;
    if (day.epochDay() != epochDay) {
      day = new Day(epochDay, dayText(epochDay));
      lastDay = day;
    }
    char[] c = new char[24];
    System.arraycopy(day.text(), 0, c, 0, 11);
    put2(c, 11, secondOfDay / 3600);
    c[13] = ':';
    put2(c, 14, secondOfDay / 60 % 60);
    c[16] = ':';
    put2(c, 17, secondOfDay % 60);
    c[19] = '.';
    c[20] = (char) ('0' + millis / 100);
    c[21] = (char) ('0' + millis / 10 % 10);
    c[22] = (char) ('0' + millis % 10);
    c[23] = 'Z';
    return new String(c);
  }

  private static char[] dayText(long epochDay) {
    LocalDate d = LocalDate.ofEpochDay(epochDay);
    char[] c = new char[11];
    put4(c, 0, d.getYear());
    c[4] = '-';
    put2(c, 5, d.getMonthValue());
    c[7] = '-';
    put2(c, 8, d.getDayOfMonth());
    c[10] = 'T';
    return c;
  }

  public static long parse(String text) {
    return Instant.parse(text).toEpochMilli();
  }

  private static void put2(char[] c, int at, int v) {
    c[at] = (char) ('0' + v / 10);
    c[at + 1] = (char) ('0' + v % 10);
  }

  private static void put4(char[] c, int at, int v) {
    c[at] = (char) ('0' + v / 1000 % 10);
    c[at + 1] = (char) ('0' + v / 100 % 10);
    c[at + 2] = (char) ('0' + v / 10 % 10);
    c[at + 3] = (char) ('0' + v % 10);
  }
}
