package io.telemetra.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.ProduceCommand;
import io.telemetra.config.SettingsParser;
import io.telemetra.metrics.HealthCheck.State;
import io.telemetra.metrics.HealthCheck.Status;
import io.telemetra.produce.ProduceRun;
import io.telemetra.produce.Ticker;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  private static final Status UP = new Status(State.PRODUCING, true, true, true, "ok", 10, 0, 0);
  private static final Status DOWN =
      new Status(State.KAFKA_UNREACHABLE, false, false, true, "gone", 10, 5, 31);
  private static final Status FAILED =
      new Status(State.FAILED, false, false, false, "failed", 10, 0, 0);

  private final AtomicReference<Status> status = new AtomicReference<>(UP);
  private MetricsServer server;

  @BeforeEach
  void start() throws Exception {
    PrometheusRegistry registry = new PrometheusRegistry();
    Counter.builder().name("example_total").help("An example").register(registry).inc(3);
    server = MetricsServer.start(EmbeddedKafka.freePort(), registry, status::get);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return PromText.get(server.port(), path);
  }

  @Test
  void metrics_servesPrometheusTextFormat() throws Exception {
    HttpResponse<String> r = get("/metrics");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(PromText.parse(r.body()).value("example_total")).isEqualTo(3);
  }

  @Test
  void health_followsTheStatus() throws Exception {
    assertThat(get("/health").statusCode()).isEqualTo(200);
    assertThat(get("/health").body()).startsWith("{\"status\":\"UP\",\"state\":\"producing\"");

    status.set(DOWN);

    HttpResponse<String> r = get("/health");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body())
        .startsWith("{\"status\":\"DOWN\",\"state\":\"kafka_unreachable\",\"reason\":\"gone\"");
  }

  @Test
  void readyzAndHealthz_kafkaUnreachable_notReadyButLive() throws Exception {
    status.set(DOWN);

    assertThat(get("/readyz").statusCode()).isEqualTo(503);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void healthz_runFailed_is503() throws Exception {
    status.set(FAILED);

    assertThat(get("/healthz").statusCode()).isEqualTo(503);
  }

  @Test
  void head_health_answersStatusWithoutBody() throws Exception {
    status.set(DOWN);
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void unknownPath_is404AndRootListsTheEndpoints() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
    assertThat(get("/").body()).contains("/metrics", "/health", "/healthz", "/readyz");
  }

  @Test
  void attach_portInUse_goesOnWithoutEndpoint() throws Exception {
    try (ServerSocket busy = new ServerSocket()) {
      busy.bind(new InetSocketAddress("0.0.0.0", 0));
      ProduceRun run =
          new ProduceRun(
              new SettingsParser(
                      Map.of("SINK", "stdout", "METRICS_PORT", String.valueOf(busy.getLocalPort())),
                      Map.of())
                  .parse(),
              Clock.systemUTC(),
              Ticker.SYSTEM,
              OutputStream.nullOutputStream(),
              ProduceCommand::simulation);

      try (Monitoring m = Monitoring.attach(run, Ticker.SYSTEM)) {
        assertThat(m.port()).isEqualTo(-1);
        assertThat(m.health().sample().state()).isEqualTo(State.STARTING);
      }
    }
  }

  @Test
  void attach_portOff_servesNothing() {
    ProduceRun run =
        new ProduceRun(
            new SettingsParser(Map.of("SINK", "stdout", "METRICS_PORT", "off"), Map.of()).parse(),
            Clock.systemUTC(),
            Ticker.SYSTEM,
            OutputStream.nullOutputStream(),
            ProduceCommand::simulation);

    try (Monitoring m = Monitoring.attach(run, Ticker.SYSTEM)) {
      assertThat(m.port()).isEqualTo(-1);
      assertThat(m.registry().scrape().stream().map(s -> s.getMetadata().getName()))
          .contains("telemetra_events_produced");
    }
  }
}
