package io.telemetra.produce;

import io.telemetra.event.Event;
import io.telemetra.event.EventType;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a run produced. Only acknowledged sends count as produced, as in Kafka's
 * ProducerPerformance: the summary never claims an event that is not in Kafka.
 */
public final class ProduceStats implements ProduceListener {
  private final Map<EventType, LongAdder> acked = new EnumMap<>(EventType.class);
  private final Map<EventType, LongAdder> bytes = new EnumMap<>(EventType.class);
  private final LongAdder failed = new LongAdder();
  private final LongAdder retries = new LongAdder();
  private final AtomicLong sent = new AtomicLong();
  private final LatencyHistogram latency = new LatencyHistogram();

  public ProduceStats() {
    for (EventType t : EventType.values()) {
      acked.put(t, new LongAdder());
      bytes.put(t, new LongAdder());
    }
  }

  /** Called when an event is handed to the sink. */
  public void onSent() {
    sent.incrementAndGet();
  }

  @Override
  public void onAcknowledged(
      Event event, String topic, long sequence, int size, long latencyNanos) {
    acked.get(event.type()).increment();
    bytes.get(event.type()).add(size);
    latency.record(latencyNanos);
  }

  @Override
  public void onFailed(Event event, String topic, Exception error) {
    failed.increment();
  }

  @Override
  public void onRetry(String topic, Exception error) {
    retries.increment();
  }

  public long acknowledged(EventType type) {
    return acked.get(type).sum();
  }

  public long bytes(EventType type) {
    return bytes.get(type).sum();
  }

  public long acknowledged() {
    long n = 0;
    for (LongAdder a : acked.values()) {
      n += a.sum();
    }
    return n;
  }

  public long totalBytes() {
    long n = 0;
    for (LongAdder a : bytes.values()) {
      n += a.sum();
    }
    return n;
  }

  public long sent() {
    return sent.get();
  }

  public long failed() {
    return failed.sum();
  }

  public long retries() {
    return retries.sum();
  }

  /** Sent but neither acknowledged nor failed yet. */
  public long pending() {
    return sent.get() - acknowledged() - failed();
  }

  public LatencyHistogram latency() {
    return latency;
  }
}
