package io.telemetra.metrics;

import io.telemetra.event.Event;
import io.telemetra.produce.ProduceListener;
import io.telemetra.produce.Ticker;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a produce run is healthy, for {@code /health}, {@code /healthz} and {@code
 * /readyz}.
 *
 * <p>Kafka counts as unreachable once records have been waiting (pending, or refused and retried)
 * without a single acknowledgement for longer than the threshold, or when the run has not connected
 * within the threshold of start-up. Any acknowledgement resets the clock. Waiting records are seen
 * by {@link #sample()}, which the owner calls about once a second (and every status request calls
 * too): detection therefore takes the threshold plus at most one sample interval. Time comes from a
 * {@link Ticker}, so tests drive it by hand.
 *
 * <p>Callbacks are cheap (a counter and a volatile write) and thread-safe; sampling is
 * synchronized.
 */
public final class HealthCheck implements ProduceListener {
  private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);
  private static final long NONE = Long.MIN_VALUE;

  /** What the run is doing, as reported in the {@code state} field. */
  public enum State {
    /** Connecting to Kafka, within the threshold of start-up. */
    STARTING,
    /** Records are being acknowledged. */
    PRODUCING,
    /** Connected, nothing waiting and nothing acknowledged lately (a very low rate). */
    IDLE,
    /** Records have waited longer than the threshold, or no connection within it. */
    KAFKA_UNREACHABLE,
    /** The run ended with an error. */
    FAILED,
    /** The run ended normally (MAX_EVENTS, DURATION, signal). */
    FINISHED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * One evaluation.
   *
   * @param healthy what {@code /health} answers: 200 when true, else 503
   * @param ready what {@code /readyz} answers: connected and producing (or idle)
   * @param live what {@code /healthz} answers: false only once the run has failed
   */
  public record Status(
      State state,
      boolean healthy,
      boolean ready,
      boolean live,
      String reason,
      long acknowledged,
      long pending,
      double stalledSeconds) {

    /** A small JSON object: status (UP or DOWN, as for /health), state, reason and counts. */
    public String toJson() {
      return "{\"status\":\""
          + (healthy ? "UP" : "DOWN")
          + "\",\"state\":\""
          + state.label()
          + "\",\"reason\":\""
          + escape(reason)
          + "\",\"acknowledged\":"
          + acknowledged
          + ",\"pending\":"
          + pending
          + ",\"stalledSeconds\":"
          + String.format(Locale.ROOT, "%.1f", stalledSeconds)
          + "}";
    }

    private static String escape(String s) {
      StringBuilder sb = new StringBuilder(s.length());
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          case '\n' -> sb.append("\\n");
          default -> {
            if (c < 0x20) {
              sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      return sb.toString();
    }
  }

  private final Ticker ticker;
  private final long thresholdNanos;
  private final Duration threshold;
  private final LongSupplier pending;
  private final long createdNanos;
  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicLong retriesAndFailures = new AtomicLong();
  private volatile long lastAckNanos = NONE;
  private volatile long connectedNanos = NONE;
  private volatile boolean connected;
  private volatile int finished; // 0 running, 1 finished normally, 2 failed

  // Guarded by this.
  private long troubleSinceNanos = NONE;
  private long seenAcknowledged = -1;
  private long seenRetriesAndFailures;
  private State lastState = State.STARTING;
  private long unreachableSinceNanos;

  /**
   * @param threshold how long records may wait without an acknowledgement before Kafka counts as
   *     unreachable
   * @param pending records handed to the sink but neither acknowledged nor failed
   *     (ProduceStats::pending)
   */
  public HealthCheck(Ticker ticker, Duration threshold, LongSupplier pending) {
    this.ticker = ticker;
    this.threshold = threshold;
    this.thresholdNanos = threshold.toNanos();
    this.pending = pending;
    this.createdNanos = ticker.nanoTime();
  }

  @Override
  public void onAcknowledged(
      Event event, String topic, long sequence, int bytes, long latencyNanos) {
    lastAckNanos = ticker.nanoTime();
    acknowledged.incrementAndGet();
  }

  @Override
  public void onFailed(Event event, String topic, Exception error) {
    retriesAndFailures.incrementAndGet();
  }

  @Override
  public void onRetry(String topic, Exception error) {
    retriesAndFailures.incrementAndGet();
  }

  @Override
  public void onConnectionState(boolean connected) {
    if (connected && connectedNanos == NONE) {
      connectedNanos = ticker.nanoTime();
    }
    this.connected = connected;
  }

  @Override
  public void onFinished(boolean failed) {
    finished = failed ? 2 : 1;
  }

  /** Looks at the waiting records now, logs state changes and returns the current status. */
  public synchronized Status sample() {
    long now = ticker.nanoTime();
    long acked = acknowledged.get();
    long troubles = retriesAndFailures.get();
    if (acked != seenAcknowledged) {
      // Progress: whatever waited before has been served.
      seenAcknowledged = acked;
      seenRetriesAndFailures = troubles;
      troubleSinceNanos = NONE;
    }
    long waiting = Math.max(0, pending.getAsLong());
    boolean trouble =
        waiting > 0 || troubles != seenRetriesAndFailures || (connectedNanos != NONE && !connected);
    if (!trouble) {
      troubleSinceNanos = NONE;
    } else if (troubleSinceNanos == NONE) {
      troubleSinceNanos = now;
    }
    double stalled = troubleSinceNanos == NONE ? 0 : (now - troubleSinceNanos) / 1e9;
    Status status = evaluate(now, acked, waiting, stalled);
    logChange(status, now);
    return status;
  }

  private Status evaluate(long now, long acked, long waiting, double stalled) {
    int end = finished;
    if (end == 2) {
      return new Status(
          State.FAILED,
          false,
          false,
          false,
          "the run failed (see the log)",
          acked,
          waiting,
          stalled);
    }
    if (end == 1) {
      return new Status(
          State.FINISHED, false, false, true, "the run has finished", acked, waiting, stalled);
    }
    if (connectedNanos == NONE) {
      double waited = (now - createdNanos) / 1e9;
      if (now - createdNanos > thresholdNanos) {
        return new Status(
            State.KAFKA_UNREACHABLE,
            false,
            false,
            true,
            String.format(
                Locale.ROOT,
                "not connected to Kafka %.1f s after start-up (threshold %s)",
                waited,
                text(threshold)),
            acked,
            waiting,
            waited);
      }
      return new Status(
          State.STARTING, true, false, true, "connecting to Kafka", acked, waiting, 0);
    }
    if (troubleSinceNanos != NONE && now - troubleSinceNanos > thresholdNanos) {
      String reason =
          !connected
              ? String.format(
                  Locale.ROOT,
                  "Kafka disconnected for %.1f s (threshold %s)",
                  stalled,
                  text(threshold))
              : String.format(
                  Locale.ROOT,
                  "no acknowledgement from Kafka for %.1f s with %d records waiting (threshold %s)",
                  stalled,
                  waiting,
                  text(threshold));
      return new Status(
          State.KAFKA_UNREACHABLE, false, false, true, reason, acked, waiting, stalled);
    }
    long last = lastAckNanos;
    if (last != NONE && now - last <= thresholdNanos) {
      return new Status(
          State.PRODUCING,
          true,
          true,
          true,
          String.format(Locale.ROOT, "last acknowledgement %.1f s ago", (now - last) / 1e9),
          acked,
          waiting,
          stalled);
    }
    return new Status(
        State.IDLE,
        true,
        true,
        true,
        "connected; nothing acknowledged lately",
        acked,
        waiting,
        stalled);
  }

  private void logChange(Status status, long now) {
    State before = lastState;
    lastState = status.state();
    if (before == status.state()) {
      return;
    }
    if (status.state() == State.KAFKA_UNREACHABLE) {
      unreachableSinceNanos = now - (long) (status.stalledSeconds() * 1e9);
      LOG.warn("Kafka unreachable: {}; /health now answers 503", status.reason());
    } else if (before == State.KAFKA_UNREACHABLE
        && (status.state() == State.PRODUCING || status.state() == State.IDLE)) {
      LOG.info(
          String.format(
              Locale.ROOT,
              "Kafka reachable again after %.1f s: acknowledgements resumed; /health answers 200",
              (now - unreachableSinceNanos) / 1e9));
    }
  }

  /**
   * Seconds that records have waited without an acknowledgement, as of the last sample (0 when none
   * wait).
   */
  public synchronized double stalledSeconds() {
    return troubleSinceNanos == NONE ? 0 : (ticker.nanoTime() - troubleSinceNanos) / 1e9;
  }

  /**
   * Whether the run is connected and Kafka does not count as unreachable, as of the last sample.
   */
  public synchronized boolean kafkaConnected() {
    return connectedNanos != NONE
        && connected
        && lastState != State.KAFKA_UNREACHABLE
        && finished == 0;
  }

  public Duration threshold() {
    return threshold;
  }

  static String text(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }
}
