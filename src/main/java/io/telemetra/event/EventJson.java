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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The one place that turns events into their JSON bytes (UTF-8). Field names and formats are those
 * of the schemas under {@code schemas/}; absent optional fields are omitted.
 *
 * <p>Uses Jackson's streaming generator rather than data binding: it is several times faster and
 * keeps field order stable. Not thread-safe: use one instance per thread.
 */
public final class EventJson {
  private static final JsonFactory FACTORY = new JsonFactory();
  // What Jackson escapes by default: control characters, the quote and the backslash. It also
  // writes characters outside the BMP (emoji) as escaped surrogate pairs, not as 4-byte UTF-8:
  // their lead bytes 0xF0-0xF7 (and invalid 0xF8-0xFF) send a value down Jackson's path too.
  private static final boolean[] NEEDS_ESCAPE = new boolean[256];

  static {
    for (int c = 0; c < 0x20; c++) {
      NEEDS_ESCAPE[c] = true;
    }
    NEEDS_ESCAPE['"'] = true;
    NEEDS_ESCAPE['\\'] = true;
    for (int b = 0xF0; b < 0x100; b++) {
      NEEDS_ESCAPE[b] = true;
    }
  }

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
  private static final SerializableString N_CUMULATIVE_MONTHS =
      new SerializedString("cumulative_months");
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
  private static final SerializableString N_SUBSCRIBER_COUNT =
      new SerializedString("subscriber_count");
  private static final SerializableString N_TAGS = new SerializedString("tags");
  private static final SerializableString N_TIER = new SerializedString("tier");
  private static final SerializableString N_TIMESTAMP = new SerializedString("timestamp");
  private static final SerializableString N_TITLE = new SerializedString("title");
  private static final SerializableString N_TO_CHANNEL = new SerializedString("to_channel");
  private static final SerializableString N_TRANSACTION_ID = new SerializedString("transaction_id");
  private static final SerializableString N_TRANSACTION_TYPE =
      new SerializedString("transaction_type");
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
        // Root-level values follow one another with nothing between them (Jackson's default is a
        // space).
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
    text(g, m.messageId());
    g.writeFieldName(N_CHANNEL);
    text(g, m.channel());
    g.writeFieldName(N_USERNAME);
    text(g, m.username());
    str(g, N_DISPLAY_NAME, m.displayName());
    str(g, N_USER_ID, m.userId());
    g.writeFieldName(N_MESSAGE);
    text(g, m.message());
    g.writeFieldName(N_TIMESTAMP);
    text(g, Timestamps.format(m.timestampMillis()));
    if (m.emotes() != null && !m.emotes().isEmpty()) {
      g.writeFieldName(N_EMOTES);
      g.writeStartArray();
      for (Emote e : m.emotes()) {
        g.writeStartObject();
        g.writeFieldName(N_NAME);
        text(g, e.name());
        str(g, N_ID, e.id());
        g.writeFieldName(N_PROVIDER);
        text(g, e.provider());
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
        text(g, b.setId());
        g.writeFieldName(N_ID);
        text(g, b.id());
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
    text(g, v.eventId());
    g.writeFieldName(N_CHANNEL);
    text(g, v.channel());
    g.writeFieldName(N_VIEWER_COUNT);
    g.writeNumber(v.viewerCount());
    g.writeFieldName(N_TIMESTAMP);
    text(g, Timestamps.format(v.timestampMillis()));
    num(g, N_CHATTER_COUNT, v.chatterCount());
    num(g, N_FOLLOWER_COUNT, v.followerCount());
    num(g, N_SUBSCRIBER_COUNT, v.subscriberCount());
    map(g, N_METADATA, v.metadata());
    g.writeEndObject();
  }

  private static void writeTransaction(JsonGenerator g, Transaction t) throws IOException {
    g.writeStartObject();
    g.writeFieldName(N_TRANSACTION_ID);
    text(g, t.transactionId());
    g.writeFieldName(N_CHANNEL);
    text(g, t.channel());
    g.writeFieldName(N_TRANSACTION_TYPE);
    text(g, t.transactionType());
    g.writeFieldName(N_AMOUNT);
    g.writeNumber(t.amount());
    str(g, N_CURRENCY, t.currency());
    g.writeFieldName(N_TIMESTAMP);
    text(g, Timestamps.format(t.timestampMillis()));
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
        text(g, r);
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
    text(g, s.eventId());
    g.writeFieldName(N_CHANNEL);
    text(g, s.channel());
    g.writeFieldName(N_EVENT_TYPE);
    text(g, s.eventType());
    g.writeFieldName(N_TIMESTAMP);
    text(g, Timestamps.format(s.timestampMillis()));
    str(g, N_STREAM_ID, s.streamId());
    str(g, N_TITLE, s.title());
    if (s.category() != null) {
      g.writeFieldName(N_CATEGORY);
      g.writeStartObject();
      g.writeFieldName(N_ID);
      text(g, s.category().id());
      g.writeFieldName(N_NAME);
      text(g, s.category().name());
      g.writeEndObject();
    }
    if (s.tags() != null) {
      g.writeFieldName(N_TAGS);
      g.writeStartArray();
      for (String tag : s.tags()) {
        text(g, tag);
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
      text(g, s.raid().fromChannel());
      g.writeFieldName(N_TO_CHANNEL);
      text(g, s.raid().toChannel());
      g.writeFieldName(N_VIEWER_COUNT);
      g.writeNumber(s.raid().viewerCount());
      g.writeEndObject();
    }
    if (s.quality() != null) {
      g.writeFieldName(N_QUALITY);
      g.writeStartObject();
      g.writeFieldName(N_RESOLUTION);
      text(g, s.quality().resolution());
      g.writeFieldName(N_FPS);
      g.writeNumber(s.quality().fps());
      g.writeFieldName(N_BITRATE_KBPS);
      g.writeNumber(s.quality().bitrateKbps());
      g.writeFieldName(N_CODEC);
      text(g, s.quality().codec());
      g.writeEndObject();
    }
    map(g, N_METADATA, s.metadata());
    g.writeEndObject();
  }

  /**
   * Writes a string value. Most values (ids, logins, timestamps, chat text) need no escaping: those
   * go out as their UTF-8 bytes in one copy, about twice as fast as Jackson's per-character escape
   * check. Anything Jackson would escape (a quote, a backslash, a control character, an emoji)
   * takes Jackson's path, so the output is the same either way.
   */
  private static void text(JsonGenerator g, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    for (byte b : utf8) {
      if (NEEDS_ESCAPE[b & 0xFF]) {
        g.writeString(value);
        return;
      }
    }
    g.writeRawUTF8String(utf8, 0, utf8.length);
  }

  private static void str(JsonGenerator g, SerializableString name, String value)
      throws IOException {
    if (value != null) {
      g.writeFieldName(name);
      text(g, value);
    }
  }

  private static void num(JsonGenerator g, SerializableString name, Number value)
      throws IOException {
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

  private static void map(JsonGenerator g, SerializableString name, Map<String, Object> map)
      throws IOException {
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
      text(g, s);
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
      text(g, v.toString());
    }
  }
}
