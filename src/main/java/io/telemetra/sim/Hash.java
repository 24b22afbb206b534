package io.telemetra.sim;

/** Stateless 64-bit mixing (SplitMix64 finaliser): pure functions of the seed and their inputs. */
final class Hash {
  private Hash() {}

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  static long of(long seed, long a, long b) {
    return mix(seed ^ mix(a * 0x9E3779B97F4A7C15L + mix(b + 0x632BE59BD9B4E019L)));
  }

  /** A double in [0, 1) from a hash. */
  static double unit(long h) {
    return (h >>> 11) * 0x1.0p-53;
  }
}
