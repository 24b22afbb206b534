package io.telemetra.consume;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.telemetra.event.EventType;
import io.telemetra.event.Timestamps;
import io.telemetra.produce.ManifestAggregates;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Adds a consumed JSON value to {@link ManifestAggregates}, reading only the top-level fields the
 * aggregates need with Jackson's streaming parser (verification reads millions of values).
 */
final class ValueFields {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ValueFields() {}

  /**
   * @return false when the value is not a JSON object with the fields its type needs
   */
  static boolean addTo(ManifestAggregates agg, EventType type, byte[] value) {
    if (type == EventType.STREAM_META || type == null) {
      return true;
    }
    String channel = null;
    String timestamp = null;
    String transactionType = null;
    String currency = null;
    BigDecimal amount = null;
    long viewers = -1;
    try (JsonParser p = FACTORY.createParser(value)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          p.skipChildren();
          continue;
        }
        switch (name) {
          case "channel" -> channel = p.getValueAsString();
          case "timestamp" -> timestamp = p.getValueAsString();
          case "transaction_type" -> transactionType = p.getValueAsString();
          case "currency" -> currency = p.getValueAsString();
          case "amount" -> amount = t.isNumeric() ? p.getDecimalValue() : null;
          case "viewer_count" -> viewers = t.isNumeric() ? p.getLongValue() : -1;
          default -> {}
        }
      }
    } catch (IOException e) {
      return false;
    }
    if (channel == null || timestamp == null) {
      return false;
    }
    long at;
    try {
      at = Timestamps.parse(timestamp);
    } catch (RuntimeException e) {
      return false;
    }
    switch (type) {
      case CHAT -> agg.addChat(channel, at);
      case VIEWER -> {
        if (viewers < 0) {
          return false;
        }
        agg.addViewers(channel, viewers, at);
      }
      case TRANSACTIONS -> {
        if (transactionType == null || amount == null) {
          return false;
        }
        agg.addTransaction(transactionType, amount, currency, at);
      }
      default -> {}
    }
    return true;
  }
}
