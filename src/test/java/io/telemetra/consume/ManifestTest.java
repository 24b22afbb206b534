package io.telemetra.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetra.config.SettingsParser;
import io.telemetra.event.ChatMessage;
import io.telemetra.event.EventJson;
import io.telemetra.event.EventType;
import io.telemetra.event.Timestamps;
import io.telemetra.event.Transaction;
import io.telemetra.event.ViewerCount;
import io.telemetra.produce.Manifest;
import io.telemetra.produce.ManifestAggregates;
import io.telemetra.produce.ManifestRecorder;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {
  private static final long T0 = Timestamps.parse("2026-12-04T19:57:10.000Z");
  private static final long T1 = Timestamps.parse("2026-12-04T19:58:05.000Z");

  @TempDir Path dir;

  private static ChatMessage chat(String channel, long at) {
    return new ChatMessage(
        "m", channel, "u", null, null, "hi", at, List.of(), List.of(), null, false, null, null,
        null);
  }

  private static Transaction tx(String type, String amount, String currency, long at) {
    return new Transaction(
        "t",
        "xqc",
        type,
        new BigDecimal(amount),
        currency,
        at,
        null,
        "u",
        false,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private ManifestRecorder recorder() {
    var settings =
        new SettingsParser(Map.of("SEED", "42", "KAFKA_BOOTSTRAP_SERVERS", "localhost:1"), Map.of())
            .parse();
    ManifestRecorder r =
        new ManifestRecorder(
            "run-1", settings, Clock.fixed(Instant.parse("2026-12-04T20:00:00Z"), ZoneOffset.UTC));
    r.onAcknowledged(chat("xqc", T0), "telemetra.events.chat", 0, 10, 0);
    r.onAcknowledged(chat("xqc", T0 + 1), "telemetra.events.chat", 1, 10, 0);
    r.onAcknowledged(chat("shroud", T1), "telemetra.events.chat", 0, 10, 0);
    r.onAcknowledged(
        new ViewerCount("v", "xqc", 100, T0, null, null, null, null),
        "telemetra.events.viewer",
        0,
        5,
        0);
    r.onAcknowledged(
        new ViewerCount("v", "xqc", 150, T0 + 2, null, null, null, null),
        "telemetra.events.viewer",
        1,
        5,
        0);
    r.onAcknowledged(
        new ViewerCount("v", "xqc", 120, T0 + 3, null, null, null, null),
        "telemetra.events.viewer",
        2,
        5,
        0);
    r.onAcknowledged(
        tx("subscription", "4.99", "USD", T0), "telemetra.events.transactions", 0, 7, 0);
    r.onAcknowledged(
        tx("subscription", "9.99", null, T0), "telemetra.events.transactions", 1, 7, 0);
    r.onAcknowledged(tx("donation", "10", "EUR", T0), "telemetra.events.transactions", 2, 7, 0);
    r.onFinished(false);
    return r;
  }

  @Test
  void recorder_countsSequencesAndAggregatesByMinute() {
    Manifest m = recorder().manifest();

    assertThat(m.runId()).isEqualTo("run-1");
    assertThat(m.seed()).isEqualTo(42);
    assertThat(m.events()).isEqualTo(9);
    assertThat(m.topics().get("telemetra.events.chat").channels().get("xqc"))
        .isEqualTo(new Manifest.ChannelEntry(2, 0, 1));
    assertThat(m.topics().get("telemetra.events.stream_meta").events()).isZero();
    var minute = m.aggregates().minutes().get(ManifestAggregates.minuteOf(T0));
    assertThat(minute.chatMessages()).containsExactly(Map.entry("xqc", 2L));
    assertThat(minute.peakViewers()).containsExactly(Map.entry("xqc", 150L));
    // EUR is not summed into US dollars.
    assertThat(minute.revenueUsd()).containsOnlyKeys("subscription");
    assertThat(minute.revenueUsd().get("subscription")).isEqualByComparingTo("14.98");
    assertThat(m.aggregates().minutes().get(ManifestAggregates.minuteOf(T1)).chatMessages())
        .containsExactly(Map.entry("shroud", 1L));
  }

  @Test
  void writeThenRead_givesTheSameManifest() throws IOException {
    Manifest m = recorder().manifest();
    Path file = dir.resolve("manifest.json");

    m.write(file);
    Manifest back = Manifest.read(file);

    assertThat(back.runId()).isEqualTo(m.runId());
    assertThat(back.topics()).isEqualTo(m.topics());
    assertThat(back.aggregates()).isEqualTo(m.aggregates());
    assertThat(back.startedAt()).isEqualTo(Instant.parse("2026-12-04T20:00:00Z"));
    assertThat(Files.readString(file))
        .contains("\"minute\" : \"2026-12-04T19:57:00Z\"")
        .contains("\"subscription\" : 14.98");
  }

  @Test
  void read_notAManifest_failsWithReason() throws IOException {
    Path file = dir.resolve("other.json");
    Files.writeString(file, "{\"a\": 1}");
    assertThatThrownBy(() -> Manifest.read(file)).hasMessageContaining("not a telemetra manifest");
    Files.writeString(file, "{oops");
    assertThatThrownBy(() -> Manifest.read(file)).hasMessageStartingWith("not JSON");
  }

  @Test
  void valueFields_recomputeTheSameAggregatesFromJson() {
    ManifestAggregates fromEvents = new ManifestAggregates();
    ManifestAggregates fromJson = new ManifestAggregates();
    EventJson json = new EventJson();
    for (var e :
        List.of(
            chat("xqc", T0),
            new ViewerCount("v", "xqc", 150, T0, 3L, null, null, Map.of("k", List.of(1, 2))),
            tx("bits", "1.00", "USD", T1),
            tx("donation", "5", "EUR", T1))) {
      fromEvents.add(e);
      assertThat(ValueFields.addTo(fromJson, e.type(), json.toBytes(e))).isTrue();
    }
    assertThat(fromJson).isEqualTo(fromEvents);
    assertThat(ValueFields.addTo(fromJson, EventType.CHAT, "[1]".getBytes())).isFalse();
  }
}
