package io.telemetra.event;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A monetary event ({@code telemetra.events.transactions}); see transaction.json for what {@code
 * amount} means per {@code transactionType}.
 */
public record Transaction(
    String transactionId,
    String channel,
    String transactionType,
    BigDecimal amount,
    String currency,
    long timestampMillis,
    String userId,
    String username,
    boolean isAnonymous,
    String tier,
    Integer cumulativeMonths,
    Integer streakMonths,
    Integer giftCount,
    List<String> recipients,
    Integer bits,
    String message,
    Map<String, Object> metadata)
    implements Event {

  @Override
  public EventType type() {
    return EventType.TRANSACTIONS;
  }
}
