package io.telemetra.event;

import java.util.Locale;

/** The four event streams, each with its topic suffix and its schema file. */
public enum EventType {
  CHAT("chat", "chat_message.json"),
  VIEWER("viewer", "viewer_count.json"),
  TRANSACTIONS("transactions", "transaction.json"),
  STREAM_META("stream_meta", "stream_meta.json");

  private final String topicSuffix;
  private final String schemaFile;

  EventType(String topicSuffix, String schemaFile) {
    this.topicSuffix = topicSuffix;
    this.schemaFile = schemaFile;
  }

  /** The last segment of the topic name: {@code <prefix>.<suffix>}. */
  public String topicSuffix() {
    return topicSuffix;
  }

  /** The schema file name under {@code schemas/}. */
  public String schemaFile() {
    return schemaFile;
  }

  public String topic(String prefix) {
    return prefix + "." + topicSuffix;
  }

  /** Accepts the topic suffix ({@code chat}), the enum name or the schema name. */
  public static EventType parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (EventType type : values()) {
      if (type.topicSuffix.equals(t)
          || type.name().toLowerCase(Locale.ROOT).equals(t)
          || type.schemaFile.equals(t)
          || type.schemaFile.replace(".json", "").equals(t)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unknown event type '" + text + "'");
  }

  /** The event type of a full topic name such as {@code telemetra.events.chat}, if any. */
  public static EventType ofTopic(String topic) {
    for (EventType type : values()) {
      if (topic.endsWith("." + type.topicSuffix) || topic.equals(type.topicSuffix)) {
        return type;
      }
    }
    return null;
  }
}
