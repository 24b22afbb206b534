package io.telemetra.produce;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes one JSON envelope per line, {@code {"topic": "...", "key": "...", "value": {...}}}, for
 * piping into jq or files. No Kafka involved; a record counts as acknowledged once written to the
 * stream.
 */
public final class StdoutSink implements EventSink {
  private static final byte[] TOPIC = "{\"topic\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] KEY = "\",\"key\":\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] VALUE = "\",\"value\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] END = "}\n".getBytes(StandardCharsets.UTF_8);

  private final OutputStream out;
  private final ProduceListener listener;

  public StdoutSink(OutputStream out, ProduceListener listener) {
    this.out = new BufferedOutputStream(out, 1 << 16);
    this.listener = listener;
  }

  @Override
  public void send(OutgoingRecord r) {
    long start = System.nanoTime();
    try {
      out.write(TOPIC);
      // Topic names and channel logins are [a-z0-9._-]: nothing to escape.
      out.write(r.topic().getBytes(StandardCharsets.UTF_8));
      out.write(KEY);
      out.write(r.key().getBytes(StandardCharsets.UTF_8));
      out.write(VALUE);
      out.write(r.value());
      out.write(END);
    } catch (IOException e) {
      listener.onFailed(r.event(), r.topic(), e);
      throw new FatalSinkException("cannot write to standard output: " + e.getMessage(), 1, e);
    }
    listener.onAcknowledged(
        r.event(), r.topic(), r.sequence(), r.value().length, System.nanoTime() - start);
  }

  @Override
  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    flush();
  }
}
