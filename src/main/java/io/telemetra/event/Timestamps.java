package io.telemetra.event;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** RFC 3339 UTC timestamps with exactly three fractional digits: {@code 2026-12-04T19:30:00.123Z}. */
public final class Timestamps {
  private Timestamps() {}

  public static String format(long epochMillis) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000), 0, ZoneOffset.UTC);
    int millis = (int) Math.floorMod(epochMillis, 1000);
    char[] c = new char[24];
    put4(c, 0, t.getYear());
    c[4] = '-';
    put2(c, 5, t.getMonthValue());
    c[7] = '-';
    put2(c, 8, t.getDayOfMonth());
    c[10] = 'T';
    put2(c, 11, t.getHour());
    c[13] = ':';
    put2(c, 14, t.getMinute());
    c[16] = ':';
    put2(c, 17, t.getSecond());
    c[19] = '.';
    c[20] = (char) ('0' + millis / 100);
    c[21] = (char) ('0' + millis / 10 % 10);
    c[22] = (char) ('0' + millis % 10);
    c[23] = 'Z';
    return new String(c);
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
