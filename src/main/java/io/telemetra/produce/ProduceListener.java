package io.telemetra.produce;

import io.telemetra.event.Event;

/**
 * Observes a produce run: metrics and the manifest plug in here. Callbacks may come from Kafka's
 * I/O thread: implementations must be thread-safe and fast.
 */
public interface ProduceListener {

  /** The event was acknowledged by the sink (for Kafka: written to all in-sync replicas). */
  default void onAcknowledged(
      Event event, String topic, long sequence, int bytes, long latencyNanos) {}

  /** The event could not be delivered after the client's retries. */
  default void onFailed(Event event, String topic, Exception error) {}

  /** A send was retried after the client refused it (e.g. buffer full while Kafka is down). */
  default void onRetry(String topic, Exception error) {}

  /** Whether the sink is currently reachable (called on every change). */
  default void onConnectionState(boolean connected) {}

  /** The run ended: {@code failed} when it ended because of an error. */
  default void onFinished(boolean failed) {}
}
