package io.telemetra.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.metrics.HealthCheck.State;
import io.telemetra.metrics.HealthCheck.Status;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HealthCheckTest {
  private final FakeTicker ticker = new FakeTicker();
  private final AtomicLong pending = new AtomicLong();
  private final HealthCheck health = new HealthCheck(ticker, Duration.ofSeconds(30), pending::get);

  private void ack() {
    health.onAcknowledged(null, "t", 0, 10, 1_000_000);
  }

  @Test
  void sample_beforeConnectingWithinThreshold_isStartingHealthyNotReady() {
    ticker.advance(Duration.ofSeconds(29));

    Status s = health.sample();

    assertThat(s.state()).isEqualTo(State.STARTING);
    assertThat(s.healthy()).isTrue();
    assertThat(s.ready()).isFalse();
    assertThat(s.live()).isTrue();
  }

  @Test
  void sample_notConnectedPastThreshold_isUnreachable() {
    ticker.advance(Duration.ofSeconds(31));

    Status s = health.sample();

    assertThat(s.state()).isEqualTo(State.KAFKA_UNREACHABLE);
    assertThat(s.healthy()).isFalse();
    assertThat(s.live()).isTrue();
    assertThat(s.reason())
        .isEqualTo("not connected to Kafka 31.0 s after start-up (threshold 30 s)");
  }

  @Test
  void sample_acknowledgementsFlowing_isProducingAndReady() {
    health.onConnectionState(true);
    for (int i = 0; i < 100; i++) {
      pending.set(5);
      ticker.advanceMillis(700);
      ack();
      health.sample();
    }

    Status s = health.sample();

    assertThat(s.state()).isEqualTo(State.PRODUCING);
    assertThat(s.healthy()).isTrue();
    assertThat(s.ready()).isTrue();
    assertThat(s.acknowledged()).isEqualTo(100);
    assertThat(health.kafkaConnected()).isTrue();
  }

  @Test
  void sample_recordsWaitingWithoutAckUpToThreshold_staysHealthy() {
    health.onConnectionState(true);
    ack();
    pending.set(1000);
    health.sample(); // first sees the waiting records

    ticker.advance(Duration.ofSeconds(30));

    assertThat(health.sample().healthy()).isTrue();
    assertThat(health.stalledSeconds()).isEqualTo(30.0);
  }

  @Test
  void sample_recordsWaitingWithoutAckPastThreshold_isUnreachable() {
    health.onConnectionState(true);
    ack();
    pending.set(1000);
    health.sample();

    ticker.advanceMillis(30_001);
    Status s = health.sample();

    assertThat(s.state()).isEqualTo(State.KAFKA_UNREACHABLE);
    assertThat(s.healthy()).isFalse();
    assertThat(s.ready()).isFalse();
    assertThat(s.live()).isTrue();
    assertThat(s.reason())
        .isEqualTo(
            "no acknowledgement from Kafka for 30.0 s with 1000 records waiting (threshold 30 s)");
    assertThat(health.kafkaConnected()).isFalse();
  }

  @Test
  void sample_ackAfterStall_recovers() {
    health.onConnectionState(true);
    pending.set(10);
    health.sample();
    ticker.advance(Duration.ofSeconds(45));
    assertThat(health.sample().healthy()).isFalse();

    ack();
    pending.set(0);
    Status s = health.sample();

    assertThat(s.state()).isEqualTo(State.PRODUCING);
    assertThat(s.healthy()).isTrue();
    assertThat(s.stalledSeconds()).isZero();
    assertThat(health.kafkaConnected()).isTrue();
  }

  @Test
  void sample_unreachableThenBack_logsEachTransitionOnce() {
    Logger logger = (Logger) LoggerFactory.getLogger(HealthCheck.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      health.onConnectionState(true);
      ack();
      pending.set(50);
      health.sample();
      ticker.advance(Duration.ofSeconds(31));
      health.sample();
      ticker.advance(Duration.ofSeconds(10));
      health.sample();
      ack();
      pending.set(0);
      health.sample();
      health.sample();
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list)
        .extracting(e -> e.getLevel() + " " + e.getFormattedMessage())
        .containsExactly(
            "WARN Kafka unreachable: no acknowledgement from Kafka for 31.0 s with 50 records waiting (threshold 30 s); "
                + "/health now answers 503",
            "INFO Kafka reachable again after 41.0 s: acknowledgements resumed; /health answers 200");
  }

  @Test
  void sample_retriesWithoutAckPastThreshold_isUnreachable() {
    health.onConnectionState(true);
    ack();
    health.sample();
    // Nothing pending (the client refused the records), but the producer keeps retrying.
    health.onRetry("t", new RuntimeException("buffer full"));
    health.sample();

    ticker.advance(Duration.ofSeconds(31));

    assertThat(health.sample().state()).isEqualTo(State.KAFKA_UNREACHABLE);
  }

  @Test
  void sample_lowRateWithOldAckAndFreshPendingRecord_staysHealthy() {
    health.onConnectionState(true);
    ack();
    ticker.advance(Duration.ofMinutes(10)); // one event every ten minutes
    assertThat(health.sample().state()).isEqualTo(State.IDLE);

    pending.set(1);
    ticker.advanceMillis(300);
    Status s = health.sample();

    assertThat(s.healthy()).isTrue();
    assertThat(s.state()).isEqualTo(State.IDLE);
  }

  @Test
  void sample_disconnectedPastThreshold_isUnreachable() {
    health.onConnectionState(true);
    ack();
    health.onConnectionState(false);
    health.sample();

    ticker.advance(Duration.ofSeconds(31));

    Status s = health.sample();
    assertThat(s.state()).isEqualTo(State.KAFKA_UNREACHABLE);
    assertThat(s.reason()).startsWith("Kafka disconnected for 31.0 s");
  }

  @Test
  void sample_runFailed_isDownAndNotLive() {
    health.onConnectionState(true);
    ack();

    health.onFinished(true);
    Status s = health.sample();

    assertThat(s.state()).isEqualTo(State.FAILED);
    assertThat(s.healthy()).isFalse();
    assertThat(s.live()).isFalse();
    assertThat(s.ready()).isFalse();
  }

  @Test
  void sample_runFinished_isDownButLive() {
    health.onConnectionState(true);
    health.onFinished(false);

    Status s = health.sample();

    assertThat(s.state()).isEqualTo(State.FINISHED);
    assertThat(s.healthy()).isFalse();
    assertThat(s.live()).isTrue();
  }

  @Test
  void toJson_unhealthy_isAnObjectWithStatusStateAndReason() throws Exception {
    health.onConnectionState(true);
    pending.set(7);
    health.sample();
    ticker.advance(Duration.ofSeconds(40));

    JsonNode json = new ObjectMapper().readTree(health.sample().toJson());

    assertThat(json.get("status").asText()).isEqualTo("DOWN");
    assertThat(json.get("state").asText()).isEqualTo("kafka_unreachable");
    assertThat(json.get("reason").asText())
        .contains("no acknowledgement from Kafka for 40.0 s with 7 records waiting");
    assertThat(json.get("pending").asLong()).isEqualTo(7);
    assertThat(json.get("stalledSeconds").asDouble()).isEqualTo(40.0);
  }

  @Test
  void toJson_reasonWithQuotesAndNewlines_isEscaped() throws Exception {
    Status s = new Status(State.FAILED, false, false, false, "a \"b\"\nc\\d", 1, 2, 0);

    JsonNode json = new ObjectMapper().readTree(s.toJson());

    assertThat(json.get("reason").asText()).isEqualTo("a \"b\"\nc\\d");
  }
}
