package io.telemetra.event;

import java.util.List;
import java.util.Map;

/** A chat line ({@code telemetra.events.chat}); see {@code schemas/chat_message.json}. */
public record ChatMessage(
    String messageId,
    String channel,
    String username,
    String displayName,
    String userId,
    String message,
    long timestampMillis,
    List<Emote> emotes,
    List<Badge> badges,
    String color,
    boolean isAction,
    Integer bits,
    String sentimentHint,
    Map<String, Object> metadata)
    implements Event {

  @Override
  public EventType type() {
    return EventType.CHAT;
  }
}
