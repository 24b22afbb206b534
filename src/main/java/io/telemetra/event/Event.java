package io.telemetra.event;

/**
 * One simulated event. Implementations are immutable records whose JSON form is defined by the
 * schema of their {@link #type()} under {@code schemas/}.
 */
public sealed interface Event permits ChatMessage, ViewerCount, Transaction, StreamMeta {

  EventType type();

  /** The channel login; also the Kafka record key. */
  String channel();

  /** Simulated time of the event, epoch milliseconds UTC. */
  long timestampMillis();
}
