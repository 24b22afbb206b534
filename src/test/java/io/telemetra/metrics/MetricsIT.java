package io.telemetra.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.broker.EmbeddedKafka;
import io.telemetra.cli.LogConfig;
import io.telemetra.cli.Main;
import io.telemetra.cli.ProduceCommand;
import io.telemetra.config.Settings;
import io.telemetra.config.SettingsParser;
import io.telemetra.event.EventType;
import io.telemetra.produce.KafkaSetup;
import io.telemetra.produce.ProduceRun;
import io.telemetra.produce.Ticker;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Real runs against an in-process broker: /metrics scraped during and after a run agrees with the
 * run's statistics and with the topics' end offsets; /health turns 503 when the broker goes away
 * and 200 when it is back. The broker is shared; the test that stops it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static EmbeddedKafka kafka;
  private static String bootstrap;
  private static ExecutorService runner;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.builder().port(0).build().start();
    bootstrap = kafka.bootstrapServers();
    runner = Executors.newCachedThreadPool();
  }

  @AfterAll
  static void stopBroker() {
    runner.shutdownNow();
    if (kafka != null) {
      kafka.close();
    }
  }

  /**
   * Creates the run's topics and waits until their leader serves requests. Producing right after
   * creation can meet NOT_LEADER_OR_FOLLOWER on the first batch while a later in-flight batch
   * succeeds, which leaves the idempotent producer stuck on OUT_OF_ORDER_SEQUENCE_NUMBER (seen on
   * this loaded machine); these tests are about metrics, so they start from ready topics.
   */
  /**
   * Creates the run's topics (one partition each) and waits until every leader serves them, with
   * the producer's own start-up step, which retries until the new topics' metadata has spread.
   */
  private static void readyTopics(String prefix) throws Exception {
    List<String> topics = List.of(EventType.values()).stream().map(t -> t.topic(prefix)).toList();
    new KafkaSetup(bootstrap, Map.of()).ensureTopics(topics, 1, (short) 1);
  }

  private static Settings settings(String prefix, int metricsPort, Map<String, String> extra) {
    Map<String, String> env =
        new HashMap<>(
            Map.of(
                "KAFKA_BOOTSTRAP_SERVERS",
                bootstrap,
                "TOPIC_PREFIX",
                prefix,
                "TOPIC_PARTITIONS",
                "1",
                "SEED",
                "42",
                "METRICS_PORT",
                String.valueOf(metricsPort),
                "STATS_INTERVAL",
                "1s"));
    env.putAll(extra);
    return new SettingsParser(env, Map.of()).parse();
  }

  private static ProduceRun run(Settings s) {
    return new ProduceRun(
        s,
        Clock.systemUTC(),
        Ticker.SYSTEM,
        OutputStream.nullOutputStream(),
        ProduceCommand::simulation);
  }

  private static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private static HttpResponse<String> get(int port, String path) {
    try {
      return PromText.get(port, path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static PromText scrape(int port) {
    HttpResponse<String> r = get(port, "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    return PromText.parse(r.body());
  }

  private static JsonNode json(HttpResponse<String> r) {
    try {
      return JSON.readTree(r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Order(1)
  void scrape_duringAndAfterRun_countersAgreeWithStatsAndTopicOffsets() throws Exception {
    int port = EmbeddedKafka.freePort();
    readyTopics("it-metrics-counts");
    Settings s =
        settings("it-metrics-counts", port, Map.of("RATE_PER_SEC", "400", "MAX_EVENTS", "2000"));
    ProduceRun run = run(s);
    try (Monitoring monitoring = Monitoring.attach(run, Ticker.SYSTEM)) {
      assertThat(monitoring.port()).isEqualTo(port);
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return run.run();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              },
              runner);

      // During the run: some events counted, never more than were acknowledged so far.
      await(
          "events on /metrics during the run",
          Duration.ofSeconds(30),
          () -> scrape(port).sum("telemetra_events_produced_total") > 0);
      PromText during = scrape(port);
      long ackedAfterScrape = run.stats().acknowledged();
      assertThat(exit).isNotDone();
      assertThat(during.sum("telemetra_events_produced_total"))
          .isBetween(1.0, (double) ackedAfterScrape);
      assertThat(during.value("telemetra_kafka_connected")).isEqualTo(1);
      assertThat(during.value("telemetra_target_rate_events_per_second")).isEqualTo(400);
      assertThat(during.has("jvm_memory_used_bytes")).isTrue();
      HttpResponse<String> health = get(port, "/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(json(health).get("status").asText()).isEqualTo("UP");
      assertThat(get(port, "/readyz").statusCode()).isEqualTo(200);

      assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();

      // After the run (the endpoint is still up until Monitoring closes): exact agreement.
      PromText after = scrape(port);
      Map<String, Long> offsets =
          endOffsets(List.of(EventType.values()).stream().map(s::topic).toList());
      long total = 0;
      for (EventType t : EventType.values()) {
        Map<String, String> labels = Map.of("topic", s.topic(t), "type", t.topicSuffix());
        long produced = (long) after.value("telemetra_events_produced_total", labels);
        assertThat(produced)
            .as("events on %s", s.topic(t))
            .isEqualTo(run.stats().acknowledged(t))
            .isEqualTo(offsets.get(s.topic(t)));
        assertThat((long) after.value("telemetra_produced_bytes_total", labels))
            .isEqualTo(run.stats().bytes(t));
        total += produced;
      }
      assertThat(total).isEqualTo(2000);
      assertThat(after.value("telemetra_send_latency_seconds_count")).isEqualTo(2000);
      assertThat(after.value("telemetra_send_latency_seconds_bucket", Map.of("le", "+Inf")))
          .isEqualTo(2000);
      assertThat(after.value("telemetra_events_pending")).isZero();
      assertThat(after.sum("telemetra_send_errors_total")).isZero();
      assertThat(after.value("telemetra_run_info", Map.of("run_id", run.runId(), "sink", "kafka")))
          .isEqualTo(1);
      assertThat(get(port, "/health").statusCode()).isEqualTo(503); // finished: no longer producing
      assertThat(get(port, "/healthz").statusCode()).isEqualTo(200);
    }
  }

  private static Map<String, Long> endOffsets(List<String> topics) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      for (var d :
          admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
        d.partitions()
            .forEach(
                p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest()));
      }
      return admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet().stream()
          .collect(
              Collectors.groupingBy(
                  e -> e.getKey().topic(), Collectors.summingLong(e -> e.getValue().offset())));
    }
  }

  @Test
  @Order(2)
  void produceCommand_metricsPortSet_servesHealthDuringTheRunAndStopsAfter() throws Exception {
    int port = EmbeddedKafka.freePort();
    readyTopics("it-metrics-cli");
    String secret = "jaas-pw-never-logged-7731";
    Map<String, String> env =
        Map.of(
            "KAFKA_BOOTSTRAP_SERVERS",
            bootstrap,
            "TOPIC_PREFIX",
            "it-metrics-cli",
            "TOPIC_PARTITIONS",
            "1",
            "RATE_PER_SEC",
            "300",
            "MAX_EVENTS",
            "1500",
            "METRICS_PORT",
            String.valueOf(port),
            "METRICS_PER_CHANNEL",
            "true",
            // DEBUG also turns on the Kafka clients' INFO config dumps: the secret must stay out of
            // those too.
            "LOG_LEVEL",
            "DEBUG",
            // Unused on a PLAINTEXT listener, but passed to every Kafka client.
            "KAFKA_CLIENT_SASL_JAAS_CONFIG",
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\""
                + secret
                + "\";");
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    PrintStream sink = new PrintStream(output, true, StandardCharsets.UTF_8);
    PrintStream originalErr = System.err;
    System.setErr(sink); // Logback's console appender writes to whatever System.err is now
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(
            () -> Main.run(new String[] {"produce"}, env, sink, sink), runner);
    try {
      produceCommandRun(port, exit);
    } finally {
      System.setErr(originalErr);
      LogConfig.apply("INFO", "text");
    }
    String logs = output.toString(StandardCharsets.UTF_8);
    assertThat(logs)
        .contains("sasl.jaas.config=******")
        .contains("Summary: 1500 events produced")
        .contains("sasl.jaas.config = [hidden]"); // the Kafka client's own config dump was captured
    assertThat(logs).doesNotContain(secret);
  }

  private static void produceCommandRun(int port, CompletableFuture<Integer> exit)
      throws Exception {

    await(
        "/health 200 while producing",
        Duration.ofSeconds(30),
        () -> {
          try {
            HttpResponse<String> r = PromText.get(port, "/health");
            return r.statusCode() == 200 && json(r).get("state").asText().equals("producing");
          } catch (IOException e) {
            return false; // not listening yet
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        });
    PromText p = scrape(port);
    assertThat(p.sum("telemetra_channel_events_produced_total")).isPositive();

    assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    try {
      PromText.get(port, "/health");
      throw new AssertionError("the endpoint still answers after the run");
    } catch (ConnectException expected) {
      // closed with the run
    }
  }

  @Test
  @Order(3)
  void health_brokerStopsAndComesBack_turns503Then200() throws Exception {
    int port = EmbeddedKafka.freePort();
    readyTopics("it-metrics-health");
    Settings s =
        settings(
            "it-metrics-health",
            port,
            Map.of(
                "RATE_PER_SEC", "100",
                "HEALTH_UNREACHABLE_THRESHOLD", "2s",
                // Bounds the test if the broker never came back: records fail instead of waiting 5
                // minutes.
                "KAFKA_CLIENT_DELIVERY_TIMEOUT_MS", "40000",
                "KAFKA_CLIENT_REQUEST_TIMEOUT_MS", "5000"));
    ProduceRun run = run(s);
    try (Monitoring monitoring = Monitoring.attach(run, Ticker.SYSTEM)) {
      assertThat(monitoring.health().threshold()).isEqualTo(Duration.ofSeconds(2));
      CompletableFuture<Integer> exit =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return run.run();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              },
              runner);
      try {
        await(
            "/health 200",
            Duration.ofSeconds(30),
            () -> get(port, "/health").statusCode() == 200 && run.stats().acknowledged() > 0);

        kafka.stopNode(0);
        await(
            "/health 503 after the broker stopped",
            Duration.ofSeconds(30),
            () -> get(port, "/health").statusCode() == 503);
        JsonNode down = json(get(port, "/health"));
        assertThat(down.get("status").asText()).isEqualTo("DOWN");
        assertThat(down.get("state").asText()).isEqualTo("kafka_unreachable");
        assertThat(down.get("reason").asText()).startsWith("no acknowledgement from Kafka for ");
        assertThat(get(port, "/readyz").statusCode()).isEqualTo(503);
        assertThat(get(port, "/healthz").statusCode())
            .isEqualTo(200); // alive: a restart would not help
        PromText p = scrape(port);
        assertThat(p.value("telemetra_kafka_connected")).isZero();
        assertThat(p.value("telemetra_healthy")).isZero();
        assertThat(p.value("telemetra_kafka_stalled_seconds")).isGreaterThan(2);
        assertThat(p.value("telemetra_events_pending")).isPositive();

        kafka.restartNode(0);
        await(
            "/health 200 after the broker came back",
            Duration.ofSeconds(45),
            () -> get(port, "/health").statusCode() == 200);
        assertThat(scrape(port).value("telemetra_kafka_connected")).isEqualTo(1);
      } finally {
        kafka.restartNode(0);
        run.requestStop();
      }
      assertThat(exit.get(60, TimeUnit.SECONDS)).isZero();
    }
  }
}
