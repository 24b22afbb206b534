package io.telemetra.produce;

/** Kafka could not be reached within the configured retries. */
public class KafkaUnavailableException extends RuntimeException {
  public KafkaUnavailableException(String message) {
    super(message, null, false, false);
  }
}
