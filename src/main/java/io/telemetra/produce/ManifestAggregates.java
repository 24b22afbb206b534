package io.telemetra.produce;

import io.telemetra.event.ChatMessage;
import io.telemetra.event.Event;
import io.telemetra.event.Transaction;
import io.telemetra.event.ViewerCount;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Per-minute aggregates of a run, by event-time minute (UTC): chat messages per channel, revenue in
 * US dollars per transaction type, and peak viewers per channel. The producer's manifest and {@code
 * telemetra consume --verify} compute them with this one class, so the two sides cannot disagree
 * about the rules:
 *
 * <ul>
 *   <li>a chat message counts 1 for its channel in the minute of its timestamp;
 *   <li>a transaction adds its {@code amount} to its {@code transaction_type} when its currency is
 *       USD or absent (the schema defines {@code amount} in US dollars); other currencies are not
 *       summed;
 *   <li>peak viewers is the highest {@code viewer_count} sampled for the channel in that minute.
 * </ul>
 *
 * <p>Not thread-safe: callers synchronise.
 */
public final class ManifestAggregates {
  /** Minute start (epoch ms) to that minute's figures; sorted by time. */
  private final TreeMap<Long, Minute> minutes = new TreeMap<>();

  /** The figures of one minute; maps sorted by key so the JSON and reports are stable. */
  public static final class Minute {
    final TreeMap<String, Long> chatMessages = new TreeMap<>();
    final TreeMap<String, BigDecimal> revenueUsd = new TreeMap<>();
    final TreeMap<String, Long> peakViewers = new TreeMap<>();

    public Map<String, Long> chatMessages() {
      return chatMessages;
    }

    public Map<String, BigDecimal> revenueUsd() {
      return revenueUsd;
    }

    public Map<String, Long> peakViewers() {
      return peakViewers;
    }
  }

  public static long minuteOf(long epochMillis) {
    return Math.floorDiv(epochMillis, 60_000L) * 60_000L;
  }

  private Minute minute(long epochMillis) {
    return minutes.computeIfAbsent(minuteOf(epochMillis), m -> new Minute());
  }

  /** Adds what {@code event} contributes (stream_meta events contribute nothing). */
  public void add(Event event) {
    if (event instanceof ChatMessage c) {
      addChat(c.channel(), c.timestampMillis());
    } else if (event instanceof ViewerCount v) {
      addViewers(v.channel(), v.viewerCount(), v.timestampMillis());
    } else if (event instanceof Transaction t) {
      addTransaction(t.transactionType(), t.amount(), t.currency(), t.timestampMillis());
    }
  }

  public void addChat(String channel, long epochMillis) {
    minute(epochMillis).chatMessages.merge(channel, 1L, Long::sum);
  }

  public void addViewers(String channel, long viewers, long epochMillis) {
    minute(epochMillis).peakViewers.merge(channel, viewers, Math::max);
  }

  public void addTransaction(String type, BigDecimal amount, String currency, long epochMillis) {
    if (amount == null || !(currency == null || "USD".equals(currency))) {
      return;
    }
    minute(epochMillis).revenueUsd.merge(type, amount, BigDecimal::add);
  }

  /** Sets one figure directly (when reading a manifest). */
  void putChat(long minute, String channel, long n) {
    minutes.computeIfAbsent(minute, m -> new Minute()).chatMessages.put(channel, n);
  }

  void putRevenue(long minute, String type, BigDecimal usd) {
    minutes.computeIfAbsent(minute, m -> new Minute()).revenueUsd.put(type, usd);
  }

  void putPeak(long minute, String channel, long viewers) {
    minutes.computeIfAbsent(minute, m -> new Minute()).peakViewers.put(channel, viewers);
  }

  /** Minute start (epoch ms) to figures, in time order. */
  public Map<Long, Minute> minutes() {
    return minutes;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ManifestAggregates other) || other.minutes.size() != minutes.size()) {
      return false;
    }
    for (Map.Entry<Long, Minute> e : minutes.entrySet()) {
      Minute a = e.getValue();
      Minute b = other.minutes.get(e.getKey());
      if (b == null
          || !a.chatMessages.equals(b.chatMessages)
          || !a.peakViewers.equals(b.peakViewers)
          || !sameMoney(a.revenueUsd, b.revenueUsd)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(minutes.keySet());
  }

  /** Equal sums regardless of scale ({@code 5.0} equals {@code 5.00}). */
  public static boolean sameMoney(Map<String, BigDecimal> a, Map<String, BigDecimal> b) {
    if (!a.keySet().equals(b.keySet())) {
      return false;
    }
    for (Map.Entry<String, BigDecimal> e : a.entrySet()) {
      if (e.getValue().compareTo(b.get(e.getKey())) != 0) {
        return false;
      }
    }
    return true;
  }
}
