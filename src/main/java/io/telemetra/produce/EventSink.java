package io.telemetra.produce;

/** Where produced events go (Kafka, or standard output). Outcomes are reported to the listener. */
public interface EventSink extends AutoCloseable {

  /**
   * Hands one record to the sink. May block while the sink is full (back-pressure); returns once
   * the sink has taken the record. Throws {@link FatalSinkException} when the sink can never accept
   * records again (e.g. authentication failed).
   */
  void send(OutgoingRecord record) throws InterruptedException;

  /** Blocks until every record handed over so far is acknowledged or failed. */
  void flush();

  @Override
  void close();
}
