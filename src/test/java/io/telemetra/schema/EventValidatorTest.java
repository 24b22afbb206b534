package io.telemetra.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.telemetra.event.Badge;
import io.telemetra.event.ChatMessage;
import io.telemetra.event.Emote;
import io.telemetra.event.Event;
import io.telemetra.event.EventJson;
import io.telemetra.event.EventType;
import io.telemetra.event.StreamMeta;
import io.telemetra.event.Transaction;
import io.telemetra.event.ViewerCount;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The schemas accept what EventJson writes for fully populated events, and reject broken ones. */
class EventValidatorTest {
  static final long T = 1_796_499_000_123L; // 2026-12-04T...
  static final EventValidator V = EventValidator.standard();

  static final ChatMessage CHAT =
      new ChatMessage(
          "5b7e1f0c-3a9d-4e2b-9c1f-0a2b3c4d5e6f",
          "demo_stream",
          "pixel_pirate",
          "Pixel_Pirate",
          "418273645",
          "Kappa that was close \uD83D\uDE02 KEKW Cheer100",
          T,
          List.of(
              new Emote("Kappa", "25", "twitch", 0, 4), new Emote("KEKW", null, "bttv", 23, 26)),
          List.of(new Badge("moderator", "1", null), new Badge("subscriber", "12", "14")),
          "#1E90FF",
          false,
          100,
          "positive",
          Map.of("client", "web"));
  static final ViewerCount VIEWER =
      new ViewerCount(
          "0f8e3c1a-2b4d-4c6e-8a0b-1c2d3e4f5a6b",
          "demo_stream",
          1523,
          T,
          212L,
          48210L,
          734L,
          Map.of("peak_viewers", 1688, "uptime_seconds", 5400L, "stream_id", "41823945617"));
  static final Transaction GIFT =
      new Transaction(
          "7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d",
          "demo_stream",
          "gift_sub",
          new BigDecimal("24.95"),
          "USD",
          T,
          null,
          null,
          true,
          "1000",
          null,
          null,
          5,
          List.of("lurker_42", "night_owl", "speedy_gonzo", "tea_time", "chat_goblin"),
          null,
          null,
          Map.of("is_gift_bomb", true));
  static final Transaction RENEWAL =
      new Transaction(
          "3d2c1b0a-9f8e-4d7c-8b6a-5f4e3d2c1b0a",
          "demo_stream",
          "subscription_renewal",
          new BigDecimal("24.99"),
          "USD",
          T,
          "418273645",
          "pixel_pirate",
          false,
          "3000",
          14,
          6,
          null,
          null,
          null,
          "14 months",
          null);
  static final Transaction BITS =
      new Transaction(
          "1e2d3c4b-5a69-4788-9a6b-5c4d3e2f1a0b",
          "demo_stream",
          "bits",
          new BigDecimal("1.00"),
          "USD",
          T,
          null,
          "lurker_42",
          false,
          null,
          null,
          null,
          null,
          null,
          100,
          "Cheer100 GG",
          null);
  static final Transaction DONATION =
      new Transaction(
          "c4b3a291-8f7e-4d6c-9b5a-4f3e2d1c0b9a",
          "demo_stream",
          "donation",
          new BigDecimal("10.00"),
          "USD",
          T,
          null,
          "night_owl",
          false,
          null,
          null,
          null,
          null,
          null,
          null,
          "coffee",
          Map.of("payment_provider", "streamlabs"));
  static final StreamMeta START =
      new StreamMeta(
          "e1d2c3b4-a596-4877-8899-aabbccddeeff",
          "demo_stream",
          "stream_start",
          T,
          "41823945617",
          "Ranked grind | !socials",
          new StreamMeta.Category("516575", "VALORANT"),
          List.of("English", "FPS"),
          "en",
          false,
          null,
          new StreamMeta.Quality("1080p", 60, 6000, "h264"),
          Map.of("note", "x"));
  static final StreamMeta RAID =
      new StreamMeta(
          "0a1b2c3d-4e5f-4061-9728-394a5b6c7d8e",
          "demo_stream",
          "raid_outgoing",
          T,
          "41823945617",
          null,
          null,
          null,
          null,
          null,
          new StreamMeta.Raid("demo_stream", "small_caster", 1411),
          null,
          null);

  static JsonNode json(Event e) {
    try {
      return EventValidator.MAPPER.readTree(new EventJson().toBytes(e));
    } catch (Exception x) {
      throw new AssertionError(x);
    }
  }

  static List<String> errors(EventType type, JsonNode node) {
    return V.validate(type, node).stream().map(Violation::toString).toList();
  }

  static Stream<Arguments> validEvents() {
    return Stream.of(CHAT, VIEWER, GIFT, RENEWAL, BITS, DONATION, START, RAID)
        .map(e -> Arguments.of(e.type(), e));
  }

  @ParameterizedTest
  @MethodSource("validEvents")
  void validate_fullyPopulatedEventFromEventJson_isValid(EventType type, Event event) {
    assertThat(errors(type, json(event))).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("validEvents")
  void validate_eachRequiredFieldRemoved_fails(EventType type, Event event) {
    JsonNode schema = V.schema(type).document();
    for (JsonNode required : schema.get("required")) {
      ObjectNode broken = (ObjectNode) json(event);
      broken.remove(required.asText());
      assertThat(errors(type, broken))
          .as("without %s", required.asText())
          .contains("$: required property '" + required.asText() + "' not found");
    }
  }

  @ParameterizedTest
  @MethodSource("validEvents")
  void validate_misspelledField_failsAndSuggestsTheRightName(EventType type, Event event) {
    ObjectNode broken = (ObjectNode) json(event);
    broken.set("chanel", broken.remove("channel"));
    assertThat(errors(type, broken))
        .containsExactlyInAnyOrder(
            "$: required property 'channel' not found",
            "$: property 'chanel' is not defined in the schema and the schema does not allow additional properties"
                + " (did you mean 'channel'?)");
  }

  @ParameterizedTest
  @MethodSource("validEvents")
  void validate_unknownKeysInsideMetadata_areAllowed(EventType type, Event event) {
    ObjectNode node = (ObjectNode) json(event);
    node.putObject("metadata").put("anything_new", 1).putArray("list").add("x");
    assertThat(errors(type, node)).isEmpty();
  }

  @Test
  void validate_wrongEnumValues_fail() {
    ObjectNode tx = (ObjectNode) json(DONATION);
    tx.put("transaction_type", "tip");
    assertThat(errors(EventType.TRANSACTIONS, tx))
        .contains(
            "$.transaction_type: does not have a value in the"
                + " enumeration [\"donation\", \"subscription\", \"bits\", \"gift_sub\", \"subscription_renewal\"]; got \"tip\"");
    ObjectNode chat = (ObjectNode) json(CHAT);
    chat.put("sentiment_hint", "happy");
    ((ObjectNode) chat.get("emotes").get(1)).put("provider", "youtube");
    assertThat(errors(EventType.CHAT, chat))
        .anyMatch(s -> s.startsWith("$.sentiment_hint: does not have a value"))
        .anyMatch(s -> s.startsWith("$.emotes[1].provider: does not have a value"));
    ObjectNode meta = (ObjectNode) json(START);
    meta.put("event_type", "stream_begin");
    assertThat(errors(EventType.STREAM_META, meta))
        .anyMatch(s -> s.startsWith("$.event_type: does not have a value"));
    ObjectNode renewal = (ObjectNode) json(RENEWAL);
    renewal.put("tier", "4000");
    assertThat(errors(EventType.TRANSACTIONS, renewal))
        .anyMatch(s -> s.startsWith("$.tier: does not have a value"));
  }

  @Test
  void validate_treeFromAPlainObjectMapper_comparesAmountsNumerically() throws Exception {
    // A consumer's default ObjectMapper reads 24.99 as a double, not a BigDecimal.
    JsonNode plain =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(new EventJson().toBytes(RENEWAL));
    assertThat(plain.get("amount").isDouble()).isTrue();
    assertThat(errors(EventType.TRANSACTIONS, plain)).isEmpty();
    JsonNode gift =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(new EventJson().toBytes(GIFT));
    assertThat(errors(EventType.TRANSACTIONS, gift)).isEmpty();
  }

  @Test
  void validate_emotePositionOutsideMessage_fails() {
    ObjectNode chat = (ObjectNode) json(CHAT);
    // The message has 36 code points (the emoji is one code point but two UTF-16 chars).
    ObjectNode kekw = (ObjectNode) chat.get("emotes").get(1);
    kekw.put("start", 35).put("end", 38);
    assertThat(errors(EventType.CHAT, chat))
        .containsExactly(
            "$.emotes[1].end: must lie inside the message, which has 36 code points (last position 35), but is 38");
  }

  @Test
  void validate_emoteRangeNotCoveringItsName_fails() {
    ObjectNode chat = (ObjectNode) json(CHAT);
    ((ObjectNode) chat.get("emotes").get(1))
        .put("start", 22)
        .put("end", 25); // off by one (UTF-16 counting)
    assertThat(errors(EventType.CHAT, chat))
        .containsExactly(
            "$.emotes[1]: positions 22-25 cover ' KEK' in the message, not the emote name 'KEKW'");
  }

  @Test
  void validate_emoteEndBeforeStartOrOverlap_fails() {
    ObjectNode chat = (ObjectNode) json(CHAT);
    ((ObjectNode) chat.get("emotes").get(1)).put("start", 4).put("end", 3);
    assertThat(errors(EventType.CHAT, chat))
        .containsExactly("$.emotes[1].end: must be at least start (4), but is 3");
    ObjectNode twice = (ObjectNode) json(CHAT);
    ((ArrayNode) twice.get("emotes")).add(twice.get("emotes").get(0).deepCopy());
    assertThat(errors(EventType.CHAT, twice))
        .containsExactly("$.emotes[2]: positions 0-4 overlap emotes[0] at 0-4");
  }

  @Test
  void validate_twitchEmoteWithoutIdOrThirdPartyWithId_fails() {
    ObjectNode chat = (ObjectNode) json(CHAT);
    ((ObjectNode) chat.get("emotes").get(0)).remove("id");
    ((ObjectNode) chat.get("emotes").get(1)).put("id", "123");
    assertThat(errors(EventType.CHAT, chat))
        .containsExactly(
            "$.emotes[0]: required property 'id' not found (rule: a twitch emote carries its Twitch id; third-party"
                + " emotes (bttv, ffz, 7tv) have none)",
            "$.emotes[1]: must not have property 'id' (rule: a twitch emote carries its Twitch id; third-party emotes"
                + " (bttv, ffz, 7tv) have none)");
  }

  @Test
  void validate_chatFieldFormats_areEnforced() {
    assertThat(errorsWith(CHAT, "display_name", "PixelPirate"))
        .containsExactly(
            "$.display_name: must be the username 'pixel_pirate' up to letter case, but is 'PixelPirate'");
    assertThat(errorsWith(CHAT, "color", "blue")).hasSize(1);
    assertThat(errorsWith(CHAT, "user_id", "u123")).hasSize(1);
    assertThat(errorsWith(CHAT, "message", "   "))
        .contains("$.message: does not match the regex pattern [^\\s]; got \"   \"");
    assertThat(errorsWith(CHAT, "message_id", "5B7E1F0C-3A9D-4E2B-9C1F-0A2B3C4D5E6F")).hasSize(1);
    assertThat(errorsWith(CHAT, "username", "_lead"))
        .anyMatch(e -> e.startsWith("$.username: does not match"));
    assertThat(errorsWith(CHAT, "username", "ab"))
        .anyMatch(e -> e.startsWith("$.username: does not match"));
    ObjectNode noCheer = (ObjectNode) json(CHAT);
    noCheer.put("message", "Kappa that was close \uD83D\uDE02 KEKW nice!!");
    assertThat(errors(EventType.CHAT, noCheer))
        .anyMatch(s -> s.contains("rule: a cheer (bits) carries a cheermote"));
    ObjectNode badges = (ObjectNode) json(CHAT);
    ArrayNode list = (ArrayNode) badges.get("badges");
    list.add(list.get(0).deepCopy());
    assertThat(errors(EventType.CHAT, badges))
        .containsExactly("$.badges[2].set_id: badge set 'moderator' appears more than once");
    list.add(list.get(1).deepCopy()).add(list.get(1).deepCopy());
    assertThat(errors(EventType.CHAT, badges))
        .contains("$.badges: must have at most 4 items but found 5");
  }

  @Test
  void validate_longMessage_countsCodePoints() {
    ObjectNode chat = (ObjectNode) json(VIEWER).deepCopy();
    ObjectNode c = (ObjectNode) json(CHAT);
    c.remove("emotes");
    c.remove("bits");
    c.put("message", "\uD83D\uDE02".repeat(500)); // 500 code points, 1000 UTF-16 chars
    assertThat(errors(EventType.CHAT, c)).isEmpty();
    c.put("message", "a".repeat(501));
    assertThat(errors(EventType.CHAT, c))
        .containsExactly(
            "$.message: must be at most 500 characters long; got \"" + "a".repeat(76) + "...");
    assertThat(chat).isNotNull();
  }

  @Test
  void validate_timestamps_needUtcWithMilliseconds() {
    assertThat(errorsWith(VIEWER, "timestamp", "2026-12-04T19:30:30Z")).hasSize(1);
    assertThat(errorsWith(VIEWER, "timestamp", "2026-12-04T19:30:30.000+01:00")).hasSize(1);
    assertThat(errorsWith(VIEWER, "timestamp", "2026-12-04 19:30:30.000Z")).hasSize(1);
    assertThat(errorsWith(VIEWER, "timestamp", "2026-02-30T19:30:30.000Z"))
        .containsExactly(
            "$.timestamp: must be a valid RFC 3339 date-time; got \"2026-02-30T19:30:30.000Z\"");
  }

  @Test
  void validate_transactionConditionals_areEnforced() {
    assertThat(errorsWithout(RENEWAL, "tier"))
        .containsExactly(
            "$: required property 'tier' not found (rule:"
                + " subscription, subscription_renewal and gift_sub carry a tier; bits and donation do not)");
    assertThat(errorsWithout(RENEWAL, "cumulative_months"))
        .containsExactly(
            "$: required property"
                + " 'cumulative_months' not found (rule: subscription_renewal carries cumulative_months of at least 2)");
    assertThat(errorsWith(RENEWAL, "amount", 4.99))
        .containsExactly(
            "$.amount: must be the constant value '24.99';"
                + " got 4.99 (rule: a Tier 3 subscription or renewal is worth 24.99 USD)");
    assertThat(errorsWith(RENEWAL, "streak_months", 15))
        .containsExactly("$.streak_months: must be at most cumulative_months (14), but is 15");
    assertThat(errorsWith(RENEWAL, "is_anonymous", true)).hasSize(3);
    assertThat(errorsWithout(GIFT, "gift_count"))
        .contains(
            "$: required property 'gift_count' not found (rule:"
                + " gift_sub carries gift_count (1 to 100) and may carry recipients; other types carry neither)");
    assertThat(errorsWith(GIFT, "gift_count", 101))
        .contains("$.gift_count: must have a maximum value of 100; got 101");
    assertThat(errorsWith(GIFT, "gift_count", 4))
        .containsExactly(
            "$.amount: must be gift_count x tier price = 4 x 4.99 = 19.96, but is 24.95",
            "$.recipients: must list exactly gift_count (4) logins, but lists 5");
    assertThat(errorsWith(GIFT, "tier", "Prime"))
        .anyMatch(s -> s.startsWith("$.tier: does not have a value"));
    assertThat(errorsWith(GIFT, "username", "night_owl"))
        .containsExactly(
            "$: must not have property 'username'"
                + " (rule: an anonymous transaction names no payer; any other names its payer in username; subscriptions"
                + " and renewals are never anonymous)");
    assertThat(errorsWithout(BITS, "bits"))
        .containsExactly(
            "$: required property 'bits' not found (rule: bits"
                + " carries a positive whole number of bits; other types do not)");
    assertThat(errorsWith(BITS, "bits", 0))
        .contains("$.bits: must have a minimum value of 1; got 0");
    assertThat(errorsWith(BITS, "bits", 1.5))
        .anyMatch(s -> s.startsWith("$.bits: number found, integer expected"));
    assertThat(errorsWith(BITS, "amount", 1.4))
        .containsExactly("$.amount: must be bits x 0.01 = 100 x 0.01 = 1.00," + " but is 1.4");
    assertThat(errorsWith(DONATION, "amount", 10.005))
        .containsExactly("$.amount: must be multiple of 0.01; got 10.005");
    assertThat(errorsWith(DONATION, "amount", 0))
        .containsExactly(
            "$.amount: must have a minimum value of 0.01; got 0"
                + " (rule: a donation is a positive amount)");
    assertThat(errorsWith(DONATION, "currency", "EUR"))
        .containsExactly("$.currency: must be the constant value" + " 'USD'; got \"EUR\"");
    assertThat(errorsWith(DONATION, "tier", "1000"))
        .containsExactly(
            "$: must not have property 'tier' (rule:"
                + " subscription, subscription_renewal and gift_sub carry a tier; bits and donation do not)");
    assertThat(errorsWithout(DONATION, "username"))
        .containsExactly(
            "$: required property 'username' not found"
                + " (rule: an anonymous transaction names no payer; any other names its payer in username; subscriptions"
                + " and renewals are never anonymous)");
  }

  @Test
  void validate_streamMetaConditionals_areEnforced() {
    assertThat(errorsWithout(START, "title"))
        .containsExactly(
            "$: required property 'title' not found (rule:"
                + " stream_start carries the title and category the stream starts with)");
    assertThat(errorsWithout(RAID, "raid"))
        .containsExactly(
            "$: required property 'raid' not found (rule:"
                + " raid_incoming and raid_outgoing carry the raid; other types do not)");
    ObjectNode wrongSide = (ObjectNode) json(RAID);
    wrongSide.put("event_type", "raid_incoming");
    assertThat(errors(EventType.STREAM_META, wrongSide))
        .containsExactly(
            "$.raid.to_channel: must be the channel 'demo_stream' for raid_incoming, but is 'small_caster'");
    ObjectNode tags = (ObjectNode) json(START);
    ArrayNode list = tags.putArray("tags");
    for (int i = 0; i < 11; i++) {
      list.add("tag" + i);
    }
    assertThat(errors(EventType.STREAM_META, tags))
        .containsExactly("$.tags: must have at most 10 items but found 11");
    assertThat(errorsWith(START, "language", "eng")).hasSize(1);
    ObjectNode spaced = (ObjectNode) json(START);
    spaced.putArray("tags").add("Just Chatting").add("x".repeat(26));
    assertThat(errors(EventType.STREAM_META, spaced)).hasSize(2);
    ObjectNode category = (ObjectNode) json(START);
    ((ObjectNode) category.get("category")).put("slug", "valorant");
    assertThat(errors(EventType.STREAM_META, category))
        .containsExactly(
            "$.category: property 'slug' is not defined"
                + " in the schema and the schema does not allow additional properties");
  }

  @Test
  void validate_bytes_reportsMalformedJsonAsOneViolation() {
    assertThat(V.validate(EventType.VIEWER, "{\"a\": }".getBytes()))
        .containsExactly(
            new Violation(
                "$",
                "malformed JSON at line 1, column 7: Unexpected character ('}' (code 125)): expected a value"));
    assertThat(V.validate(EventType.VIEWER, new byte[0]))
        .containsExactly(new Violation("$", "empty input: expected a JSON object"));
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schema_examplesAreValid(EventType type) {
    JsonNode examples = V.schema(type).document().get("examples");
    assertThat(examples).isNotEmpty();
    for (JsonNode example : examples) {
      assertThat(errors(type, example)).as("example %s", example).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schema_isDraft202012WithIdTitleAndDescriptionsEverywhere(EventType type) throws Exception {
    JsonNode s = V.schema(type).document();
    assertThat(s.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(s.get("$id").asText())
        .isEqualTo("https://telemetra.io/schemas/" + type.schemaFile());
    assertThat(s.get("title").asText()).isNotBlank();
    assertThat(s.get("additionalProperties").asBoolean(true)).isFalse();
    List<String> undocumented = new ArrayList<>();
    collectUndocumented(s, "$", undocumented);
    assertThat(undocumented).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void schema_onClasspathIsTheFileInSchemasDirectory(EventType type) throws Exception {
    try (InputStream in =
        EventValidator.class.getResourceAsStream("/schemas/" + type.schemaFile())) {
      assertThat(in).isNotNull();
      assertThat(in.readAllBytes())
          .isEqualTo(Files.readAllBytes(Path.of("schemas", type.schemaFile())));
    }
  }

  /** Every property of every object schema has a description. */
  private static void collectUndocumented(JsonNode node, String at, List<String> out) {
    if (node.isObject()) {
      JsonNode props = node.get("properties");
      if (props != null && !at.contains("allOf")) {
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> p = it.next();
          if (!p.getValue().path("description").isTextual()) {
            out.add(at + ".properties." + p.getKey());
          }
        }
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (!f.getKey().equals("examples")) {
          collectUndocumented(f.getValue(), at + "." + f.getKey(), out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        collectUndocumented(node.get(i), at + "[" + i + "]", out);
      }
    }
  }

  private static List<String> errorsWith(Event event, String field, Object value) {
    ObjectNode node = (ObjectNode) json(event);
    node.set(field, EventValidator.MAPPER.valueToTree(value));
    return errors(event.type(), node);
  }

  private static List<String> errorsWithout(Event event, String field) {
    ObjectNode node = (ObjectNode) json(event);
    node.remove(field);
    return errors(event.type(), node);
  }
}
