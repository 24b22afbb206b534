package io.telemetra.sim;

import java.util.SplittableRandom;

/**
 * Random-looking but seeded identifiers (version-4 UUIDs drawn from the simulation's generator).
 */
public final class Ids {
  private Ids() {}

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  /** A version-4, variant-1 UUID string drawn from {@code random}. */
  public static String uuid(SplittableRandom random) {
    long msb = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
    long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    char[] c = new char[36];
    hex(c, 0, msb >>> 32, 8);
    c[8] = '-';
    hex(c, 9, msb >>> 16, 4);
    c[13] = '-';
    hex(c, 14, msb, 4);
    c[18] = '-';
    hex(c, 19, lsb >>> 48, 4);
    c[23] = '-';
    hex(c, 24, lsb, 12);
    return new String(c);
  }

  private static void hex(char[] c, int at, long v, int digits) {
    for (int i = digits - 1; i >= 0; i--) {
      c[at + i] = HEX[(int) (v & 0xF)];
      v >>>= 4;
    }
  }
}
