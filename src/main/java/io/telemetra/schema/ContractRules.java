package io.telemetra.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.telemetra.event.EventType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of the contract that JSON Schema cannot express because they relate two fields (an
 * emote range and the message text, an amount and a count). Each rule is also written in the
 * description of the fields it concerns, so the schema files stay the complete contract.
 *
 * <p>Rules run after the schema and skip whatever the schema already reports (a missing or mistyped
 * field), so one mistake gives one message.
 */
final class ContractRules {
  private static final BigDecimal CENT = new BigDecimal("0.01");

  private ContractRules() {}

  static List<Violation> check(EventType type, JsonNode event) {
    List<Violation> out = new ArrayList<>();
    if (event == null || !event.isObject()) {
      return out;
    }
    switch (type) {
      case CHAT -> chat(event, out);
      case TRANSACTIONS -> transaction(event, out);
      case STREAM_META -> streamMeta(event, out);
      case VIEWER -> {}
    }
    return out;
  }

  private static void chat(JsonNode e, List<Violation> out) {
    JsonNode username = e.get("username");
    JsonNode displayName = e.get("display_name");
    if (text(username)
        && text(displayName)
        && !displayName.textValue().equalsIgnoreCase(username.textValue())) {
      out.add(
          new Violation(
              "$.display_name",
              "must be the username '"
                  + username.textValue()
                  + "' up to letter case, but is '"
                  + displayName.textValue()
                  + "'"));
    }
    JsonNode message = e.get("message");
    JsonNode emotes = e.get("emotes");
    if (text(message) && emotes != null && emotes.isArray()) {
      String m = message.textValue();
      int length = m.codePointCount(0, m.length());
      List<int[]> ranges = new ArrayList<>();
      for (int i = 0; i < emotes.size(); i++) {
        JsonNode emote = emotes.get(i);
        String at = "$.emotes[" + i + "]";
        if (!emote.path("start").isIntegralNumber() || !emote.path("end").isIntegralNumber()) {
          continue;
        }
        int start = emote.get("start").intValue();
        int end = emote.get("end").intValue();
        if (end < start) {
          out.add(
              new Violation(at + ".end", "must be at least start (" + start + "), but is " + end));
        } else if (end >= length) {
          out.add(
              new Violation(
                  at + ".end",
                  "must lie inside the message, which has "
                      + length
                      + " code points (last position "
                      + (length - 1)
                      + "), but is "
                      + end));
        } else {
          String covered =
              m.substring(m.offsetByCodePoints(0, start), m.offsetByCodePoints(0, end + 1));
          JsonNode name = emote.get("name");
          if (text(name) && !covered.equals(name.textValue())) {
            out.add(
                new Violation(
                    at,
                    "positions "
                        + start
                        + "-"
                        + end
                        + " cover '"
                        + covered
                        + "' in the message, not the emote name '"
                        + name.textValue()
                        + "'"));
          }
          for (int[] r : ranges) {
            if (start <= r[1] && r[0] <= end) {
              out.add(
                  new Violation(
                      at,
                      "positions "
                          + start
                          + "-"
                          + end
                          + " overlap emotes["
                          + r[2]
                          + "] at "
                          + r[0]
                          + "-"
                          + r[1]));
            }
          }
          ranges.add(new int[] {start, end, i});
        }
      }
    }
    JsonNode badges = e.get("badges");
    if (badges != null && badges.isArray()) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < badges.size(); i++) {
        JsonNode set = badges.get(i).get("set_id");
        if (text(set) && !seen.add(set.textValue())) {
          out.add(
              new Violation(
                  "$.badges[" + i + "].set_id",
                  "badge set '" + set.textValue() + "' appears more than once"));
        }
      }
    }
  }

  private static void transaction(JsonNode e, List<Violation> out) {
    String type = e.path("transaction_type").asText("");
    JsonNode amount = e.get("amount");
    if (amount == null || !amount.isNumber()) {
      return;
    }
    if (type.equals("gift_sub") && e.path("gift_count").isIntegralNumber()) {
      int count = e.get("gift_count").intValue();
      BigDecimal price = tierPrice(e.path("tier").asText(""));
      if (price != null) {
        BigDecimal expected = price.multiply(BigDecimal.valueOf(count));
        if (amount.decimalValue().compareTo(expected) != 0) {
          out.add(
              new Violation(
                  "$.amount",
                  "must be gift_count x tier price = "
                      + count
                      + " x "
                      + price
                      + " = "
                      + expected.toPlainString()
                      + ", but is "
                      + amount.asText()));
        }
      }
      JsonNode recipients = e.get("recipients");
      if (recipients != null && recipients.isArray() && recipients.size() != count) {
        out.add(
            new Violation(
                "$.recipients",
                "must list exactly gift_count ("
                    + count
                    + ") logins, but lists "
                    + recipients.size()));
      }
    }
    if (type.equals("bits") && e.path("bits").isIntegralNumber()) {
      long bits = e.get("bits").longValue();
      BigDecimal expected = CENT.multiply(BigDecimal.valueOf(bits));
      if (amount.decimalValue().compareTo(expected) != 0) {
        out.add(
            new Violation(
                "$.amount",
                "must be bits x 0.01 = "
                    + bits
                    + " x 0.01 = "
                    + expected.toPlainString()
                    + ", but is "
                    + amount.asText()));
      }
    }
    JsonNode streak = e.get("streak_months");
    JsonNode cumulative = e.get("cumulative_months");
    if (streak != null
        && cumulative != null
        && streak.isIntegralNumber()
        && cumulative.isIntegralNumber()
        && streak.longValue() > cumulative.longValue()) {
      out.add(
          new Violation(
              "$.streak_months",
              "must be at most cumulative_months ("
                  + cumulative.longValue()
                  + "), but is "
                  + streak.longValue()));
    }
  }

  private static void streamMeta(JsonNode e, List<Violation> out) {
    JsonNode raid = e.get("raid");
    JsonNode channel = e.get("channel");
    if (raid == null || !raid.isObject() || !text(channel)) {
      return;
    }
    String type = e.path("event_type").asText("");
    JsonNode from = raid.get("from_channel");
    JsonNode to = raid.get("to_channel");
    if (type.equals("raid_outgoing")
        && text(from)
        && !from.textValue().equals(channel.textValue())) {
      out.add(
          new Violation(
              "$.raid.from_channel",
              "must be the channel '"
                  + channel.textValue()
                  + "' for raid_outgoing, but is '"
                  + from.textValue()
                  + "'"));
    }
    if (type.equals("raid_incoming") && text(to) && !to.textValue().equals(channel.textValue())) {
      out.add(
          new Violation(
              "$.raid.to_channel",
              "must be the channel '"
                  + channel.textValue()
                  + "' for raid_incoming, but is '"
                  + to.textValue()
                  + "'"));
    }
    if (text(from) && text(to) && from.textValue().equals(to.textValue())) {
      out.add(
          new Violation(
              "$.raid.to_channel", "must differ from from_channel (a channel cannot raid itself)"));
    }
  }

  /** US price of one subscription of a tier; Prime pays out like Tier 1. */
  static BigDecimal tierPrice(String tier) {
    return switch (tier) {
      case "1000", "Prime" -> new BigDecimal("4.99");
      case "2000" -> new BigDecimal("9.99");
      case "3000" -> new BigDecimal("24.99");
      default -> null;
    };
  }

  private static boolean text(JsonNode node) {
    return node != null && node.isTextual();
  }
}
