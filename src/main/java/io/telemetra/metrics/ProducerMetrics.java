package io.telemetra.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.telemetra.config.Rate;
import io.telemetra.event.Event;
import io.telemetra.event.EventType;
import io.telemetra.produce.ProduceListener;
import io.telemetra.sim.EventSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The producer's Prometheus metrics, registered in the registry given (one per run, so tests can
 * run several in one JVM). Counters are fed by the {@link ProduceListener} callbacks, which come
 * from Kafka's I/O thread: each does a map look-up and an add. Gauges are read at scrape time.
 * Every label has a bounded set of values: topics and event types (4 each), error kinds (at most
 * {@value #MAX_ERROR_KINDS}, then {@code other}); the per-channel counter exists only when asked
 * for.
 */
public final class ProducerMetrics implements ProduceListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProducerMetrics.class);
  static final int MAX_ERROR_KINDS = 20;

  /**
   * Per-channel series stop growing here (4 series per channel): even when asked for, a million
   * generated channels must not become four million series.
   */
  static final int MAX_CHANNELS = 10_000;

  private static final String OTHER = "other";

  /** Not a Twitch login (those never start with an underscore), so no real channel collides. */
  private static final String OTHER_CHANNEL = "_other";

  /**
   * Histogram buckets in seconds: a healthy cluster acks in 5-50 ms (LINGER_MS is 5); an outage
   * stretches to DELIVERY_TIMEOUT (300 s).
   */
  static final double[] LATENCY_BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300
  };

  /** What the gauges read from the run; all suppliers are called from the HTTP server's thread. */
  public record RunView(
      Supplier<EventSource> source, LongSupplier pending, Rate target, int channels) {}

  private final Counter produced;
  private final Counter bytes;
  private final Counter errors;
  private final Counter retries;
  private final Histogram latency;
  private final Counter perChannel;
  private final Map<String, CounterDataPoint[]> byTopic = new ConcurrentHashMap<>();
  private final Map<String, CounterDataPoint> errorKinds = new ConcurrentHashMap<>();
  private final Map<String, CounterDataPoint[]> byChannel = new ConcurrentHashMap<>();

  /**
   * Registers the metrics.
   *
   * @param channelSeries also count events per channel ({@code
   *     telemetra_channel_events_produced_total})
   * @param run identifies the run in {@code telemetra_run_info}: run id, seed, sink
   */
  public ProducerMetrics(
      PrometheusRegistry registry,
      boolean channelSeries,
      RunView view,
      RateMeter rate,
      HealthCheck health,
      Map<String, String> run) {
    produced =
        Counter.builder()
            .name("telemetra_events_produced_total")
            .help(
                "Events acknowledged by the sink (Kafka: written to all in-sync replicas), by topic and event type")
            .labelNames("topic", "type")
            .register(registry);
    bytes =
        Counter.builder()
            .name("telemetra_produced_bytes_total")
            .help(
                "Bytes of event JSON (record values, before compression) acknowledged by the sink, by topic and event type")
            .unit(Unit.BYTES)
            .labelNames("topic", "type")
            .register(registry);
    errors =
        Counter.builder()
            .name("telemetra_send_errors_total")
            .help(
                "Records that failed after the Kafka client's own retries, by exception class (simple name; "
                    + "at most "
                    + MAX_ERROR_KINDS
                    + " kinds, then 'other')")
            .labelNames("kind")
            .register(registry);
    retries =
        Counter.builder()
            .name("telemetra_send_retries_total")
            .help(
                "Sends the Kafka client refused before buffering them (buffer full, metadata unavailable) and the producer retried")
            .register(registry);
    latency =
        Histogram.builder()
            .name("telemetra_send_latency_seconds")
            .help("Time from handing a record to the Kafka client to its acknowledgement")
            .unit(Unit.SECONDS)
            .classicOnly()
            .classicUpperBounds(LATENCY_BUCKETS)
            .register(registry);
    perChannel =
        channelSeries
            ? Counter.builder()
                .name("telemetra_channel_events_produced_total")
                .help(
                    "Events acknowledged, by channel and event type (only with METRICS_PER_CHANNEL=true)")
                .labelNames("channel", "type")
                .register(registry)
            : null;
    GaugeWithCallback.builder()
        .name("telemetra_events_pending")
        .help("Records handed to the sink and neither acknowledged nor failed yet")
        .callback(cb -> cb.call(view.pending().getAsLong()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("telemetra_current_rate_events_per_second")
        .help("Events acknowledged per second over the last 5 seconds")
        .callback(cb -> cb.call(rate.perSecond()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("telemetra_target_rate_events_per_second")
        .help("The configured RATE_PER_SEC; absent when the rate is 'max'")
        .callback(
            cb -> {
              if (!view.target().isMax()) {
                cb.call(view.target().perSecond());
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("telemetra_channels")
        .help("Channels the simulation runs (live or offline)")
        .callback(cb -> cb.call(view.channels()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("telemetra_live_channels")
        .help("Simulated channels that are live right now")
        .callback(cb -> sourceGauge(view, cb, true))
        .register(registry);
    GaugeWithCallback.builder()
        .name("telemetra_simulated_viewers")
        .help("Sum of simulated viewers across live channels right now")
        .callback(cb -> sourceGauge(view, cb, false))
        .register(registry);
    GaugeWithCallback.builder()
        .name("telemetra_kafka_connected")
        .help(
            "1 while connected to Kafka and it acknowledges waiting records within HEALTH_UNREACHABLE_THRESHOLD, else 0")
        .callback(cb -> cb.call(health.kafkaConnected() ? 1 : 0))
        .register(registry);
    GaugeWithCallback.builder()
        .name("telemetra_kafka_stalled_seconds")
        .help(
            "How long records have been waiting without any acknowledgement (0 while Kafka keeps up)")
        .unit(Unit.SECONDS)
        .callback(cb -> cb.call(health.stalledSeconds()))
        .register(registry);
    GaugeWithCallback.builder()
        .name("telemetra_healthy")
        .help("1 when /health answers 200, 0 when it answers 503")
        .callback(cb -> cb.call(health.sample().healthy() ? 1 : 0))
        .register(registry);
    Info info =
        Info.builder()
            .name("telemetra_run_info")
            .help("The run: its id (the telemetra-run-id record header), seed and sink")
            .labelNames(run.keySet().toArray(String[]::new))
            .register(registry);
    info.setLabelValues(run.values().toArray(String[]::new));
  }

  private static void sourceGauge(RunView view, GaugeWithCallback.Callback cb, boolean live) {
    EventSource s = view.source().get();
    if (s == null) {
      return;
    }
    try {
      cb.call(live ? s.liveChannels() : s.totalViewers());
    } catch (RuntimeException e) {
      // The simulation runs on the producer thread; a read racing with it is skipped, not fatal.
      LOG.debug("Skipped a simulation gauge: {}", e.toString());
    }
  }

  /**
   * Creates the per-topic series at 0 (before the first event), so that rate() and increase() see
   * them start.
   */
  public void initTopic(String topic, EventType type) {
    points(topic, type);
  }

  private CounterDataPoint[] points(String topic, EventType type) {
    return byTopic.computeIfAbsent(
        topic,
        t ->
            new CounterDataPoint[] {
              produced.labelValues(t, type.topicSuffix()), bytes.labelValues(t, type.topicSuffix())
            });
  }

  @Override
  public void onAcknowledged(
      Event event, String topic, long sequence, int size, long latencyNanos) {
    CounterDataPoint[] p = points(topic, event.type());
    p[0].inc();
    p[1].inc(size);
    latency.observe(latencyNanos / 1e9);
    if (perChannel != null) {
      countChannel(event.channel(), event.type());
    }
  }

  /** Per-channel count; past {@value #MAX_CHANNELS} channels the rest share {@code _other}. */
  void countChannel(String channel, EventType type) {
    CounterDataPoint[] c = byChannel.get(channel);
    if (c == null) {
      String label = byChannel.size() >= MAX_CHANNELS ? OTHER_CHANNEL : channel;
      c = byChannel.computeIfAbsent(label, k -> new CounterDataPoint[EventType.values().length]);
    }
    int i = type.ordinal();
    CounterDataPoint point = c[i];
    if (point == null) {
      // A racing thread may do the same: labelValues returns the same data point for the same
      // labels.
      String label = c == byChannel.get(OTHER_CHANNEL) ? OTHER_CHANNEL : channel;
      point = perChannel.labelValues(label, type.topicSuffix());
      c[i] = point;
    }
    point.inc();
  }

  @Override
  public void onFailed(Event event, String topic, Exception error) {
    countError(kind(error));
  }

  /** The label of an error: its class's simple name ({@code TimeoutException}). */
  static String kind(Exception error) {
    if (error == null) {
      return "unknown";
    }
    String simple = error.getClass().getSimpleName();
    if (simple.isEmpty()) {
      // Anonymous class: Outer$1.
      String name = error.getClass().getName();
      simple = name.substring(name.lastIndexOf('.') + 1);
    }
    return simple;
  }

  void countError(String kind) {
    CounterDataPoint p = errorKinds.get(kind);
    if (p == null) {
      p =
          errorKinds.size() >= MAX_ERROR_KINDS
              ? errorKinds.computeIfAbsent(OTHER, errors::labelValues)
              : errorKinds.computeIfAbsent(kind, errors::labelValues);
    }
    p.inc();
  }

  @Override
  public void onRetry(String topic, Exception error) {
    retries.inc();
  }
}
