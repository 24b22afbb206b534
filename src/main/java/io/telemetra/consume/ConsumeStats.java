package io.telemetra.consume;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Messages and bytes per topic, for the periodic line and the final summary. Used by one thread.
 */
public final class ConsumeStats {
  private final Map<String, long[]> byTopic = new LinkedHashMap<>();
  private final long startNanos;
  private long lastNanos;
  private long lastTotal;

  public ConsumeStats(long startNanos) {
    this.startNanos = startNanos;
    this.lastNanos = startNanos;
  }

  public void add(String topic, int bytes) {
    long[] t = byTopic.computeIfAbsent(topic, k -> new long[2]);
    t[0]++;
    t[1] += bytes;
  }

  /** Makes a topic appear in the summary (in registration order) even when nothing came from it. */
  public void register(String topic) {
    byTopic.computeIfAbsent(topic, k -> new long[2]);
  }

  public long messages() {
    return byTopic.values().stream().mapToLong(t -> t[0]).sum();
  }

  public long bytes() {
    return byTopic.values().stream().mapToLong(t -> t[1]).sum();
  }

  public long messages(String topic) {
    long[] t = byTopic.get(topic);
    return t == null ? 0 : t[0];
  }

  /** One line: per topic counts, total and the rate since the previous line. */
  public String periodicLine(long nowNanos) {
    StringBuilder sb = new StringBuilder("Stats:");
    byTopic.forEach((topic, t) -> sb.append(' ').append(topic).append('=').append(t[0]));
    long total = messages();
    double rate = (total - lastTotal) * 1e9 / Math.max(1, nowNanos - lastNanos);
    lastTotal = total;
    lastNanos = nowNanos;
    sb.append(String.format(Locale.ROOT, " total=%d rate=%.1f/s", total, rate));
    return sb.toString();
  }

  /** The final summary: totals, then one row per topic with messages, rate and bytes. */
  public String summary(long nowNanos) {
    double seconds = Math.max(1e-9, (nowNanos - startNanos) / 1e9);
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Consumed %,d messages in %.1f s (%,.1f messages/s, %.2f MB)%n",
            messages(),
            seconds,
            messages() / seconds,
            bytes() / 1e6));
    byTopic.forEach(
        (topic, t) ->
            sb.append(
                String.format(
                    Locale.ROOT,
                    "  %-40s %,12d messages %,12.1f/s %,14d bytes%n",
                    topic,
                    t[0],
                    t[0] / seconds,
                    t[1])));
    return sb.toString();
  }
}
