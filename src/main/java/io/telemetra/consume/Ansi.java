package io.telemetra.consume;

/** ANSI SGR colours, or nothing at all when colour is off. */
final class Ansi {
  static final String RESET = "\u001b[0m";
  static final String BOLD = "\u001b[1m";
  static final String DIM = "\u001b[2m";
  static final String ITALIC = "\u001b[3m";
  static final String RED = "\u001b[31m";
  static final String GREEN = "\u001b[32m";
  static final String YELLOW = "\u001b[33m";
  static final String BLUE = "\u001b[34m";
  static final String MAGENTA = "\u001b[35m";
  static final String CYAN = "\u001b[36m";

  private final boolean on;

  Ansi(boolean on) {
    this.on = on;
  }

  boolean on() {
    return on;
  }

  /** {@code text} in the given style, reset afterwards. */
  String paint(String style, String text) {
    return on && style != null ? style + text + RESET : text;
  }

  /**
   * A 24-bit foreground colour from {@code #RRGGBB}, or {@code fallback} when the value is not one.
   */
  static String rgb(String hex, String fallback) {
    if (hex == null || !hex.matches("#[0-9a-fA-F]{6}")) {
      return fallback;
    }
    int v = Integer.parseInt(hex.substring(1), 16);
    return "\u001b[38;2;" + (v >> 16 & 0xff) + ";" + (v >> 8 & 0xff) + ";" + (v & 0xff) + "m";
  }
}
