package io.telemetra.produce;

/**
 * Kafka record headers the producer stamps on every record, so that consumers can verify a run
 * without touching the event payloads (which stay exactly as the schemas define them).
 */
public final class Headers {
  private Headers() {}

  /** The run's id (a UUID, new for every run), UTF-8. */
  public static final String RUN_ID = "telemetra-run-id";

  /** Sequence number of the record within its (topic, channel), from 0, decimal UTF-8. */
  public static final String SEQUENCE = "telemetra-seq";

  /** The event type (chat, viewer, transactions, stream_meta), UTF-8. */
  public static final String EVENT_TYPE = "telemetra-event-type";

  /** The producing instance's shard, {@code i/n}, UTF-8. */
  public static final String SHARD = "telemetra-shard";
}
