package io.telemetra.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.telemetra.cli.ProduceCommand;
import io.telemetra.config.Rate;
import io.telemetra.config.Settings;
import io.telemetra.config.SettingsParser;
import io.telemetra.event.Event;
import io.telemetra.event.EventType;
import io.telemetra.sim.EventSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProducerMetricsTest {
  private static final Settings SETTINGS =
      new SettingsParser(Map.of("SEED", "7", "CHANNEL_COUNT", "5"), Map.of()).parse();

  private final FakeTicker ticker = new FakeTicker();
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final HealthCheck health = new HealthCheck(ticker, Duration.ofSeconds(30), () -> 0);
  private final RateMeter rate = new RateMeter(ticker, () -> 0, Duration.ofSeconds(5), 7);
  private final AtomicReference<EventSource> source = new AtomicReference<>();

  private ProducerMetrics metrics(boolean perChannel, Rate target) {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("run_id", "r-1");
    info.put("seed", "7");
    info.put("sink", "kafka");
    return new ProducerMetrics(
        registry,
        perChannel,
        new ProducerMetrics.RunView(source::get, () -> 3, target, 5),
        rate,
        health,
        info);
  }

  private PromText scrape() {
    return PromText.parse(PrometheusTextFormatWriter.create().toDebugString(registry.scrape()));
  }

  private static List<Event> events(int n) {
    EventSource sim = ProduceCommand.simulation(SETTINGS);
    List<Event> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(sim.next(1_790_000_000_000L + i * 10L));
    }
    return out;
  }

  @Test
  void onAcknowledged_countsEventsBytesAndLatencyByTopicAndType() {
    ProducerMetrics m = metrics(false, new Rate(100));
    Map<EventType, long[]> expected = new EnumMap<>(EventType.class);
    for (Event e : events(500)) {
      m.onAcknowledged(e, SETTINGS.topic(e.type()), 0, 100, 2_000_000);
      long[] x = expected.computeIfAbsent(e.type(), t -> new long[2]);
      x[0]++;
      x[1] += 100;
    }

    PromText p = scrape();

    for (Map.Entry<EventType, long[]> e : expected.entrySet()) {
      Map<String, String> labels =
          Map.of("topic", SETTINGS.topic(e.getKey()), "type", e.getKey().topicSuffix());
      assertThat(p.value("telemetra_events_produced_total", labels)).isEqualTo(e.getValue()[0]);
      assertThat(p.value("telemetra_produced_bytes_total", labels)).isEqualTo(e.getValue()[1]);
    }
    assertThat(p.value("telemetra_send_latency_seconds_count")).isEqualTo(500);
    assertThat(p.value("telemetra_send_latency_seconds_bucket", Map.of("le", "0.001"))).isZero();
    assertThat(p.value("telemetra_send_latency_seconds_bucket", Map.of("le", "0.0025")))
        .isEqualTo(500);
    assertThat(p.has("telemetra_channel_events_produced_total")).isFalse();
  }

  @Test
  void initTopic_beforeAnyEvent_exportsZero() {
    ProducerMetrics m = metrics(false, new Rate(100));

    m.initTopic("p.chat", EventType.CHAT);

    assertThat(
            scrape()
                .value(
                    "telemetra_events_produced_total", Map.of("topic", "p.chat", "type", "chat")))
        .isZero();
  }

  @Test
  void onFailed_countsByExceptionSimpleName() {
    ProducerMetrics m = metrics(false, new Rate(100));
    Event e = events(1).get(0);

    m.onFailed(e, "t", new org.apache.kafka.common.errors.TimeoutException("x"));
    m.onFailed(e, "t", new org.apache.kafka.common.errors.TimeoutException("y"));
    m.onFailed(e, "t", new org.apache.kafka.common.errors.RecordTooLargeException("z"));

    PromText p = scrape();
    assertThat(p.value("telemetra_send_errors_total", Map.of("kind", "TimeoutException")))
        .isEqualTo(2);
    assertThat(p.value("telemetra_send_errors_total", Map.of("kind", "RecordTooLargeException")))
        .isEqualTo(1);
  }

  @Test
  void kind_anonymousClass_usesTheBinaryName() {
    Exception anonymous =
        new RuntimeException() {
          private static final long serialVersionUID = 1L;
        };

    assertThat(ProducerMetrics.kind(anonymous)).isEqualTo("ProducerMetricsTest$1");
    assertThat(ProducerMetrics.kind(null)).isEqualTo("unknown");
  }

  @Test
  void countError_moreKindsThanTheLimit_foldsTheRestIntoOther() {
    ProducerMetrics m = metrics(false, new Rate(100));
    for (int i = 0; i < 30; i++) {
      m.countError("Kind" + i);
    }
    m.countError("Kind0");
    m.countError("Kind29");

    PromText p = scrape();

    assertThat(p.samples("telemetra_send_errors_total"))
        .hasSize(ProducerMetrics.MAX_ERROR_KINDS + 1);
    assertThat(p.value("telemetra_send_errors_total", Map.of("kind", "Kind0"))).isEqualTo(2);
    assertThat(p.value("telemetra_send_errors_total", Map.of("kind", "other")))
        .isEqualTo(30 - ProducerMetrics.MAX_ERROR_KINDS + 1);
    assertThat(p.sum("telemetra_send_errors_total")).isEqualTo(32);
  }

  @Test
  void onRetry_countsRetries() {
    ProducerMetrics m = metrics(false, new Rate(100));

    m.onRetry("t", new RuntimeException());
    m.onRetry("t", new RuntimeException());

    assertThat(scrape().value("telemetra_send_retries_total")).isEqualTo(2);
  }

  @Test
  void perChannel_enabled_countsEachChannelAndTypeAndSumsToTheTotal() {
    ProducerMetrics m = metrics(true, new Rate(100));
    Set<String> channels = new HashSet<>();
    for (Event e : events(300)) {
      m.onAcknowledged(e, SETTINGS.topic(e.type()), 0, 10, 1000);
      channels.add(e.channel());
    }

    PromText p = scrape();

    assertThat(p.sum("telemetra_channel_events_produced_total")).isEqualTo(300);
    assertThat(
            p.samples("telemetra_channel_events_produced_total").stream()
                .map(s -> s.labels().get("channel")))
        .isSubsetOf(channels);
  }

  @Test
  void countChannel_moreChannelsThanTheLimit_foldsTheRestIntoOther() {
    ProducerMetrics m = metrics(true, new Rate(100));
    int extra = 5;
    for (int i = 0; i < ProducerMetrics.MAX_CHANNELS + extra; i++) {
      m.countChannel("channel_" + i, EventType.CHAT);
    }
    m.countChannel("channel_0", EventType.VIEWER);
    m.countChannel("channel_" + (ProducerMetrics.MAX_CHANNELS + 1), EventType.VIEWER);

    PromText p = scrape();

    assertThat(p.samples("telemetra_channel_events_produced_total"))
        .hasSize(ProducerMetrics.MAX_CHANNELS + 3); // + channel_0 viewer, other chat, other viewer
    assertThat(
            p.value(
                "telemetra_channel_events_produced_total",
                Map.of("channel", "_other", "type", "chat")))
        .isEqualTo(extra);
    assertThat(
            p.value(
                "telemetra_channel_events_produced_total",
                Map.of("channel", "_other", "type", "viewer")))
        .isEqualTo(1);
    assertThat(
            p.value(
                "telemetra_channel_events_produced_total",
                Map.of("channel", "channel_0", "type", "viewer")))
        .isEqualTo(1);
    assertThat(p.sum("telemetra_channel_events_produced_total"))
        .isEqualTo(ProducerMetrics.MAX_CHANNELS + extra + 2);
  }

  @Test
  void gauges_fixedRate_reportTargetPendingChannelsAndRunInfo() {
    metrics(false, new Rate(250));

    PromText p = scrape();

    assertThat(p.value("telemetra_target_rate_events_per_second")).isEqualTo(250);
    assertThat(p.value("telemetra_events_pending")).isEqualTo(3);
    assertThat(p.value("telemetra_channels")).isEqualTo(5);
    assertThat(p.value("telemetra_current_rate_events_per_second")).isZero();
    assertThat(p.value("telemetra_run_info", Map.of("run_id", "r-1", "seed", "7", "sink", "kafka")))
        .isEqualTo(1);
    assertThat(p.value("telemetra_kafka_connected")).isZero(); // not connected yet
    assertThat(p.value("telemetra_healthy")).isEqualTo(1); // starting
  }

  @Test
  void targetRate_max_isAbsent() {
    metrics(false, Rate.MAX);

    assertThat(scrape().has("telemetra_target_rate_events_per_second")).isFalse();
  }

  @Test
  void simulationGauges_noSourceYet_areAbsent() {
    metrics(false, new Rate(100));

    PromText p = scrape();

    assertThat(p.has("telemetra_live_channels")).isFalse();
    assertThat(p.has("telemetra_simulated_viewers")).isFalse();
  }

  @Test
  void simulationGauges_sourceRunning_reportLiveChannelsAndViewers() {
    metrics(false, new Rate(100));
    source.set(
        new EventSource() {
          @Override
          public Event next(long atMillis) {
            throw new UnsupportedOperationException();
          }

          @Override
          public double naturalRatePerSecond() {
            return 1;
          }

          @Override
          public int liveChannels() {
            return 3;
          }

          @Override
          public long totalViewers() {
            return 12_345;
          }
        });

    PromText p = scrape();

    assertThat(p.value("telemetra_live_channels")).isEqualTo(3);
    assertThat(p.value("telemetra_simulated_viewers")).isEqualTo(12_345);
  }
}
