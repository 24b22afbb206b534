package io.telemetra.config;

/** Messages per second across all enabled topics, or unlimited ({@code max}). */
public record Rate(double perSecond) {
  public static final Rate MAX = new Rate(Double.POSITIVE_INFINITY);

  public boolean isMax() {
    return Double.isInfinite(perSecond);
  }

  @Override
  public String toString() {
    return isMax()
        ? "max"
        : (perSecond == Math.rint(perSecond)
            ? String.valueOf((long) perSecond)
            : String.valueOf(perSecond));
  }
}
