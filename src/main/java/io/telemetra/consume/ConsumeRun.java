package io.telemetra.consume;

import io.telemetra.cli.ExitCodes;
import io.telemetra.event.EventType;
import io.telemetra.produce.Headers;
import io.telemetra.produce.Ticker;
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code telemetra consume}: reads the topics, prints each message (pretty or raw JSON)
 * to the output stream, optionally validates it, and ends with statistics on the error stream. Ends
 * after {@code maxMessages}, after {@code idleTimeout} without a message, or on {@link
 * #requestStop()} (Ctrl-C).
 */
public final class ConsumeRun {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumeRun.class);
  private static final int EXAMPLES = 5;
  private static final long COMMIT_EVERY_NANOS = 5_000_000_000L;
  private static final long TOPIC_CHECK_NANOS = 5_000_000_000L;

  /**
   * @param topics full topic names
   * @param maxMessages 0 = unlimited
   * @param group null = no consumer group (manual assignment of every partition)
   * @param idleTimeout null = wait for messages forever
   * @param statsInterval null = no periodic statistics
   * @param validator null = no validation
   * @param connectRetries retries to reach Kafka at start-up before exit 3
   */
  public record Options(
      String bootstrapServers,
      Map<String, String> clientProperties,
      List<String> topics,
      long maxMessages,
      boolean fromBeginning,
      String group,
      Duration idleTimeout,
      boolean json,
      Duration statsInterval,
      MessageValidator validator,
      boolean color,
      int connectRetries) {}

  private final Options options;
  private final PrintStream out;
  private final PrintStream err;
  private final Ticker ticker;
  private volatile boolean stopRequested;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private long invalid;
  private final List<String> invalidExamples = new ArrayList<>();
  private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
  private final List<String> missing = new ArrayList<>();
  private final List<TopicPartition> assigned = new ArrayList<>();

  public ConsumeRun(Options options, PrintStream out, PrintStream err, Ticker ticker) {
    this.options = options;
    // Buffered, flushed after every poll: a flush per message would cap --json at a few
    // thousand lines per second; UTF-8 whatever the platform charset (badges, emotes).
    this.out =
        new PrintStream(new BufferedOutputStream(out, 1 << 16), false, StandardCharsets.UTF_8);
    this.err = err;
    this.ticker = ticker;
  }

  /** Asks the run to end (with its summary); returns at once. */
  public void requestStop() {
    stopRequested = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  public int run() throws InterruptedException {
    int connected =
        KafkaConsumers.awaitCluster(
            options.bootstrapServers(), options.clientProperties(), options.connectRetries());
    if (connected != ExitCodes.OK) {
      return connected;
    }
    EventFormatter formatter = new EventFormatter(options.color());
    long start = ticker.nanoTime();
    ConsumeStats stats = new ConsumeStats(start);
    try (KafkaConsumer<byte[], byte[]> c =
        KafkaConsumers.create(
            KafkaConsumers.config(
                options.bootstrapServers(),
                options.group(),
                options.fromBeginning(),
                options.clientProperties()))) {
      consumer = c;
      List<TopicPartition> partitions = awaitTopics(c);
      if (partitions.isEmpty()) {
        LOG.error("None of the topics exist: {}", String.join(", ", options.topics()));
        return ExitCodes.RUNTIME;
      }
      List<String> topics = partitions.stream().map(TopicPartition::topic).distinct().toList();
      topics.forEach(stats::register);
      if (options.group() == null) {
        assigned.addAll(partitions);
        c.assign(assigned);
        if (options.fromBeginning()) {
          c.seekToBeginning(partitions);
        } else {
          c.seekToEnd(partitions);
          partitions.forEach(c::position); // fix "the end" now, not at the first poll
        }
      } else {
        c.subscribe(
            options.topics(),
            new ConsumerRebalanceListener() {
              @Override
              public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                commit(c, true);
              }

              @Override
              public void onPartitionsAssigned(Collection<TopicPartition> assigned) {}
            });
      }
      LOG.info(
          "Reading {} from {} ({}{}); Ctrl-C to stop",
          String.join(", ", topics),
          options.bootstrapServers(),
          options.fromBeginning() ? "from the beginning" : "new messages only",
          options.group() == null ? ", no consumer group" : ", group " + options.group());
      loop(c, formatter, stats);
      commit(c, true);
    } catch (AuthenticationException e) {
      LOG.error("Kafka refused the credentials: {}", e.getMessage());
      return ExitCodes.AUTHENTICATION;
    } catch (AuthorizationException e) {
      LOG.error("Kafka refused access: {}", e.getMessage());
      return ExitCodes.RUNTIME;
    } finally {
      consumer = null;
      out.flush();

      err.print(stats.summary(ticker.nanoTime()));
      if (options.validator() != null) {
        err.print(validationSummary(stats.messages()));
      }
      err.flush();
    }
    return invalid > 0 ? ExitCodes.RUNTIME : ExitCodes.OK;
  }

  private void loop(KafkaConsumer<byte[], byte[]> c, EventFormatter formatter, ConsumeStats stats) {
    long max = options.maxMessages() == 0 ? Long.MAX_VALUE : options.maxMessages();
    long lastMessage = ticker.nanoTime();
    long statsEvery =
        options.statsInterval() == null ? Long.MAX_VALUE : options.statsInterval().toNanos();
    long nextStats = options.statsInterval() == null ? Long.MAX_VALUE : lastMessage + statsEvery;
    long idle = options.idleTimeout() == null ? Long.MAX_VALUE : options.idleTimeout().toNanos();
    long count = 0;
    long nextCommit = lastMessage + COMMIT_EVERY_NANOS;
    long nextTopicCheck = lastMessage + TOPIC_CHECK_NANOS;
    try {
      while (!stopRequested && count < max) {
        ConsumerRecords<byte[], byte[]> records = c.poll(Duration.ofMillis(200));
        long now = ticker.nanoTime();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          handle(r, formatter, stats);
          if (++count >= max) {
            break;
          }
        }
        if (!records.isEmpty()) {
          out.flush();
          lastMessage = now;
        } else if (now - lastMessage >= idle) {
          LOG.info("No message for {}: stopping", Durations.human(options.idleTimeout()));
          break;
        }
        if (options.group() == null && !missing.isEmpty() && now >= nextTopicCheck) {
          addNewTopics(c, stats);
          nextTopicCheck = now + TOPIC_CHECK_NANOS;
        }
        if (now >= nextCommit) {
          commit(c, false);
          nextCommit = now + COMMIT_EVERY_NANOS;
        }
        if (now >= nextStats) {
          err.println(stats.periodicLine(now));
          nextStats = now + statsEvery;
        }
      }
      if (count >= max) {
        LOG.info("{} messages read: stopping", count);
      }
    } catch (WakeupException e) {
      // requestStop(): fall through to the summary
    }
  }

  /**
   * The partitions of the topics that exist; when none exists yet, waits for one (up to the idle
   * timeout, or until stopped). The missing ones are remembered and picked up later by {@link
   * #addNewTopics}.
   */
  private List<TopicPartition> awaitTopics(KafkaConsumer<byte[], byte[]> c) {
    long start = ticker.nanoTime();
    long limit = options.idleTimeout() == null ? Long.MAX_VALUE : options.idleTimeout().toNanos();
    boolean logged = false;
    while (true) {
      missing.clear();
      List<TopicPartition> partitions = KafkaConsumers.partitions(c, options.topics(), missing);
      if (!partitions.isEmpty() || stopRequested || ticker.nanoTime() - start >= limit) {
        missing.forEach(
            m -> LOG.info("Topic {} does not exist yet; it will be read once it is created", m));
        return partitions;
      }
      if (!logged) {
        LOG.info(
            "Waiting for {} to be created; Ctrl-C to stop", String.join(", ", options.topics()));
        logged = true;
      }
      try {
        ticker.sleepNanos(TOPIC_CHECK_NANOS / 5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return partitions;
      }
    }
  }

  /** Without a group: starts reading topics that were missing at start-up once they exist. */
  private void addNewTopics(KafkaConsumer<byte[], byte[]> c, ConsumeStats stats) {
    List<String> still = new ArrayList<>();
    List<TopicPartition> fresh = KafkaConsumers.partitions(c, missing, still);
    if (fresh.isEmpty()) {
      return;
    }
    missing.retainAll(still);
    assigned.addAll(fresh);
    c.assign(assigned);
    // A topic created after start-up holds only new messages: read it whole either way.
    c.seekToBeginning(fresh);
    fresh.stream()
        .map(TopicPartition::topic)
        .distinct()
        .forEach(
            t -> {
              stats.register(t);
              LOG.info("Topic {} now exists: reading it", t);
            });
  }

  /** With a group: commits the offsets of the records handled so far (synchronously at the end). */
  private void commit(KafkaConsumer<byte[], byte[]> c, boolean sync) {
    if (options.group() == null || processed.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(processed);
    try {
      if (sync) {
        c.commitSync(offsets, Duration.ofSeconds(10));
      } else {
        c.commitAsync(offsets, null);
      }
    } catch (WakeupException e) {
      c.commitSync(offsets, Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      LOG.warn("Could not commit the offsets of group {}: {}", options.group(), e.getMessage());
    }
  }

  private void handle(
      ConsumerRecord<byte[], byte[]> r, EventFormatter formatter, ConsumeStats stats) {
    if (options.group() != null) {
      processed.put(
          new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
    }
    byte[] value = r.value() == null ? new byte[0] : r.value();
    stats.add(r.topic(), value.length);
    EventType type = typeOf(r);
    if (options.json()) {
      out.write(value, 0, value.length);
      out.write('\n');
    } else if (type == null) {
      out.println("[" + r.topic() + "] " + new String(value, StandardCharsets.UTF_8));
    } else {
      out.println(formatter.format(type, value));
    }
    if (options.validator() != null && type != null) {
      List<String> reasons = options.validator().validate(type, value);
      if (!reasons.isEmpty()) {
        invalid++;
        if (invalidExamples.size() < EXAMPLES) {
          invalidExamples.add(
              r.topic()
                  + "-"
                  + r.partition()
                  + "@"
                  + r.offset()
                  + ": "
                  + String.join("; ", reasons));
        }
      }
    }
  }

  /** From the topic name, else from the event-type header. */
  static EventType typeOf(ConsumerRecord<byte[], byte[]> r) {
    EventType t = EventType.ofTopic(r.topic());
    if (t != null) {
      return t;
    }
    Header h = r.headers().lastHeader(Headers.EVENT_TYPE);
    if (h == null) {
      return null;
    }
    try {
      return EventType.parse(new String(h.value(), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private String validationSummary(long total) {
    StringBuilder sb = new StringBuilder();
    if (invalid == 0) {
      sb.append(
          String.format(java.util.Locale.ROOT, "Validation: all %,d messages valid%n", total));
      return sb.toString();
    }
    sb.append(
        String.format(
            java.util.Locale.ROOT,
            "Validation: %,d of %,d messages invalid; the first %d:%n",
            invalid,
            total,
            invalidExamples.size()));
    invalidExamples.forEach(e -> sb.append("  ").append(e).append(System.lineSeparator()));
    return sb.toString();
  }
}
