package io.telemetra.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventJsonTest {
  private static final long AT = Instant.parse("2026-12-04T19:30:00.123Z").toEpochMilli();

  @Test
  void toBytes_repeatedCalls_eachIsOneCompleteObject() {
    // One generator serves every call: nothing of one event may leak into the next.
    EventJson json = new EventJson();
    ViewerCount a = new ViewerCount("e1", "xqc", 15000, AT, 900L, null, null, null);
    ViewerCount b =
        new ViewerCount("e2", "demo_stream", 3, AT + 1, null, null, null, Map.of("k", "v"));
    for (int i = 0; i < 3; i++) {
      assertThat(new String(json.toBytes(a), StandardCharsets.UTF_8))
          .isEqualTo(
              "{\"event_id\":\"e1\",\"channel\":\"xqc\",\"viewer_count\":15000,"
                  + "\"timestamp\":\"2026-12-04T19:30:00.123Z\",\"chatter_count\":900}");
      assertThat(new String(json.toBytes(b), StandardCharsets.UTF_8))
          .isEqualTo(
              "{\"event_id\":\"e2\",\"channel\":\"demo_stream\",\"viewer_count\":3,"
                  + "\"timestamp\":\"2026-12-04T19:30:00.124Z\",\"metadata\":{\"k\":\"v\"}}");
    }
  }

  @Test
  void toBytes_textNeedingEscapes_writtenAsJacksonWouldWriteIt() {
    // Plain text takes a raw-bytes fast path; quotes, backslashes, control characters and
    // emoji must still come out exactly as Jackson escapes them (emoji as surrogate escapes).
    ChatMessage m =
        new ChatMessage(
            "m1",
            "xqc",
            "viewer_1",
            "Zoë",
            null,
            "say \"hi\" \\ é \uD83D\uDD25\n\t",
            AT,
            List.of(),
            List.of(),
            null,
            false,
            null,
            null,
            null);
    assertThat(new String(new EventJson().toBytes(m), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"message_id\":\"m1\",\"channel\":\"xqc\",\"username\":\"viewer_1\","
                + "\"display_name\":\"Zoë\",\"message\":\"say \\\"hi\\\" \\\\ é \\uD83D\\uDD25\\n\\t\","
                + "\"timestamp\":\"2026-12-04T19:30:00.123Z\",\"is_action\":false}");
  }
}
