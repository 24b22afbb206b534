package io.telemetra.event;

import java.util.List;
import java.util.Map;

/** A stream lifecycle event ({@code telemetra.events.stream_meta}); see stream_meta.json. */
public record StreamMeta(
    String eventId,
    String channel,
    String eventType,
    long timestampMillis,
    String streamId,
    String title,
    Category category,
    List<String> tags,
    String language,
    Boolean isMature,
    Raid raid,
    Quality quality,
    Map<String, Object> metadata)
    implements Event {

  /** A Twitch category (game) with its numeric id. */
  public record Category(String id, String name) {}

  /** Raid data: both channels and the number of viewers carried over. */
  public record Raid(String fromChannel, String toChannel, long viewerCount) {}

  /** Stream quality settings. */
  public record Quality(String resolution, int fps, int bitrateKbps, String codec) {}

  @Override
  public EventType type() {
    return EventType.STREAM_META;
  }
}
