package io.telemetra.metrics;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.telemetra.config.Settings;
import io.telemetra.event.EventType;
import io.telemetra.produce.ProduceRun;
import io.telemetra.produce.Ticker;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Metrics and health for one produce run: a fresh {@link PrometheusRegistry} with the producer's
 * metrics and the JVM's, a {@link HealthCheck}, a sampler thread (once a second, for the rate and
 * the health check) and the HTTP endpoint on METRICS_PORT.
 *
 * <p>Attach before {@link ProduceRun#run()}, close after. With METRICS_PORT 0 (or off) nothing is
 * served, but the registry and health check still work. A port that cannot be bound is logged as an
 * error and the run goes on without the endpoint: producing matters more than watching it, and the
 * failing health check makes the problem visible.
 */
public final class Monitoring implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Monitoring.class);

  /** The window of telemetra_current_rate_events_per_second. */
  static final Duration RATE_WINDOW = Duration.ofSeconds(5);

  private final PrometheusRegistry registry;
  private final HealthCheck health;
  private final RateMeter rate;
  private final ScheduledExecutorService sampler;
  private final MetricsServer server;

  private Monitoring(
      PrometheusRegistry registry,
      HealthCheck health,
      RateMeter rate,
      ScheduledExecutorService sampler,
      MetricsServer server) {
    this.registry = registry;
    this.health = health;
    this.rate = rate;
    this.sampler = sampler;
    this.server = server;
  }

  /**
   * Registers the metrics, adds the listeners to {@code run}, and starts the sampler and (if
   * enabled) the endpoint.
   */
  public static Monitoring attach(ProduceRun run, Ticker ticker) {
    Settings settings = run.settings();
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    HealthCheck health =
        new HealthCheck(ticker, settings.healthUnreachableThreshold(), () -> run.stats().pending());
    RateMeter rate =
        new RateMeter(
            ticker,
            () -> run.stats().acknowledged(),
            RATE_WINDOW,
            (int) RATE_WINDOW.toSeconds() + 2);
    Map<String, String> info = new LinkedHashMap<>();
    info.put("run_id", run.runId());
    info.put("seed", Long.toString(settings.seed()));
    info.put("sink", settings.sink().name().toLowerCase(Locale.ROOT));
    ProducerMetrics metrics =
        new ProducerMetrics(
            registry,
            settings.metricsPerChannel(),
            new ProducerMetrics.RunView(
                run::source,
                () -> run.stats().pending(),
                settings.rate(),
                settings.effectiveChannelCount()),
            rate,
            health,
            info);
    for (EventType t : EventType.values()) {
      if (settings.enabledTypes().contains(t)) {
        metrics.initTopic(settings.topic(t), t);
      }
    }
    run.addListener(metrics).addListener(health);
    ScheduledExecutorService sampler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "telemetra-metrics-sampler");
              t.setDaemon(true);
              return t;
            });
    sampler.scheduleAtFixedRate(
        () -> {
          rate.sample();
          health.sample();
        },
        1,
        1,
        TimeUnit.SECONDS);
    MetricsServer server = null;
    int port = settings.metricsPort();
    if (port == 0) {
      LOG.info("METRICS_PORT is off: no /metrics or /health endpoint");
    } else {
      try {
        server = MetricsServer.start(port, registry, health::sample);
        LOG.info(
            "Serving metrics on http://0.0.0.0:{}/metrics and health on /health", server.port());
      } catch (IOException | RuntimeException e) {
        LOG.error(
            "Cannot serve metrics on port {} ({}): going on without /metrics and /health; "
                + "set METRICS_PORT to a free port, or to off",
            port,
            e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
    return new Monitoring(registry, health, rate, sampler, server);
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public HealthCheck health() {
    return health;
  }

  /** The bound port, or -1 when nothing is served. */
  public int port() {
    return server == null ? -1 : server.port();
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    if (server != null) {
      server.close();
    }
  }

  RateMeter rate() {
    return rate;
  }
}
