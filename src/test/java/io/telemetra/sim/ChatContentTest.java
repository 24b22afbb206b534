package io.telemetra.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.config.ChannelSpec;
import io.telemetra.event.Badge;
import io.telemetra.event.ChatMessage;
import io.telemetra.event.Emote;
import io.telemetra.event.EventType;
import io.telemetra.event.Transaction;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chat content over a long run: emotes, positions, sentiment, variety, identities and badges. */
class ChatContentTest {
  private static final List<ChatMessage> CHAT = new ArrayList<>();
  private static Simulation sim;

  @BeforeAll
  static void run() {
    List<ChannelSpec> specs =
        List.of(
            new ChannelSpec("big_chat", 20_000),
            new ChannelSpec("mid_chat", 800),
            new ChannelSpec("small_chat", 40));
    sim =
        new Simulation(
            SimRuns.named(specs, 21)
                .withModel(SimulationModel.DEFAULTS.withStreamLengths(100, 100, 20)));
    SimRuns.run(
        sim,
        200,
        1800,
        e -> {
          if (e instanceof ChatMessage m) {
            CHAT.add(m);
          }
        });
  }

  @Test
  void emoteFrequencies_fallWithRank() {
    Map<String, Integer> counts = new HashMap<>();
    for (ChatMessage m : CHAT) {
      for (Emote e : m.emotes()) {
        counts.merge(e.name(), 1, Integer::sum);
      }
    }
    int[] ranks = {1, 2, 4, 8, 16, 32};
    int previous = Integer.MAX_VALUE;
    for (int rank : ranks) {
      int count = counts.getOrDefault((String) ChatText.EMOTES[rank - 1][0], 0);
      assertThat(count).as("emote of rank %d", rank).isLessThan(previous);
      previous = count;
    }
    double top = counts.get((String) ChatText.EMOTES[0][0]);
    double tenth = counts.get((String) ChatText.EMOTES[9][0]);
    assertThat(top / tenth).as("Zipf: rank 1 vs rank 10").isBetween(5.0, 20.0);
  }

  @Test
  void emotePositions_matchTheTextInCodePoints() {
    long withEmotes = 0;
    boolean astralBeforeEmote = false;
    for (ChatMessage m : CHAT) {
      int[] cps = m.message().codePoints().toArray();
      assertThat(cps.length).isBetween(1, 500);
      int lastEnd = -1;
      for (Emote e : m.emotes()) {
        assertThat(e.start()).isGreaterThan(lastEnd);
        assertThat(e.end()).isLessThan(cps.length);
        String span = new String(cps, e.start(), e.end() - e.start() + 1);
        assertThat(span).as(m.message()).isEqualTo(e.name());
        assertThat(e.id() != null).isEqualTo(e.provider().equals("twitch"));
        assertThat(e.provider()).isIn("twitch", "bttv", "ffz", "7tv");
        lastEnd = e.end();
        if (m.message().offsetByCodePoints(0, e.start()) != e.start()) {
          astralBeforeEmote = true;
        }
      }
      if (!m.emotes().isEmpty()) {
        withEmotes++;
      }
    }
    assertThat(astralBeforeEmote).as("some emote follows an emoji outside the BMP").isTrue();
    assertThat((double) withEmotes / CHAT.size()).isBetween(0.30, 0.50);
  }

  @Test
  void firstPartyEmotes_carryTheirTwitchIds() {
    Map<String, String> ids = new HashMap<>();
    for (ChatMessage m : CHAT) {
      for (Emote e : m.emotes()) {
        if (e.id() != null) {
          ids.put(e.name(), e.id());
        }
      }
    }
    assertThat(ids)
        .containsEntry("Kappa", "25")
        .containsEntry("LUL", "425618")
        .containsEntry("Kreygasm", "41")
        .containsEntry("<3", "9")
        .containsEntry("PogChamp", "305954156");
    assertThat(ids).doesNotContainKeys("KEKW", "OMEGALUL", "monkaS", "Pog", "catJAM");
  }

  @Test
  void sentiment_identicalTextGetsIdenticalHint() {
    Map<String, String> hints = new HashMap<>();
    Map<String, Integer> classes = new HashMap<>();
    long repeated = 0;
    for (ChatMessage m : CHAT) {
      String previous = hints.putIfAbsent(m.message(), m.sentimentHint());
      if (previous != null) {
        repeated++;
        assertThat(m.sentimentHint()).as(m.message()).isEqualTo(previous);
      }
      assertThat(m.sentimentHint()).isEqualTo(sim.text.sentimentOf(m.message()));
      classes.merge(m.sentimentHint(), 1, Integer::sum);
    }
    assertThat(repeated).isGreaterThan(1000);
    assertThat(classes.keySet()).containsExactlyInAnyOrder("positive", "neutral", "negative");
    assertThat(sim.text.sentimentOf("gg KEKW")).isEqualTo("positive");
    assertThat(sim.text.sentimentOf("trash BibleThump")).isEqualTo("negative");
    assertThat(sim.text.sentimentOf("what map is this")).isEqualTo("neutral");
  }

  @Test
  void actions_areAFewPercent() {
    long actions = CHAT.stream().filter(ChatMessage::isAction).count();
    assertThat((double) actions / CHAT.size()).isBetween(0.01, 0.03);
  }

  @Test
  void chatters_keepOneIdentityAndConsistentBadges() {
    Map<String, String> color = new HashMap<>();
    Map<String, String> userId = new HashMap<>();
    Map<String, String> role = new HashMap<>();
    Map<String, Integer> months = new HashMap<>();
    java.util.regex.Pattern login = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_]{2,24}");
    java.util.regex.Pattern hex = java.util.regex.Pattern.compile("#[0-9A-F]{6}");
    for (ChatMessage m : CHAT) {
      // Plain checks: AssertJ per message would dominate the run time.
      check(login.matcher(m.username()).matches(), "login", m);
      check(m.displayName().equalsIgnoreCase(m.username()), "display name", m);
      String key = m.channel() + "/" + m.username();
      check(m.color() == null || hex.matcher(m.color()).matches(), "colour format", m);
      String c = color.putIfAbsent(m.username(), String.valueOf(m.color()));
      check(c == null || c.equals(String.valueOf(m.color())), "same colour", m);
      String id = userId.putIfAbsent(m.username(), m.userId());
      check(id == null || id.equals(m.userId()), "same user id", m);
      check(m.badges().size() <= 4, "at most four badges", m);
      check(
          m.badges().stream().map(Badge::setId).distinct().count() == m.badges().size(),
          "distinct badge sets",
          m);
      String r = "none";
      Integer sub = null;
      for (Badge b : m.badges()) {
        switch (b.setId()) {
          case "broadcaster", "moderator", "vip" -> r = b.setId();
          case "subscriber" -> {
            sub = Integer.valueOf(b.info());
            check(b.id().equals(Integer.toString(Chatters.Badges.bucket(sub))), "tenure bucket", m);
          }
          default -> {}
        }
      }
      check(
          r.equals("broadcaster") == m.username().equals(m.channel()),
          "broadcaster badge iff owner",
          m);
      if (!m.message().contains(" raid")
          && !m.message().contains("RAID")
          && !m.message().contains("raiders")) {
        String before = role.putIfAbsent(key, r);
        check(before == null || before.equals(r), "same role", m);
      }
      if (sub != null) {
        Integer prev = months.put(key, sub);
        check(prev == null || prev <= sub, "tenure only grows", m);
      }
    }
    long mods = role.values().stream().filter("moderator"::equals).count();
    assertThat((double) mods / role.size()).isBetween(0.003, 0.05);
    // A few regulars write most lines.
    Map<String, Integer> lines = new HashMap<>();
    CHAT.stream()
        .filter(m -> m.channel().equals("big_chat"))
        .forEach(m -> lines.merge(m.username(), 1, Integer::sum));
    List<Integer> sorted = lines.values().stream().sorted((a, b) -> b - a).toList();
    int total = sorted.stream().mapToInt(Integer::intValue).sum();
    int top =
        sorted.stream().limit(Math.max(1, sorted.size() / 10)).mapToInt(Integer::intValue).sum();
    assertThat((double) top / total).as("share of the top 10%% of chatters").isGreaterThan(0.4);
  }

  @Test
  void renewals_raiseTenureShownInLaterBadges() {
    Simulation s =
        new Simulation(
            new SimulationConfig(
                    List.of(new ChannelSpec("resub_land", 30_000)),
                    0,
                    8,
                    100,
                    EnumSet.of(EventType.CHAT, EventType.TRANSACTIONS))
                .withModel(SimulationModel.DEFAULTS.withStreamLengths(100, 100, 20)));
    Map<String, Integer> renewed = new HashMap<>();
    long[] checked = {0};
    SimRuns.run(
        s,
        100,
        1200,
        e -> {
          if (e instanceof Transaction t && t.transactionType().equals("subscription_renewal")) {
            renewed.put(t.username(), t.cumulativeMonths());
            assertThat(t.streakMonths() == null || t.streakMonths() <= t.cumulativeMonths())
                .isTrue();
          } else if (e instanceof ChatMessage m && renewed.containsKey(m.username())) {
            Badge sub =
                m.badges().stream()
                    .filter(b -> b.setId().equals("subscriber"))
                    .findFirst()
                    .orElseThrow();
            assertThat(Integer.parseInt(sub.info()))
                .isGreaterThanOrEqualTo(renewed.get(m.username()));
            checked[0]++;
          }
        });
    assertThat(checked[0]).isPositive();
  }

  @Test
  void messageVariants_controlVariety() {
    int low = distinctMessages(1);
    int mid = distinctMessages(20);
    int high = distinctMessages(5000);
    assertThat(low).isLessThan(mid);
    assertThat(mid * 2).isLessThan(high);
    assertThat(low).isLessThan(150);
  }

  private static void check(boolean ok, String what, ChatMessage m) {
    if (!ok) {
      throw new AssertionError(what + ": " + m);
    }
  }

  private static int distinctMessages(int variants) {
    Simulation s =
        new Simulation(
            new SimulationConfig(
                List.of(new ChannelSpec("variety_test", 2000)),
                0,
                3,
                variants,
                EnumSet.of(EventType.CHAT)));
    Set<String> texts = new HashSet<>();
    SimRuns.run(s, 100, 200, e -> texts.add(((ChatMessage) e).message()));
    return texts.size();
  }
}
