package io.telemetra.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final long AT = Instant.parse("2026-12-04T19:30:00.123Z").toEpochMilli();

  @Test
  void toBytes_repeatedCalls_eachIsOneCompleteObject() {
    // One generator serves every call: nothing of one event may leak into the next.
    EventJson json = new EventJson();
    ViewerCount a = new ViewerCount("e1", "xqc", 15000, AT, 900L, null, null, null);
    ViewerCount b = new ViewerCount("e2", "demo_stream", 3, AT + 1, null, null, null, Map.of("k", "v"));
    for (int i = 0; i < 3; i++) {
      assertThat(new String(json.toBytes(a), StandardCharsets.UTF_8))
          .isEqualTo("{\"event_id\":\"e1\",\"channel\":\"xqc\",\"viewer_count\":15000,"
              + "\"timestamp\":\"2026-12-04T19:30:00.123Z\",\"chatter_count\":900}");
      assertThat(new String(json.toBytes(b), StandardCharsets.UTF_8))
          .isEqualTo("{\"event_id\":\"e2\",\"channel\":\"demo_stream\",\"viewer_count\":3,"
              + "\"timestamp\":\"2026-12-04T19:30:00.124Z\",\"metadata\":{\"k\":\"v\"}}");
    }
  }
}
