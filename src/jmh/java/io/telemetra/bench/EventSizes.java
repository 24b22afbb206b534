package io.telemetra.bench;

import io.telemetra.event.Event;
import io.telemetra.event.EventJson;
import io.telemetra.event.EventType;
import io.telemetra.sim.EventSource;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Bytes per event (the JSON value of a Kafka record) per type and for the mix, over the first
 * {@code n} events of seed 42 with {@code channels} channels, spaced as in backfill. Usage: {@code
 * EventSizes [n] [channels]}.
 */
public final class EventSizes {
  private EventSizes() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int channels = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    EventSource source = Sources.source(Sources.settings("mix", channels, 42, Map.of()));
    EventJson json = new EventJson();
    Map<EventType, long[]> sizes = new EnumMap<>(EventType.class);
    long start = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    double slot = Sources.slotMillis(source);
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      Event e = source.next(start + (long) (i * slot));
      if (e == null) {
        continue; // another shard's slot
      }
      int size = json.toBytes(e).length;
      long[] s = sizes.computeIfAbsent(e.type(), t -> new long[2]);
      s[0]++;
      s[1] += size;
      bytes += size;
    }
    System.out.printf(Locale.ROOT, "| type | share of mix | bytes/event |%n|---|---:|---:|%n");
    for (Map.Entry<EventType, long[]> e : sizes.entrySet()) {
      long[] s = e.getValue();
      System.out.printf(
          Locale.ROOT,
          "| %s | %.2f%% | %.1f |%n",
          e.getKey().topicSuffix(),
          100.0 * s[0] / n,
          (double) s[1] / s[0]);
    }
    System.out.printf(Locale.ROOT, "| mix | 100%% | %.1f |%n", (double) bytes / n);
  }
}
