package io.telemetra.produce;

import io.telemetra.cli.ExitCodes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records to Kafka with a {@link KafkaProducer}. Keys are channel logins (so a channel's
 * events stay in order on one partition), values the event's JSON bytes, and every record carries
 * the verification {@link Headers}.
 *
 * <p>A send the client refuses for a retriable reason (buffer full or metadata unavailable while
 * Kafka is down) is retried here with back-off until it is accepted or the run stops: events are
 * never dropped silently. A record that fails after the client's own retries is counted and logged;
 * authentication and authorization failures end the run.
 */
public final class KafkaSink implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaSink.class);

  private final Producer<String, byte[]> producer;
  private final ProduceListener listener;
  private final byte[] runId;
  private final byte[] shard;
  private final Map<String, byte[]> typeHeaders = new ConcurrentHashMap<>();
  private final Map<String, Boolean> loggedErrorKinds = new ConcurrentHashMap<>();
  private final AtomicReference<FatalSinkException> fatal = new AtomicReference<>();
  private volatile boolean stopping;

  /**
   * The producer settings, chosen for safety first and throughput second. {@code overrides} (the
   * user's properties file and KAFKA_CLIENT_* variables) win over these defaults.
   */
  public static Map<String, Object> producerConfig(
      String bootstrapServers, String clientId, Map<String, String> overrides) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    // Durability: a record is acknowledged only once every in-sync replica has it.
    c.put(ProducerConfig.ACKS_CONFIG, "all");
    // No duplicates and no reordering when the client retries after a broker hiccup.
    c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // The most requests in flight that idempotence still keeps in order.
    c.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    // JSON compresses 4-6x; lz4 does it at the lowest CPU cost of Kafka's codecs.
    c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    // Wait up to 5 ms to fill batches: far fewer requests for a few ms of latency.
    c.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // 128 KiB batches (default 16 KiB) amortise per-request overhead at high rates.
    c.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
    // 64 MiB of buffer rides out short broker stalls before send() blocks.
    c.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    // Keep retrying a record for up to 5 minutes, so a broker restart loses nothing.
    c.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
    // send() blocks at most 10 s when the buffer is full; this class then retries the send.
    c.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    c.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    c.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    c.putAll(overrides);
    return c;
  }

  /**
   * Keeps batches no larger than the smallest {@code max.message.bytes} of the topics, unless the
   * user set {@code batch.size}. Otherwise a topic with a small limit makes the client split an
   * over-large batch into batches of {@code batch.size} again and again (the same batch, once more)
   * until the delivery timeout, logging a warning per attempt, instead of failing only the records
   * that really are too large.
   */
  static void capBatchSize(
      Map<String, Object> config, int smallestMaxMessageBytes, Map<String, String> overrides) {
    if (smallestMaxMessageBytes <= 0 || overrides.containsKey(ProducerConfig.BATCH_SIZE_CONFIG)) {
      return;
    }
    int current = Integer.parseInt(String.valueOf(config.get(ProducerConfig.BATCH_SIZE_CONFIG)));
    if (smallestMaxMessageBytes < current) {
      config.put(ProducerConfig.BATCH_SIZE_CONFIG, smallestMaxMessageBytes);
      LOG.info(
          "A topic accepts at most {} bytes per record batch (max.message.bytes): producing in batches of at most that size",
          smallestMaxMessageBytes);
    }
  }

  public KafkaSink(
      Map<String, Object> config, String runId, String shard, ProduceListener listener) {
    this(new KafkaProducer<>(config), runId, shard, listener);
  }

  /** For tests: any {@link Producer}, e.g. Kafka's {@code MockProducer}. */
  public KafkaSink(
      Producer<String, byte[]> producer, String runId, String shard, ProduceListener listener) {
    this.producer = producer;
    this.listener = listener;
    this.runId = runId.getBytes(StandardCharsets.UTF_8);
    this.shard = shard == null ? null : shard.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void send(OutgoingRecord r) throws InterruptedException {
    FatalSinkException f = fatal.get();
    if (f != null) {
      throw f;
    }
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(r.topic(), r.key(), r.value());
    record.headers().add(new RecordHeader(Headers.RUN_ID, runId));
    record
        .headers()
        .add(
            new RecordHeader(
                Headers.SEQUENCE, Long.toString(r.sequence()).getBytes(StandardCharsets.US_ASCII)));
    record
        .headers()
        .add(
            new RecordHeader(
                Headers.EVENT_TYPE,
                typeHeaders.computeIfAbsent(
                    r.event().type().topicSuffix(), s -> s.getBytes(StandardCharsets.UTF_8))));
    if (shard != null) {
      record.headers().add(new RecordHeader(Headers.SHARD, shard));
    }
    long backoffMs = 100;
    Thread caller = Thread.currentThread();
    while (true) {
      long start = System.nanoTime();
      Exception[] refused = new Exception[1];
      try {
        producer.send(
            record,
            (metadata, error) -> {
              if (error == null) {
                listener.onAcknowledged(
                    r.event(),
                    r.topic(),
                    r.sequence(),
                    r.value().length,
                    System.nanoTime() - start);
              } else if (Thread.currentThread() == caller && refusedBeforeAppend(error)) {
                // Called back inside send(): the record never entered the buffer. Retry it below.
                refused[0] = error;
              } else {
                onSendError(r, error);
              }
            });
      } catch (AuthenticationException | AuthorizationException e) {
        throw fatal(e);
      } catch (RetriableException e) {
        refused[0] = e;
      }
      if (refused[0] == null) {
        return;
      }
      if (refused[0] instanceof AuthenticationException
          || refused[0] instanceof AuthorizationException) {
        throw fatal(refused[0]);
      }
      // Not accepted, so nothing is lost yet: wait and offer the same record again.
      listener.onRetry(r.topic(), refused[0]);
      logOnce(
          "send-retry",
          "Kafka is not accepting records ({}); retrying, nothing is dropped",
          refused[0].getMessage());
      if (stopping) {
        listener.onFailed(r.event(), r.topic(), refused[0]);
        return;
      }
      Thread.sleep(backoffMs);
      backoffMs = Math.min(backoffMs * 2, 5_000);
    }
  }

  /** Errors KafkaProducer reports from inside send(), before the record is buffered. */
  private static boolean refusedBeforeAppend(Exception error) {
    return error instanceof RetriableException
        || error instanceof AuthenticationException
        || error instanceof AuthorizationException;
  }

  private void onSendError(OutgoingRecord r, Exception error) {
    listener.onFailed(r.event(), r.topic(), error);
    if (error instanceof AuthenticationException || error instanceof AuthorizationException) {
      fatal.compareAndSet(null, fatal(error));
      return;
    }
    String kind = error.getClass().getSimpleName();
    logOnce(
        kind,
        "Send to {} failed after retries: {} ({}); counted as an error",
        r.topic(),
        error.getMessage(),
        kind);
  }

  private FatalSinkException fatal(Exception e) {
    int code = e instanceof AuthenticationException ? ExitCodes.AUTHENTICATION : ExitCodes.RUNTIME;
    return new FatalSinkException("Kafka refused the producer: " + e.getMessage(), code, e);
  }

  private void logOnce(String kind, String format, Object... args) {
    if (loggedErrorKinds.putIfAbsent(kind, Boolean.TRUE) == null) {
      LOG.warn(format, args);
    } else {
      LOG.debug(format, args);
    }
  }

  /**
   * Fetches the metadata of {@code topics} now. Otherwise the first send() to each topic blocks
   * until it arrives, the paced loop falls behind and then catches up in a burst: the first second
   * of a run at 10,000/s went out at a fraction of the rate (bench/rate.sh). Best effort: if it
   * cannot be had yet, the first send waits for it as before.
   */
  public void fetchMetadata(Iterable<String> topics) {
    for (String topic : topics) {
      try {
        producer.partitionsFor(topic);
      } catch (RuntimeException e) {
        LOG.debug("No metadata for {} yet: {}", topic, e.toString());
      }
    }
  }

  /** A fatal error seen in a callback since the last send, if any. */
  public FatalSinkException fatalError() {
    return fatal.get();
  }

  /** Stop retrying refused sends: the run is shutting down. */
  public void stopping() {
    stopping = true;
  }

  @Override
  public void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
