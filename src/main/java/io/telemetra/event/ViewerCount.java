package io.telemetra.event;

import java.util.Map;

/** A periodic audience sample ({@code telemetra.events.viewer}); see viewer_count.json. */
public record ViewerCount(
    String eventId,
    String channel,
    long viewerCount,
    long timestampMillis,
    Long chatterCount,
    Long followerCount,
    Long subscriberCount,
    Map<String, Object> metadata)
    implements Event {

  @Override
  public EventType type() {
    return EventType.VIEWER;
  }
}
