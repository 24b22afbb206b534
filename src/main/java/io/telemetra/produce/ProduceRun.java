package io.telemetra.produce;

import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.ExitCodes;
import io.telemetra.config.Settings;
import io.telemetra.event.Event;
import io.telemetra.event.EventJson;
import io.telemetra.event.EventType;
import io.telemetra.sim.EventSource;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of {@code telemetra produce}: settings -> simulation -> pacing -> sink -> statistics.
 *
 * <p>Stops on MAX_EVENTS, DURATION, the end of a backfill span, {@link #requestStop()} (the signal
 * handler) or a fatal sink error; then stops generating, flushes, closes and logs a summary. Only
 * acknowledged events are counted as produced.
 */
public final class ProduceRun {
  private static final Logger LOG = LoggerFactory.getLogger(ProduceRun.class);

  private final Settings settings;
  private final Clock clock;
  private final Ticker ticker;
  private final OutputStream stdout;
  private final Function<Settings, EventSource> sourceFactory;
  private final List<ProduceListener> listeners = new ArrayList<>();
  private final ProduceStats stats = new ProduceStats();
  private final String runId = UUID.randomUUID().toString();
  private final CountDownLatch finished = new CountDownLatch(1);
  private final Map<EventType, Map<String, long[]>> sequences = new EnumMap<>(EventType.class);
  private volatile boolean stopRequested;
  private volatile EventSource source;
  private volatile String bootstrapServers;
  private volatile EventSink activeSink;
  private long startNanos;
  private long endNanos;

  public ProduceRun(
      Settings settings,
      Clock clock,
      Ticker ticker,
      OutputStream stdout,
      Function<Settings, EventSource> sourceFactory) {
    this.settings = settings;
    this.clock = clock;
    this.ticker = ticker;
    this.stdout = stdout;
    this.sourceFactory = sourceFactory;
    listeners.add(stats);
    for (EventType t : EventType.values()) {
      sequences.put(t, new HashMap<>());
    }
  }

  /** Adds an observer (metrics, manifest). Call before {@link #run()}. */
  public ProduceRun addListener(ProduceListener listener) {
    listeners.add(listener);
    return this;
  }

  public ProduceStats stats() {
    return stats;
  }

  public String runId() {
    return runId;
  }

  public Settings settings() {
    return settings;
  }

  /** The running simulation (null before the run starts), for gauges. */
  public EventSource source() {
    return source;
  }

  /** The cluster in use (null before connecting). */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Asks the run to stop gracefully; returns at once. */
  public void requestStop() {
    stopRequested = true;
    // The loop may be inside send(), retrying a record Kafka will not take while it is down:
    // without this, a stop request would wait for Kafka to come back.
    if (activeSink instanceof KafkaSink k) {
      k.stopping();
    }
  }

  /** Waits until the run has flushed and closed everything. */
  public boolean awaitFinished(Duration timeout) throws InterruptedException {
    return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs to the end and returns the exit code. */
  public int run() throws InterruptedException {
    EmbeddedKafka broker = null;
    ProduceListener all = composite();
    boolean failed = true;
    try {
      if (settings.embeddedBroker()) {
        int port = settings.embeddedBrokerPort();
        if (!EmbeddedKafka.portFree(port)) {
          LOG.error(
              "Port {} is in use, so the embedded Kafka broker cannot start; stop what uses it, set "
                  + "EMBEDDED_BROKER_PORT to another port, or point KAFKA_BOOTSTRAP_SERVERS at a running Kafka",
              port);
          return ExitCodes.KAFKA_UNAVAILABLE;
        }
        broker =
            EmbeddedKafka.builder()
                .port(port)
                .dataDir(settings.embeddedBrokerDataDir())
                .build()
                .start();
        bootstrapServers = broker.bootstrapServers();
        LOG.info(
            "No KAFKA_BOOTSTRAP_SERVERS set: started an embedded Kafka broker (KRaft) on {}",
            bootstrapServers);
      } else {
        bootstrapServers = settings.bootstrapServers();
      }
      EventSink sink = openSink(all);
      activeSink = sink;
      if (stopRequested && sink instanceof KafkaSink k) {
        k.stopping();
      }
      if (sink instanceof KafkaSink k) {
        k.fetchMetadata(settings.enabledTypes().stream().map(settings::topic).toList());
      }
      source = sourceFactory.apply(settings);
      try (EventSink s = sink) {
        all.onConnectionState(true);
        loop(s);
        if (s instanceof KafkaSink k) {
          k.stopping();
        }
        s.flush();
      }
      endNanos = ticker.nanoTime();
      FatalSinkException fatal = sink instanceof KafkaSink k ? k.fatalError() : null;
      if (fatal != null) {
        throw fatal;
      }
      failed = stats.failed() > 0;
      logSummary();
      if (failed) {
        // A run that lost events must not look like a success to the script that started it.
        LOG.error(
            "{} event{} could not be delivered (see the warnings above); exiting with code {}",
            stats.failed(),
            stats.failed() == 1 ? "" : "s",
            ExitCodes.RUNTIME);
        return ExitCodes.RUNTIME;
      }
      return ExitCodes.OK;
    } catch (KafkaUnavailableException e) {
      LOG.error(e.getMessage());
      return ExitCodes.KAFKA_UNAVAILABLE;
    } catch (FatalSinkException e) {
      if (endNanos == 0) {
        endNanos = ticker.nanoTime();
      }
      LOG.error(e.getMessage());
      logSummary();
      return e.exitCode();
    } finally {
      all.onFinished(failed);
      if (broker != null) {
        broker.close();
      }
      finished.countDown();
    }
  }

  private EventSink openSink(ProduceListener all) throws InterruptedException {
    if (settings.sink() == Settings.Sink.STDOUT) {
      return new StdoutSink(stdout, all);
    }
    Map<String, Object> config =
        KafkaSink.producerConfig(
            bootstrapServers,
            "telemetra-producer-" + runId.substring(0, 8),
            settings.clientProperties());
    // A bad client property is a usage error (exit 2), not "Kafka unreachable" after retries.
    KafkaSetup.checkProducerConfig(config);
    KafkaSetup setup = new KafkaSetup(bootstrapServers, settings.clientProperties());
    setup.awaitCluster(settings.connectRetries());
    List<String> topics = new ArrayList<>();
    for (EventType t : EventType.values()) {
      if (settings.enabledTypes().contains(t)) {
        topics.add(settings.topic(t));
      }
    }
    setup.ensureTopics(topics, settings.topicPartitions(), settings.topicReplicationFactor());
    KafkaSink.capBatchSize(
        config, setup.smallestMaxMessageBytes(topics), settings.clientProperties());
    return new KafkaSink(
        config, runId, settings.shard().count() > 1 ? settings.shard().toString() : null, all);
  }

  private void loop(EventSink sink) throws InterruptedException {
    ScheduledExecutorService reporter =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "telemetra-stats");
              t.setDaemon(true);
              return t;
            });
    EventJson json = new EventJson();
    Map<EventType, String> topics = new EnumMap<>(EventType.class);
    for (EventType t : EventType.values()) {
      topics.put(t, settings.topic(t));
    }
    boolean backfill = settings.backfill();
    double rate =
        settings.rate().isMax()
            ? (backfill ? source.naturalRatePerSecond() : 0)
            : settings.rate().perSecond();
    Pacer pacer = new Pacer(backfill ? io.telemetra.config.Rate.MAX : settings.rate(), ticker);
    long simStart = backfill ? settings.from().toEpochMilli() : clock.millis();
    long simEnd = backfill ? settings.to().toEpochMilli() : Long.MAX_VALUE;
    long deadline = settings.duration().isZero() ? Long.MAX_VALUE : settings.duration().toNanos();
    long maxEvents = settings.maxEvents() == 0 ? Long.MAX_VALUE : settings.maxEvents();
    startNanos = ticker.nanoTime();
    long interval = settings.statsInterval().toMillis();
    long[] last = {0, startNanos};
    reporter.scheduleAtFixedRate(() -> logStats(last), interval, interval, TimeUnit.MILLISECONDS);
    LOG.info(
        "Producing {} to {} (rate {}/s{}, {} channels, seed {}){}",
        String.join(", ", settings.enabledTypes().stream().sorted().map(settings::topic).toList()),
        settings.sink() == Settings.Sink.STDOUT ? "standard output" : bootstrapServers,
        settings.rate(),
        backfill ? ", backfill " + settings.from() + " to " + settings.to() : "",
        settings.effectiveChannelCount(),
        settings.seed(),
        settings.maxEvents() > 0 ? "; stopping after " + settings.maxEvents() + " events" : "");
    try {
      long slot = 0;
      while (!stopRequested && slot < maxEvents) {
        if (ticker.nanoTime() - startNanos >= deadline) {
          LOG.info("DURATION {} reached", settings.duration());
          break;
        }
        long at = rate == 0 ? clock.millis() : simStart + (long) (slot * 1000.0 / rate);
        if (at >= simEnd) {
          LOG.info("Backfill reached {}", settings.to());
          break;
        }
        pacer.acquire();
        Event event = source.next(at);
        slot++;
        if (event == null
            || !settings.enabledTypes().contains(event.type())) { // null: another shard's slot
          continue;
        }
        byte[] value = json.toBytes(event);
        long seq =
            sequences.get(event.type()).computeIfAbsent(event.channel(), c -> new long[1])[0]++;
        stats.onSent();
        sink.send(new OutgoingRecord(event, topics.get(event.type()), event.channel(), value, seq));
      }
      if (slot >= maxEvents) {
        LOG.info("MAX_EVENTS {} reached", settings.maxEvents());
      } else if (stopRequested) {
        LOG.info("Stop requested: flushing {} pending events", stats.pending());
      }
    } finally {
      reporter.shutdownNow();
      if (pacer.resets() > 0) {
        // The rate could not be held: say so, or a short run looks like a precise one.
        LOG.warn(
            "Fell more than 1 s behind RATE_PER_SEC {} time(s) (sink or machine too slow); the pacing restarted"
                + " from the current time, so the run produced fewer events than rate x duration",
            pacer.resets());
      }
    }
  }

  private void logStats(long[] last) {
    long now = ticker.nanoTime();
    long acked = stats.acknowledged();
    double rate = (acked - last[0]) * 1e9 / Math.max(1, now - last[1]);
    last[0] = acked;
    last[1] = now;
    StringBuilder sb = new StringBuilder("Stats:");
    for (EventType t : EventType.values()) {
      if (settings.enabledTypes().contains(t)) {
        sb.append(' ').append(t.topicSuffix()).append('=').append(stats.acknowledged(t));
      }
    }
    sb.append(
        String.format(
            Locale.ROOT,
            " total=%d rate=%.1f/s target=%s errors=%d pending=%d",
            acked,
            rate,
            settings.rate(),
            stats.failed(),
            stats.pending()));
    if (stats.retries() > 0) {
      sb.append(" retries=").append(stats.retries());
    }
    LOG.info(sb.toString());
  }

  private void logSummary() {
    double seconds = Math.max(1e-9, (endNanos - startNanos) / 1e9);
    long acked = stats.acknowledged();
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "Summary: %d events produced in %.1f s (%.1f events/s, %.2f MB), %d errors%n",
            acked,
            seconds,
            acked / seconds,
            stats.totalBytes() / 1e6,
            stats.failed()));
    for (EventType t : EventType.values()) {
      if (settings.enabledTypes().contains(t)) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-40s %,12d events %,14d bytes%n",
                settings.topic(t),
                stats.acknowledged(t),
                stats.bytes(t)));
      }
    }
    LatencyHistogram h = stats.latency();
    sb.append(
        String.format(
            Locale.ROOT,
            "  send latency: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, p99.9 %.1f ms",
            h.percentileMillis(50),
            h.percentileMillis(95),
            h.percentileMillis(99),
            h.percentileMillis(99.9)));
    sb.append(String.format(Locale.ROOT, "%n  run id %s, seed %d", runId, settings.seed()));
    LOG.info(sb.toString());
  }

  private ProduceListener composite() {
    List<ProduceListener> copy = List.copyOf(listeners);
    return new ProduceListener() {
      @Override
      public void onAcknowledged(
          Event event, String topic, long sequence, int bytes, long latencyNanos) {
        for (ProduceListener l : copy) {
          l.onAcknowledged(event, topic, sequence, bytes, latencyNanos);
        }
      }

      @Override
      public void onFailed(Event event, String topic, Exception error) {
        for (ProduceListener l : copy) {
          l.onFailed(event, topic, error);
        }
      }

      @Override
      public void onRetry(String topic, Exception error) {
        for (ProduceListener l : copy) {
          l.onRetry(topic, error);
        }
      }

      @Override
      public void onConnectionState(boolean connected) {
        for (ProduceListener l : copy) {
          l.onConnectionState(connected);
        }
      }

      @Override
      public void onFinished(boolean failed) {
        for (ProduceListener l : copy) {
          l.onFinished(failed);
        }
      }
    };
  }
}
