package io.telemetra.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.event.Badge;
import io.telemetra.event.ChatMessage;
import io.telemetra.event.Emote;
import io.telemetra.event.Event;
import io.telemetra.event.EventJson;
import io.telemetra.event.EventType;
import io.telemetra.event.StreamMeta;
import io.telemetra.event.Timestamps;
import io.telemetra.event.Transaction;
import io.telemetra.event.ViewerCount;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventFormatterTest {
  private static final long AT = Timestamps.parse("2026-12-04T19:57:24.123Z");
  private final EventFormatter plain = new EventFormatter(false);

  private String format(Event e) {
    return plain.format(e.type(), new EventJson().toBytes(e));
  }

  private static ChatMessage chat(
      String text, List<Emote> emotes, List<Badge> badges, boolean action, Integer bits) {
    return new ChatMessage(
        "6f1c9a52-8a51-4d1e-9a3e-0b5f0c7d1e2f",
        "xqc",
        "nightbot",
        "Nightbot",
        "19264788",
        text,
        AT,
        emotes,
        badges,
        "#FF4500",
        action,
        bits,
        "neutral",
        null);
  }

  @Test
  void format_chatWithBadgesAndEmotes_readsLikeChat() {
    ChatMessage m =
        chat(
            "that was Kappa insane KEKW",
            List.of(
                new Emote("Kappa", "25", "twitch", 9, 13), new Emote("KEKW", null, "bttv", 22, 25)),
            List.of(new Badge("subscriber", "12", "14"), new Badge("moderator", "1", null)),
            false,
            null);

    assertThat(format(m)).isEqualTo("19:57:24 #xqc ★⚔ Nightbot: that was :Kappa: insane :KEKW:");
  }

  @Test
  void format_chatEmotePositionsAreCodePoints_marksTheRightText() {
    ChatMessage m =
        chat("😀 LUL", List.of(new Emote("LUL", "425618", "twitch", 2, 4)), List.of(), false, null);

    assertThat(format(m)).isEqualTo("19:57:24 #xqc Nightbot: 😀 :LUL:");
  }

  @Test
  void format_actionWithBits_showsStarAndBits() {
    ChatMessage m =
        chat("Cheer100 dances", List.of(), List.of(new Badge("bits", "100", null)), true, 100);

    assertThat(format(m)).isEqualTo("19:57:24 #xqc ◇ * Nightbot Cheer100 dances (100 bits)");
  }

  @Test
  void format_chatWithEmoteOutOfRange_ignoresTheEmote() {
    ChatMessage m =
        chat("hi", List.of(new Emote("Kappa", "25", "twitch", 5, 9)), List.of(), false, null);

    assertThat(format(m)).isEqualTo("19:57:24 #xqc Nightbot: hi");
  }

  private static Transaction tx(
      String type,
      String amount,
      String currency,
      String tier,
      Integer months,
      Integer gifts,
      Integer bits,
      boolean anonymous,
      String message) {
    return new Transaction(
        "a3d7c1e2-1111-4a2b-8c3d-4e5f60718293",
        "xqc",
        type,
        new BigDecimal(amount),
        currency,
        AT,
        "1234",
        "viewer_12",
        anonymous,
        tier,
        months,
        months == null ? null : 3,
        gifts,
        null,
        bits,
        message,
        null);
  }

  @Test
  void format_subscriptionRenewal_showsAmountTierUserAndMonths() {
    assertThat(
            format(
                tx(
                    "subscription_renewal",
                    "4.99",
                    "USD",
                    "1000",
                    12,
                    null,
                    null,
                    false,
                    "love the stream")))
        .isEqualTo(
            "19:57:24 #xqc $ subscription_renewal $4.99 Tier 1 by viewer_12 (12 months, streak 3): \"love the stream\"");
  }

  @Test
  void format_anonymousGiftBomb_showsCountAndAnonymous() {
    assertThat(format(tx("gift_sub", "49.90", "USD", "1000", null, 10, null, true, null)))
        .isEqualTo("19:57:24 #xqc $ gift_sub $49.90 Tier 1 x10 gifts by anonymous");
  }

  @Test
  void format_bitsAndForeignDonation_showBitsAndCurrency() {
    assertThat(format(tx("bits", "5", "USD", null, null, null, 500, false, null)))
        .isEqualTo("19:57:24 #xqc $ bits $5.00 500 bits by viewer_12");
    assertThat(format(tx("donation", "20", "EUR", null, null, null, null, false, null)))
        .isEqualTo("19:57:24 #xqc $ donation 20.00 EUR by viewer_12");
  }

  @Test
  void format_viewer_showsCounts() {
    ViewerCount v = new ViewerCount("e1", "xqc", 15234, AT, 1203L, 2345678L, 12345L, null);

    assertThat(format(v))
        .isEqualTo(
            "19:57:24 #xqc viewers 15,234 · chatters 1,203 · followers 2,345,678 · subscribers 12,345");
  }

  private static StreamMeta meta(
      String kind, String title, StreamMeta.Category category, StreamMeta.Raid raid) {
    return new StreamMeta(
        "e2",
        "xqc",
        kind,
        AT,
        "s1",
        title,
        category,
        kind.equals("stream_start") ? List.of("English", "FPS") : null,
        kind.equals("stream_start") ? "en" : null,
        null,
        raid,
        null,
        null);
  }

  @Test
  void format_streamEvents_showWhatChanged() {
    StreamMeta.Category valorant = new StreamMeta.Category("516575", "VALORANT");
    assertThat(format(meta("stream_start", "ranked grind", valorant, null)))
        .isEqualTo(
            "19:57:24 #xqc ▶ stream started: \"ranked grind\" · VALORANT · en [English, FPS]");
    assertThat(format(meta("title_change", "new title", valorant, null)))
        .isEqualTo("19:57:24 #xqc title → \"new title\"");
    assertThat(format(meta("category_change", null, valorant, null)))
        .isEqualTo("19:57:24 #xqc category → VALORANT");
    assertThat(
            format(meta("raid_outgoing", null, null, new StreamMeta.Raid("xqc", "shroud", 15234))))
        .isEqualTo("19:57:24 #xqc ⇒ raid outgoing xqc → shroud with 15,234 viewers");
    assertThat(format(meta("stream_end", null, null, null)))
        .isEqualTo("19:57:24 #xqc ■ stream ended");
  }

  @Test
  void format_notJson_showsTheRawValueMarked() {
    assertThat(plain.format(EventType.CHAT, "oops".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("[chat: not a JSON object] oops");
  }

  @Test
  void format_withColor_usesAnsiAndUserColour() {
    ChatMessage m =
        chat("Kappa", List.of(new Emote("Kappa", "25", "twitch", 0, 4)), List.of(), false, null);

    String line = new EventFormatter(true).format(EventType.CHAT, new EventJson().toBytes(m));

    assertThat(line)
        .contains("\u001b[38;2;255;69;0m")
        .contains(Ansi.BOLD + Ansi.MAGENTA + "Kappa" + Ansi.RESET)
        .doesNotContain(":Kappa:");
    assertThat(format(m)).doesNotContain("\u001b");
  }
}
