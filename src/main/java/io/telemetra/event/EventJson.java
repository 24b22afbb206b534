package io.telemetra.event;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns events into their JSON bytes (UTF-8). Field names and formats are
 * those of the schemas under {@code schemas/}; absent optional fields are omitted.
 *
 * <p>Uses Jackson's streaming generator rather than data binding: it is several times faster
 * and keeps field order stable. Not thread-safe: use one instance per thread.
 */
public final class EventJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  // Field names, encoded once: writing a String name costs a copy and an escape check per event.
  private static final SerializableString N_AMOUNT = new SerializedString("amount");
  private static final SerializableString N_BADGES = new SerializedString("badges");
  private static final SerializableString N_BITRATE_KBPS = new SerializedString("bitrate_kbps");
  private static final SerializableString N_BITS = new SerializedString("bits");
  private static final SerializableString N_CATEGORY = new SerializedString("category");
  private static final SerializableString N_CHANNEL = new SerializedString("channel");
  private static final SerializableString N_CHATTER_COUNT = new SerializedString("chatter_count");
  private static final SerializableString N_CODEC = new SerializedString("codec");
  private static final SerializableString N_COLOR = new SerializedString("color");
  private static final SerializableString N_CUMULATIVE_MONTHS = new SerializedString("cumulative_months");
  private static final SerializableString N_CURRENCY = new SerializedString("currency");
  private static final SerializableString N_DISPLAY_NAME = new SerializedString("display_name");
  private static final SerializableString N_EMOTES = new SerializedString("emotes");
  private static final SerializableString N_END = new SerializedString("end");
  private static final SerializableString N_EVENT_ID = new SerializedString("event_id");
  private static final SerializableString N_EVENT_TYPE = new SerializedString("event_type");
  private static final SerializableString N_FOLLOWER_COUNT = new SerializedString("follower_count");
  private static final SerializableString N_FPS = new SerializedString("fps");
  private static final SerializableString N_FROM_CHANNEL = new SerializedString("from_channel");
  private static final SerializableString N_GIFT_COUNT = new SerializedString("gift_count");
  private static final SerializableString N_ID = new SerializedString("id");
  private static final SerializableString N_INFO = new SerializedString("info");
  private static final SerializableString N_IS_ACTION = new SerializedString("is_action");
  private static final SerializableString N_IS_ANONYMOUS = new SerializedString("is_anonymous");
  private static final SerializableString N_IS_MATURE = new SerializedString("is_mature");
  private static final SerializableString N_LANGUAGE = new SerializedString("language");
  private static final SerializableString N_MESSAGE = new SerializedString("message");
  private static final SerializableString N_MESSAGE_ID = new SerializedString("message_id");
  private static final SerializableString N_METADATA = new SerializedString("metadata");
  private static final SerializableString N_NAME = new SerializedString("name");
  private static final SerializableString N_PROVIDER = new SerializedString("provider");
  private static final SerializableString N_QUALITY = new SerializedString("quality");
  private static final SerializableString N_RAID = new SerializedString("raid");
  private static final SerializableString N_RECIPIENTS = new SerializedString("recipients");
  private static final SerializableString N_RESOLUTION = new SerializedString("resolution");
  private static final SerializableString N_SENTIMENT_HINT = new SerializedString("sentiment_hint");
  private static final SerializableString N_SET_ID = new SerializedString("set_id");
  private static final SerializableString N_START = new SerializedString("start");
  private static final SerializableString N_STREAK_MONTHS = new SerializedString("streak_months");
  private static final SerializableString N_STREAM_ID = new SerializedString("stream_id");
  private static final SerializableString N_SUBSCRIBER_COUNT = new SerializedString("subscriber_count");
  private static final SerializableString N_TAGS = new SerializedString("tags");
  private static final SerializableString N_TIER = new SerializedString("tier");
  private static final SerializableString N_TIMESTAMP = new SerializedString("timestamp");
  private static final SerializableString N_TITLE = new SerializedString("title");
  private static final SerializableString N_TO_CHANNEL = new SerializedString("to_channel");
  private static final SerializableString N_TRANSACTION_ID = new SerializedString("transaction_id");
  private static final SerializableString N_TRANSACTION_TYPE = new SerializedString("transaction_type");
  private static final SerializableString N_USER_ID = new SerializedString("user_id");
  private static final SerializableString N_USERNAME = new SerializedString("username");
  private static final SerializableString N_VIEWER_COUNT = new SerializedString("viewer_count");

  private final ByteArrayBuilder buffer = new ByteArrayBuilder(1024);
  // One generator for every event, flushed after each: creating one per event (its context,
  // buffers and recycler look-up) cost about a third of serialising (BENCHMARKS.md).
  private JsonGenerator generator;

  /** Serialises {@code event} to UTF-8 JSON bytes. */
  public byte[] toBytes(Event event) {
    buffer.reset();
    try {
      if (generator == null) {
        generator = FACTORY.createGenerator(buffer, JsonEncoding.UTF8);
        // Root-level values follow one another with nothing between them (Jackson's default is a space).
        generator.setRootValueSeparator(null);
      }
      write(generator, event);
      generator.flush();
    } catch (IOException | RuntimeException e) {
      generator = null; // possibly left inside an object: start the next event on a fresh one
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    return buffer.toByteArray();
  }

  /** Writes {@code event} as one JSON object to an open generator. */
  public static void write(JsonGenerator g, Event event) throws IOException {
    if (event instanceof ChatMessage m) {
      writeChat(g, m);
    } else if (event instanceof ViewerCount v) {
      writeViewer(g, v);
    } else if (event instanceof Transaction t) {
      writeTransaction(g, t);
    } else if (event instanceof StreamMeta s) {
      writeStreamMeta(g, s);
    } else {
      throw new IllegalArgumentException("unknown event " + event);
    }
  }

  private static void writeChat(JsonGenerator g, ChatMessage m) throws IOException {
    g.writeStartObject();
    g.writeFieldName(N_MESSAGE_ID);
    g.writeString(m.messageId());
    g.writeFieldName(N_CHANNEL);
    g.writeString(m.channel());
    g.writeFieldName(N_USERNAME);
    g.writeString(m.username());
    str(g, N_DISPLAY_NAME, m.displayName());
    str(g, N_USER_ID, m.userId());
    g.writeFieldName(N_MESSAGE);
    g.writeString(m.message());
    g.writeFieldName(N_TIMESTAMP);
    g.writeString(Timestamps.format(m.timestampMillis()));
    if (m.emotes() != null && !m.emotes().isEmpty()) {
      g.writeFieldName(N_EMOTES);
      g.writeStartArray();
      for (Emote e : m.emotes()) {
        g.writeStartObject();
        g.writeFieldName(N_NAME);
        g.writeString(e.name());
        str(g, N_ID, e.id());
        g.writeFieldName(N_PROVIDER);
        g.writeString(e.provider());
        g.writeFieldName(N_START);
        g.writeNumber(e.start());
        g.writeFieldName(N_END);
        g.writeNumber(e.end());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (m.badges() != null && !m.badges().isEmpty()) {
      g.writeFieldName(N_BADGES);
      g.writeStartArray();
      for (Badge b : m.badges()) {
        g.writeStartObject();
        g.writeFieldName(N_SET_ID);
        g.writeString(b.setId());
        g.writeFieldName(N_ID);
        g.writeString(b.id());
        str(g, N_INFO, b.info());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    str(g, N_COLOR, m.color());
    g.writeFieldName(N_IS_ACTION);
    g.writeBoolean(m.isAction());
    num(g, N_BITS, m.bits());
    str(g, N_SENTIMENT_HINT, m.sentimentHint());
    map(g, N_METADATA, m.metadata());
    g.writeEndObject();
  }

  private static void writeViewer(JsonGenerator g, ViewerCount v) throws IOException {
    g.writeStartObject();
    g.writeFieldName(N_EVENT_ID);
    g.writeString(v.eventId());
    g.writeFieldName(N_CHANNEL);
    g.writeString(v.channel());
    g.writeFieldName(N_VIEWER_COUNT);
    g.writeNumber(v.viewerCount());
    g.writeFieldName(N_TIMESTAMP);
    g.writeString(Timestamps.format(v.timestampMillis()));
    num(g, N_CHATTER_COUNT, v.chatterCount());
    num(g, N_FOLLOWER_COUNT, v.followerCount());
    num(g, N_SUBSCRIBER_COUNT, v.subscriberCount());
    map(g, N_METADATA, v.metadata());
    g.writeEndObject();
  }

  private static void writeTransaction(JsonGenerator g, Transaction t) throws IOException {
    g.writeStartObject();
    g.writeFieldName(N_TRANSACTION_ID);
    g.writeString(t.transactionId());
    g.writeFieldName(N_CHANNEL);
    g.writeString(t.channel());
    g.writeFieldName(N_TRANSACTION_TYPE);
    g.writeString(t.transactionType());
    g.writeFieldName(N_AMOUNT);
    g.writeNumber(t.amount());
    str(g, N_CURRENCY, t.currency());
    g.writeFieldName(N_TIMESTAMP);
    g.writeString(Timestamps.format(t.timestampMillis()));
    str(g, N_USER_ID, t.userId());
    str(g, N_USERNAME, t.username());
    g.writeFieldName(N_IS_ANONYMOUS);
    g.writeBoolean(t.isAnonymous());
    str(g, N_TIER, t.tier());
    num(g, N_CUMULATIVE_MONTHS, t.cumulativeMonths());
    num(g, N_STREAK_MONTHS, t.streakMonths());
    num(g, N_GIFT_COUNT, t.giftCount());
    if (t.recipients() != null) {
      g.writeFieldName(N_RECIPIENTS);
      g.writeStartArray();
      for (String r : t.recipients()) {
        g.writeString(r);
      }
      g.writeEndArray();
    }
    num(g, N_BITS, t.bits());
    str(g, N_MESSAGE, t.message());
    map(g, N_METADATA, t.metadata());
    g.writeEndObject();
  }

  private static void writeStreamMeta(JsonGenerator g, StreamMeta s) throws IOException {
    g.writeStartObject();
    g.writeFieldName(N_EVENT_ID);
    g.writeString(s.eventId());
    g.writeFieldName(N_CHANNEL);
    g.writeString(s.channel());
    g.writeFieldName(N_EVENT_TYPE);
    g.writeString(s.eventType());
    g.writeFieldName(N_TIMESTAMP);
    g.writeString(Timestamps.format(s.timestampMillis()));
    str(g, N_STREAM_ID, s.streamId());
    str(g, N_TITLE, s.title());
    if (s.category() != null) {
      g.writeFieldName(N_CATEGORY);
      g.writeStartObject();
      g.writeFieldName(N_ID);
      g.writeString(s.category().id());
      g.writeFieldName(N_NAME);
      g.writeString(s.category().name());
      g.writeEndObject();
    }
    if (s.tags() != null) {
      g.writeFieldName(N_TAGS);
      g.writeStartArray();
      for (String tag : s.tags()) {
        g.writeString(tag);
      }
      g.writeEndArray();
    }
    str(g, N_LANGUAGE, s.language());
    if (s.isMature() != null) {
      g.writeFieldName(N_IS_MATURE);
      g.writeBoolean(s.isMature());
    }
    if (s.raid() != null) {
      g.writeFieldName(N_RAID);
      g.writeStartObject();
      g.writeFieldName(N_FROM_CHANNEL);
      g.writeString(s.raid().fromChannel());
      g.writeFieldName(N_TO_CHANNEL);
      g.writeString(s.raid().toChannel());
      g.writeFieldName(N_VIEWER_COUNT);
      g.writeNumber(s.raid().viewerCount());
      g.writeEndObject();
    }
    if (s.quality() != null) {
      g.writeFieldName(N_QUALITY);
      g.writeStartObject();
      g.writeFieldName(N_RESOLUTION);
      g.writeString(s.quality().resolution());
      g.writeFieldName(N_FPS);
      g.writeNumber(s.quality().fps());
      g.writeFieldName(N_BITRATE_KBPS);
      g.writeNumber(s.quality().bitrateKbps());
      g.writeFieldName(N_CODEC);
      g.writeString(s.quality().codec());
      g.writeEndObject();
    }
    map(g, N_METADATA, s.metadata());
    g.writeEndObject();
  }

  private static void str(JsonGenerator g, SerializableString name, String value) throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      g.writeString(value);
    }
  }

  private static void num(JsonGenerator g, SerializableString name, Number value) throws IOException {
    if (value == null) {
      return;
    }
    g.writeFieldName(name);
    if (value instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (value instanceof Double d) {
      g.writeNumber(d);
    } else {
      g.writeNumber(value.longValue());
    }
  }

  private static void map(JsonGenerator g, SerializableString name, Map<String, Object> map) throws IOException {
    if (map == null || map.isEmpty()) {
      return;
    }
    g.writeFieldName(name);
    value(g, map);
  }

  private static void value(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (v instanceof Integer || v instanceof Long) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof BigDecimal d) {
      g.writeNumber(d);
    } else if (v instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        value(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        value(g, o);
      }
      g.writeEndArray();
    } else {
      g.writeString(v.toString());
    }
  }
}
