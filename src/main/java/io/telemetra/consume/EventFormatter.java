package io.telemetra.consume;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.telemetra.event.EventType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One readable line per event, as {@code telemetra consume} prints it. Works on the JSON value
 * (what a consumer sees), so it shows exactly what is in Kafka. Times are UTC, {@code HH:mm:ss}.
 *
 * <pre>
 * 19:57:24 #xqc ★⚔ Nightbot: that was :Kappa: insane
 * 19:57:25 #xqc $ subscription $4.99 Tier 1 by viewer_12 (12 months)
 * 19:57:25 #xqc viewers 15,234 · chatters 1,203 · followers 2,345,678 · subscribers 12,345
 * 19:57:26 #xqc ⇒ raid xqc → shroud with 15,234 viewers
 * </pre>
 */
public final class EventFormatter {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** Badge set ids to the symbol shown before the user name; others show as {@code •}. */
  static final Map<String, String> BADGES =
      Map.ofEntries(
          Map.entry("broadcaster", "♛"),
          Map.entry("moderator", "⚔"),
          Map.entry("vip", "◆"),
          Map.entry("founder", "✦"),
          Map.entry("subscriber", "★"),
          Map.entry("staff", "⚙"),
          Map.entry("admin", "⚙"),
          Map.entry("global_mod", "⚙"),
          Map.entry("partner", "✓"),
          Map.entry("verified", "✓"),
          Map.entry("turbo", "⚡"),
          Map.entry("premium", "♦"),
          Map.entry("bits", "◇"),
          Map.entry("sub-gifter", "♥"),
          Map.entry("sub_gifter", "♥"));

  private final Ansi ansi;

  /**
   * @param color whether to use ANSI colours (only on a terminal)
   */
  public EventFormatter(boolean color) {
    this.ansi = new Ansi(color);
  }

  /** The line for one message value of {@code type} (without a line break). */
  public String format(EventType type, byte[] value) {
    JsonNode n;
    try {
      n = MAPPER.readTree(value);
    } catch (IOException e) {
      n = null;
    }
    if (n == null || !n.isObject()) {
      return ansi.paint(Ansi.RED, "[" + type.topicSuffix() + ": not a JSON object] ")
          + new String(value, StandardCharsets.UTF_8);
    }
    String head =
        ansi.paint(Ansi.DIM, time(n.path("timestamp").asText("")))
            + " "
            + ansi.paint(Ansi.BOLD, "#" + n.path("channel").asText("?"))
            + " ";
    return head
        + switch (type) {
          case CHAT -> chat(n);
          case VIEWER -> viewer(n);
          case TRANSACTIONS -> transaction(n);
          case STREAM_META -> stream(n);
        };
  }

  private static String time(String timestamp) {
    try {
      return TIME.format(Instant.parse(timestamp));
    } catch (RuntimeException e) {
      return timestamp.isEmpty() ? "--:--:--" : timestamp;
    }
  }

  private String chat(JsonNode n) {
    StringBuilder badges = new StringBuilder();
    for (JsonNode b : n.path("badges")) {
      badges.append(BADGES.getOrDefault(b.path("set_id").asText(), "•"));
    }
    String name =
        n.hasNonNull("display_name")
            ? n.get("display_name").asText()
            : n.path("username").asText("?");
    String user = ansi.paint(Ansi.rgb(n.path("color").asText(null), Ansi.CYAN) + Ansi.BOLD, name);
    String text = markEmotes(n.path("message").asText(""), n.path("emotes"));
    StringBuilder sb = new StringBuilder();
    if (badges.length() > 0) {
      sb.append(badges).append(' ');
    }
    if (n.path("is_action").asBoolean(false)) {
      sb.append("* ").append(user).append(' ').append(ansi.paint(Ansi.ITALIC, text));
    } else {
      sb.append(user).append(": ").append(text);
    }
    if (n.hasNonNull("bits")) {
      sb.append(' ')
          .append(ansi.paint(Ansi.MAGENTA, "(" + count(n.get("bits").asLong()) + " bits)"));
    }
    return sb.toString();
  }

  /** Marks each emote occurrence: {@code :Kappa:} without colour, bold magenta with it. */
  private String markEmotes(String message, JsonNode emotes) {
    if (!emotes.isArray() || emotes.isEmpty()) {
      return message;
    }
    int[] cps = message.codePoints().toArray();
    List<int[]> ranges = new ArrayList<>();
    for (JsonNode e : emotes) {
      int start = e.path("start").asInt(-1);
      int end = e.path("end").asInt(-1);
      if (start >= 0 && end >= start && end < cps.length) {
        ranges.add(new int[] {start, end});
      }
    }
    ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (int[] r : ranges) {
      if (r[0] < at) {
        continue; // overlapping ranges: keep the first
      }
      sb.append(new String(cps, at, r[0] - at));
      String emote = new String(cps, r[0], r[1] - r[0] + 1);
      sb.append(ansi.on() ? ansi.paint(Ansi.BOLD + Ansi.MAGENTA, emote) : ":" + emote + ":");
      at = r[1] + 1;
    }
    sb.append(new String(cps, at, cps.length - at));
    return sb.toString();
  }

  private String viewer(JsonNode n) {
    StringBuilder sb =
        new StringBuilder(
            ansi.paint(Ansi.BLUE, "viewers " + count(n.path("viewer_count").asLong())));
    optionalCount(sb, n, "chatter_count", "chatters");
    optionalCount(sb, n, "follower_count", "followers");
    optionalCount(sb, n, "subscriber_count", "subscribers");
    return sb.toString();
  }

  private static void optionalCount(StringBuilder sb, JsonNode n, String field, String label) {
    if (n.hasNonNull(field)) {
      sb.append(" · ").append(label).append(' ').append(count(n.get(field).asLong()));
    }
  }

  private String transaction(JsonNode n) {
    String type = n.path("transaction_type").asText("?");
    StringBuilder sb = new StringBuilder(ansi.paint(Ansi.GREEN + Ansi.BOLD, "$ " + type));
    sb.append(' ')
        .append(ansi.paint(Ansi.GREEN, money(n.path("amount"), n.path("currency").asText("USD"))));
    if (n.hasNonNull("tier")) {
      sb.append(' ').append(tier(n.get("tier").asText()));
    }
    if (n.hasNonNull("gift_count")) {
      sb.append(" x").append(n.get("gift_count").asLong()).append(" gifts");
    }
    if (n.hasNonNull("bits")) {
      sb.append(' ').append(count(n.get("bits").asLong())).append(" bits");
    }
    String who =
        n.path("is_anonymous").asBoolean(false)
            ? "anonymous"
            : n.path("username").asText(n.path("user_id").asText("?"));
    sb.append(" by ").append(ansi.paint(Ansi.CYAN, who));
    if (n.hasNonNull("cumulative_months")) {
      sb.append(" (").append(n.get("cumulative_months").asLong()).append(" months");
      if (n.hasNonNull("streak_months")) {
        sb.append(", streak ").append(n.get("streak_months").asLong());
      }
      sb.append(')');
    }
    if (n.hasNonNull("message") && !n.get("message").asText().isEmpty()) {
      sb.append(": \"").append(n.get("message").asText()).append('"');
    }
    return sb.toString();
  }

  /** Twitch sub plans: {@code 1000/2000/3000/Prime}; also accepts already readable tiers. */
  static String tier(String plan) {
    return switch (plan) {
      case "1000" -> "Tier 1";
      case "2000" -> "Tier 2";
      case "3000" -> "Tier 3";
      case "prime", "Prime" -> "Prime";
      default -> plan;
    };
  }

  private static String money(JsonNode amount, String currency) {
    if (!amount.isNumber()) {
      return "?";
    }
    BigDecimal v = amount.decimalValue();
    String text = v.scale() < 2 ? v.setScale(2).toPlainString() : v.toPlainString();
    return "USD".equals(currency) ? "$" + text : text + " " + currency;
  }

  private String stream(JsonNode n) {
    String kind = n.path("event_type").asText("?");
    String title = n.hasNonNull("title") ? "\"" + n.get("title").asText() + "\"" : null;
    String category = n.path("category").path("name").asText(null);
    StringBuilder sb = new StringBuilder();
    switch (kind) {
      case "stream_start", "stream_online" -> {
        sb.append(ansi.paint(Ansi.YELLOW + Ansi.BOLD, "▶ stream started"));
        append(sb, ": ", title);
        append(sb, " · ", category);
        if (n.hasNonNull("language")) {
          sb.append(" · ").append(n.get("language").asText());
        }
        if (n.path("tags").isArray() && !n.path("tags").isEmpty()) {
          List<String> tags = new ArrayList<>();
          n.get("tags").forEach(t -> tags.add(t.asText()));
          sb.append(" [").append(String.join(", ", tags)).append(']');
        }
      }
      case "stream_end", "stream_offline" ->
          sb.append(ansi.paint(Ansi.YELLOW + Ansi.BOLD, "■ stream ended"));
      case "title_change" ->
          sb.append(ansi.paint(Ansi.YELLOW, "title → ")).append(title == null ? "?" : title);
      case "category_change" ->
          sb.append(ansi.paint(Ansi.YELLOW, "category → "))
              .append(category == null ? "?" : category);
      default -> {
        if (n.hasNonNull("raid")) {
          JsonNode r = n.get("raid");
          sb.append(ansi.paint(Ansi.YELLOW + Ansi.BOLD, "⇒ " + kind.replace('_', ' ')))
              .append(' ')
              .append(r.path("from_channel").asText("?"))
              .append(" → ")
              .append(r.path("to_channel").asText("?"))
              .append(" with ")
              .append(count(r.path("viewer_count").asLong()))
              .append(" viewers");
        } else {
          sb.append(ansi.paint(Ansi.YELLOW, kind.replace('_', ' ')));
          append(sb, ": ", title);
          append(sb, " · ", category);
        }
      }
    }
    if (n.hasNonNull("quality") && !kind.startsWith("raid")) {
      JsonNode q = n.get("quality");
      sb.append(
          ansi.paint(
              Ansi.DIM, " (" + q.path("resolution").asText() + "@" + q.path("fps").asInt() + ")"));
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String separator, String text) {
    if (text != null) {
      sb.append(separator).append(text);
    }
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
