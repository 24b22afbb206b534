package io.telemetra.sim;

import io.telemetra.event.Emote;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Chat text: templates, vocabularies, emotes and the sentiment lexicon.
 *
 * <p>{@code MESSAGE_VARIANTS} (v) sets the variety: the first v templates are in use, each
 * vocabulary offers its first v entries (the base list, then derived forms: ALL-CAPS, elongated,
 * with exclamation marks, repeated emoji), and the first v emotes by popularity are in use. v = 1
 * gives one template, one word per slot and one emote; v = 10000 gives every template and thousands
 * of forms per slot.
 *
 * <p>Sentiment: every space-separated token has a polarity (+1, 0, -1) from one lexicon (a pure
 * function of the token's text); the hint is the sign of the sum. So the same text always gets the
 * same hint, and a model can learn it from words and emotes.
 */
final class ChatText {
  // Slot codes inside compiled templates (literal tokens are >= 0).
  static final int E = -1;
  static final int EE = -2;
  static final int POS = -3;
  static final int NEG = -4;
  static final int NEU = -5;
  static final int GREET = -6;
  static final int LAUGH = -7;
  static final int Q = -8;
  static final int GAME = -9;
  static final int HYPE = -10;
  static final int EMOJI = -11;
  static final int CH = -12;
  static final int USER = -13;
  static final int HE = -14;
  static final int BUYER = -15;
  static final int RAIDER = -16;
  static final int EMOTE_LITERAL = -100;
  private static final int VOCABS = 9;

  private static final String[][] BASE = {
    {
      "gg",
      "nice",
      "pog",
      "love",
      "great",
      "hype",
      "insane",
      "clean",
      "wow",
      "amazing",
      "based",
      "clutch",
      "good",
      "goat",
      "fire",
      "cracked",
      "beautiful",
      "cute",
      "huge",
      "legend",
      "wp",
      "W",
      "sick",
      "perfect",
      "best",
      "awesome",
      "win",
      "yes",
      "lovely",
      "incredible"
    },
    {
      "bad",
      "trash",
      "boring",
      "throw",
      "L",
      "sad",
      "cringe",
      "rip",
      "yikes",
      "terrible",
      "lag",
      "worst",
      "ugh",
      "noo",
      "ff",
      "unlucky",
      "scuffed",
      "washed",
      "mid",
      "oof",
      "sucks",
      "hate",
      "pain",
      "lose",
      "awful",
      "sus"
    },
    {
      "the",
      "chat",
      "he",
      "is",
      "just",
      "so",
      "bro",
      "actually",
      "literally",
      "like",
      "ok",
      "guys",
      "me",
      "we",
      "that",
      "this",
      "it",
      "real",
      "true",
      "again",
      "now",
      "here",
      "today",
      "dude",
      "man",
      "lowkey",
      "fr",
      "ngl",
      "tbh",
      "same"
    },
    {
      "hi", "hello", "hey", "yo", "sup", "hiii", "heyy", "wassup", "howdy", "o7", "morning",
      "evening", "hola", "hallo", "salut"
    },
    {"lol", "lmao", "haha", "xD", "lmfao", "hahaha", "rofl", "jaja", "hehe", "lul"},
    {"what", "why", "how", "who", "when", "which", "where", "wait", "huh", "wut"},
    {
      "game", "boss", "map", "build", "round", "clip", "stream", "song", "skin", "gun", "team",
      "ranked", "run", "level", "item", "loadout", "strat", "play", "match", "patch", "meta",
      "quest", "lobby", "queue"
    },
    {"LETS", "GO", "GOOO", "YES", "HUGE", "OMG", "POGGERS", "HYPE", "CLUTCH", "LETSGO"},
    {
      "\uD83D\uDE02",
      "\uD83D\uDD25",
      "\uD83D\uDC80",
      "\uD83D\uDE2D",
      "\u2764\uFE0F",
      "\uD83D\uDE4F",
      "\uD83D\uDC40",
      "\uD83E\uDD23",
      "\uD83D\uDE0E",
      "\uD83D\uDE21"
    }
  };

  /** Polarity of each base list: POS +1, NEG -1, others 0, except per-word exceptions below. */
  private static final int[] BASE_POLARITY = {1, -1, 0, 0, 1, 0, 0, 1, 0};

  private static final Map<String, Integer> EXCEPTIONS =
      Map.of(
          "OMG",
          0,
          "\uD83D\uDE2D",
          -1,
          "\uD83D\uDE21",
          -1,
          "\uD83D\uDE02",
          1,
          "\uD83D\uDD25",
          1,
          "\u2764\uFE0F",
          1,
          "\uD83E\uDD23",
          1,
          "\uD83D\uDE0E",
          1,
          "\uD83D\uDC80",
          1);

  /**
   * Emotes by popularity rank (realism §4: KEKW, LUL, Kappa, PogChamp/Pog, OMEGALUL, monkaS ...):
   * name, Twitch id (first party only), provider, polarity.
   */
  static final Object[][] EMOTES = {
    {"KEKW", null, "ffz", 1},
    {"LUL", "425618", "twitch", 1},
    {"Kappa", "25", "twitch", 0},
    {"PogChamp", "305954156", "twitch", 1},
    {"OMEGALUL", null, "ffz", 1},
    {"Pog", null, "bttv", 1},
    {"monkaS", null, "bttv", -1},
    {"Kreygasm", "41", "twitch", 1},
    {"BibleThump", "86", "twitch", -1},
    {"ResidentSleeper", "245", "twitch", -1},
    {"4Head", "354", "twitch", 1},
    {"<3", "9", "twitch", 1},
    {"catJAM", null, "bttv", 1},
    {"peepoRun", null, "7tv", 0},
    {"BatChest", null, "7tv", 0},
    {"Sadge", null, "ffz", -1},
    {"DansGame", "33", "twitch", -1},
    {"SeemsGood", "64138", "twitch", 1},
    {"NotLikeThis", "58765", "twitch", -1},
    {"HeyGuys", "30259", "twitch", 1},
    {"PepeHands", null, "bttv", -1},
    {"EZ", null, "7tv", 1},
    {"Clap", null, "bttv", 1},
    {"TriHard", "120232", "twitch", 0},
    {"Keepo", "1902", "twitch", 0},
    {"PepeLaugh", null, "bttv", 1},
    {"monkaW", null, "ffz", -1},
    {"SMOrc", "52", "twitch", 0},
    {"5Head", null, "ffz", 0},
    {"COPIUM", null, "7tv", -1},
    {"widepeepoHappy", null, "ffz", 1},
    {"Aware", null, "7tv", 0},
    {"xdd", null, "7tv", 1},
    {"LULW", null, "ffz", 1},
    {"WutFace", "28087", "twitch", -1},
    {"BabyRage", "22639", "twitch", -1}
  };

  /** Hype emotes used in reactions to purchases and raids (indexes into EMOTES). */
  private static final int[] HYPE_EMOTES = {3, 5, 7, 11, 12, 17, 19, 22};

  private static final String[] TEMPLATES = {
    "{E}",
    "{LAUGH}",
    "{E} {E}",
    "{POS}",
    "{HYPE} {HYPE}",
    "{EE}",
    "{LAUGH} {E}",
    "{POS} {E}",
    "{NEU} {NEU} {NEU}",
    "{GREET} {CH}",
    "{Q} {GAME} is this",
    "{NEG}",
    "{NEG} {E}",
    "that was {POS}",
    "this is {NEG}",
    "{POS} {POS}",
    "{EMOJI}",
    "{LAUGH} {EMOJI}",
    "{USER} {LAUGH}",
    "{HYPE} {HYPE} {HYPE} {E}",
    "no way",
    "{CH} {Q} {GAME}",
    "chat is this {POS}",
    "{NEU} {GAME} {NEU}",
    "imagine {NEU} {GAME} {LAUGH}",
    "{EE} {EE}",
    "{GREET} {CH} {E}",
    "{Q} is the {GAME} {NEU}",
    "bro {NEG} {GAME}",
    "{POS} {GAME} {E}",
    "{NEU} {NEU}",
    "{GREET} chat",
    "{USER} {Q}",
    "{NEG} {NEG}",
    "{GAME} {POS}",
    "{GAME} {NEG} {EMOJI}",
    "{Q} happened",
    "{POS} {EMOJI} {EMOJI}",
    "{USER} {POS} {GAME}",
    "{CH} {POS} {GAME} {E}",
    "{NEU} {NEU} {GAME} {NEU} {POS}",
    "{Q} {Q} {Q}",
    "{LAUGH} {LAUGH}",
    "{E} {NEU} {NEU} {GAME} {E}",
    "{NEU} {LAUGH} {NEU} {NEG} {EMOJI}",
    "{HYPE} {E} {HYPE} {E}",
    "{E} {CH} {NEU} {NEU} {GAME} {NEU} {E} {LAUGH} {NEU} {NEU} {NEG} {E}",
    "{NEU} {Q} {NEU} {GAME} {NEU} {NEU} {POS} {NEU} {E}",
    "{GREET} {USER} {E}",
    "{POS} {POS} {POS}",
    "{EMOJI} {E}",
    "{E} {EMOJI} {E}",
    "{EMOJI} {NEU} {E}"
  };

  private static final String[][] REACT_SUB = {
    {
      "{HE} {HE}",
      "welcome to the club {BUYER} {HE}",
      "{BUYER} {HE} {HE}",
      "thanks for the sub {BUYER} <3",
      "{HE}"
    },
    {
      "thanks for the gifted subs {BUYER} {HE}",
      "{HE} {HE} {HE}",
      "ty {BUYER} <3",
      "gift bomb {HE} {HE}",
      "{BUYER} {POS} {HE}"
    },
    {"thanks for the bits {BUYER} {HE}", "{HE} {HE}", "{BUYER} {POS}"},
    {"thank you for the donation {BUYER} <3", "{HE}", "{BUYER} {POS} {HE}"}
  };
  private static final String[] RAID_GREETINGS = {
    "{RAIDER} raid {HE} {HE}",
    "{RAIDER} RAID {HE} {HE} {HE}",
    "raid from {RAIDER} {HE}",
    "{HE} {HE} {HE}",
    "{GREET} {CH} {RAIDER} raid {HE}",
    "{RAIDER} raiders here {HE}",
    "{GREET} {GREET} {HE}"
  };

  private final HashMap<String, Integer> lexicon = new HashMap<>();
  private final List<String> tokens = new ArrayList<>();
  private final List<Integer> tokenCps = new ArrayList<>();
  private String[] tokenText;
  private int[] tokenCp;
  private int[] tokenPolarity;
  private final int[][] vocab = new int[VOCABS][];
  private final int[][] templates;
  private final double[] templateCdf;
  private final double appendEmoteChance;
  private final int[][][] reactions;
  private final int[][] raidGreetings;
  private final Emote[] emoteProto;
  private final int[] emoteCp;
  private final int[] emoteToken;
  private final double[] emoteCdf;
  private final double actionShare;

  ChatText(int variants, SimulationModel model) {
    int v = Math.max(1, variants);
    for (Object[] e : EMOTES) {
      lexicon.putIfAbsent((String) e[0], (Integer) e[3]);
    }
    for (int l = 0; l < VOCABS; l++) {
      for (String w : BASE[l]) {
        lexicon.putIfAbsent(w, EXCEPTIONS.getOrDefault(w, BASE_POLARITY[l]));
      }
    }
    for (int l = 0; l < VOCABS; l++) {
      String[] base = BASE[l];
      int n = Math.min(v, 10_000);
      int[] ids = new int[n];
      for (int i = 0; i < n; i++) {
        String src = base[i % base.length];
        String w = i < base.length ? src : derive(src, i / base.length, l == VOCABS - 1);
        lexicon.putIfAbsent(w, lexicon.get(src));
        ids[i] = token(w);
      }
      vocab[l] = ids;
    }
    int ne = Math.min(v, EMOTES.length);
    emoteProto = new Emote[ne];
    emoteCp = new int[ne];
    emoteToken = new int[ne];
    emoteCdf = new double[ne];
    double es = 0;
    for (int i = 0; i < ne; i++) {
      String name = (String) EMOTES[i][0];
      emoteProto[i] = new Emote(name, (String) EMOTES[i][1], (String) EMOTES[i][2], 0, 0);
      emoteCp[i] = name.codePointCount(0, name.length());
      emoteToken[i] = token(name);
      es += 1.0 / Math.pow(i + 1, model.emoteZipfExponent());
      emoteCdf[i] = es;
    }
    for (int i = 0; i < ne; i++) {
      emoteCdf[i] /= es;
    }
    int nt = Math.min(v, TEMPLATES.length);
    templates = new int[nt][];
    templateCdf = new double[nt];
    double sum = 0;
    double withEmote = 0;
    for (int i = 0; i < nt; i++) {
      templates[i] = compile(TEMPLATES[i]);
      double w = 1.0 / Math.pow(i + 1, 0.7);
      sum += w;
      templateCdf[i] = sum;
      if (hasEmote(templates[i])) {
        withEmote += w;
      }
    }
    for (int i = 0; i < nt; i++) {
      templateCdf[i] /= sum;
    }
    double share = withEmote / sum;
    appendEmoteChance =
        share >= 1 ? 0 : Math.max(0, Math.min(1, (model.emoteShare() - share) / (1 - share)));
    reactions = new int[REACT_SUB.length][][];
    for (int k = 0; k < REACT_SUB.length; k++) {
      reactions[k] = new int[REACT_SUB[k].length][];
      for (int i = 0; i < REACT_SUB[k].length; i++) {
        reactions[k][i] = compile(REACT_SUB[k][i]);
      }
    }
    raidGreetings = new int[RAID_GREETINGS.length][];
    for (int i = 0; i < RAID_GREETINGS.length; i++) {
      raidGreetings[i] = compile(RAID_GREETINGS[i]);
    }
    actionShare = model.actionShare();
    tokenText = tokens.toArray(new String[0]);
    tokenCp = new int[tokenText.length];
    tokenPolarity = new int[tokenText.length];
    for (int i = 0; i < tokenText.length; i++) {
      tokenCp[i] = tokenCps.get(i);
      tokenPolarity[i] = lexicon.getOrDefault(tokenText[i], 0);
    }
  }

  /**
   * Derived form number {@code k >= 1} of a word: ALL-CAPS, elongated, exclaimed; emoji are
   * repeated.
   */
  private static String derive(String src, int k, boolean emoji) {
    if (emoji) {
      return src.repeat(k + 1);
    }
    String upper = src.toUpperCase(java.util.Locale.ROOT);
    int r = k % 4;
    int n = k / 4 + 2;
    char last = src.charAt(src.length() - 1);
    return switch (r) {
      case 1 -> upper.equals(src) ? src + "!".repeat(k / 4 + 1) : upper;
      case 2 -> src + String.valueOf(last).repeat(n);
      case 3 -> upper + String.valueOf(Character.toUpperCase(last)).repeat(n);
      default -> src + "!".repeat(k / 4);
    };
  }

  private int token(String w) {
    tokens.add(w);
    tokenCps.add(w.codePointCount(0, w.length()));
    return tokens.size() - 1;
  }

  private int[] compile(String template) {
    String[] parts = template.split(" ");
    int[] out = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] =
          switch (parts[i]) {
            case "{E}" -> E;
            case "{EE}" -> EE;
            case "{POS}" -> POS;
            case "{NEG}" -> NEG;
            case "{NEU}" -> NEU;
            case "{GREET}" -> GREET;
            case "{LAUGH}" -> LAUGH;
            case "{Q}" -> Q;
            case "{GAME}" -> GAME;
            case "{HYPE}" -> HYPE;
            case "{EMOJI}" -> EMOJI;
            case "{CH}" -> CH;
            case "{USER}" -> USER;
            case "{HE}" -> HE;
            case "{BUYER}" -> BUYER;
            case "{RAIDER}" -> RAIDER;
            default -> literal(parts[i]);
          };
    }
    return out;
  }

  /**
   * A literal word, or an emote literal (code {@code EMOTE_LITERAL - index}) when it names an emote
   * in use.
   */
  private int literal(String w) {
    for (int i = 0; i < emoteProto.length; i++) {
      if (emoteProto[i].name().equals(w)) {
        return EMOTE_LITERAL - i;
      }
    }
    return token(w);
  }

  private static boolean hasEmote(int[] t) {
    for (int x : t) {
      if (x == E || x == EE || x == HE || x <= EMOTE_LITERAL) {
        return true;
      }
    }
    return false;
  }

  /** The sentiment hint of any text, by the same lexicon the builder uses. */
  String sentimentOf(String text) {
    int score = 0;
    int start = 0;
    int n = text.length();
    for (int i = 0; i <= n; i++) {
      if (i == n || text.charAt(i) == ' ') {
        if (i > start) {
          score += lexicon.getOrDefault(text.substring(start, i), 0);
        }
        start = i + 1;
      }
    }
    return hint(score);
  }

  static String hint(int score) {
    return score > 0 ? "positive" : score < 0 ? "negative" : "neutral";
  }

  /** Whether a line should be a /me action. */
  boolean action(SplittableRandom r) {
    return r.nextDouble() < actionShare;
  }

  /** Names used in the dynamic slots of one line. */
  abstract static class Context {
    String channel;
    String buyer;
    String raider;

    /**
     * A mention of a chatter of the channel ({@code @login}), drawn only when a template needs one.
     */
    abstract String mention();
  }

  /** A reusable line builder: text, code-point length, emotes with positions, sentiment score. */
  final class Line {
    final StringBuilder text = new StringBuilder(128);
    int cps;
    int score;
    private final ArrayList<Emote> emotes = new ArrayList<>(8);

    void reset() {
      text.setLength(0);
      cps = 0;
      score = 0;
      emotes.clear();
    }

    private void space() {
      if (cps > 0) {
        text.append(' ');
        cps++;
      }
    }

    void word(int id) {
      if (cps + tokenCp[id] >= 499) {
        return;
      }
      space();
      text.append(tokenText[id]);
      cps += tokenCp[id];
      score += tokenPolarity[id];
    }

    /**
     * A token not in the token table (names, numbers, cheermotes): its polarity comes from the
     * lexicon.
     */
    void dynamic(String s) {
      int cp = s.length(); // names, numbers and cheermotes are ASCII
      if (cps + cp >= 499) {
        return;
      }
      space();
      text.append(s);
      cps += cp;
      score += lexicon.getOrDefault(s, 0);
    }

    void emote(int e) {
      if (cps + emoteCp[e] >= 499) {
        return;
      }
      space();
      Emote p = emoteProto[e];
      emotes.add(new Emote(p.name(), p.id(), p.provider(), cps, cps + emoteCp[e] - 1));
      text.append(p.name());
      cps += emoteCp[e];
      score += tokenPolarity[emoteToken[e]];
    }

    List<Emote> emoteList() {
      return emotes.isEmpty() ? List.of() : List.copyOf(emotes);
    }

    boolean hasEmotes() {
      return !emotes.isEmpty();
    }

    String hint() {
      return ChatText.hint(score);
    }
  }

  Line newLine() {
    return new Line();
  }

  /** An ordinary chat line from a template chosen by popularity. */
  void ordinary(Line line, SplittableRandom r, Context ctx) {
    int t = pick(templateCdf, r.nextDouble());
    fill(line, templates[t], r, ctx);
    if (!line.hasEmotes() && r.nextDouble() < appendEmoteChance) {
      int e = emote(r);
      int times = 1 + (r.nextInt(4) == 0 ? r.nextInt(3) : 0);
      for (int i = 0; i < times; i++) {
        line.emote(e);
      }
    }
    if (line.cps == 0) {
      line.word(vocab[2][0]);
    }
  }

  /** A reaction to a purchase: kind 0 sub/renewal, 1 gift, 2 bits, 3 donation. */
  void reaction(Line line, SplittableRandom r, Context ctx, int kind) {
    int[][] list = reactions[kind];
    fill(line, list[r.nextInt(list.length)], r, ctx);
  }

  void raidGreeting(Line line, SplittableRandom r, Context ctx) {
    fill(line, raidGreetings[r.nextInt(raidGreetings.length)], r, ctx);
  }

  /** A short positive body for a cheer or a resub message. */
  void shortBody(Line line, SplittableRandom r, Context ctx) {
    line.word(slotWord(POS, r));
    if (r.nextBoolean()) {
      line.emote(hypeEmote(r));
    }
  }

  private void fill(Line line, int[] t, SplittableRandom r, Context ctx) {
    for (int x : t) {
      if (x >= 0) {
        line.word(x);
        continue;
      }
      switch (x) {
        case E -> line.emote(emote(r));
        case EE -> {
          int e = emote(r);
          int times = 2 + r.nextInt(3);
          for (int i = 0; i < times; i++) {
            line.emote(e);
          }
        }
        case HE -> line.emote(hypeEmote(r));
        case CH -> line.dynamic(ctx.channel);
        case USER -> line.dynamic(ctx.mention());
        case BUYER -> line.dynamic(ctx.buyer);
        case RAIDER -> line.dynamic(ctx.raider);
        default -> {
          if (x <= EMOTE_LITERAL) {
            line.emote(EMOTE_LITERAL - x);
          } else {
            line.word(slotWord(x, r));
          }
        }
      }
    }
  }

  /**
   * A word of a vocabulary slot, Zipf-like over its entries in use: base forms (listed first) are
   * the most common, derived forms (ALL-CAPS, elongated ...) form the long tail.
   */
  private int slotWord(int slot, SplittableRandom r) {
    int[] words = vocab[-slot - 3];
    int i = (int) Math.exp(r.nextDouble() * Math.log(words.length + 1.0)) - 1;
    return words[Math.min(Math.max(i, 0), words.length - 1)];
  }

  /** An emote index drawn by Zipf-like popularity. */
  int emote(SplittableRandom r) {
    return pick(emoteCdf, r.nextDouble());
  }

  private int hypeEmote(SplittableRandom r) {
    int e = HYPE_EMOTES[r.nextInt(HYPE_EMOTES.length)];
    return e < emoteProto.length ? e : 0;
  }

  static int pick(double[] cdf, double u) {
    int lo = 0;
    int hi = cdf.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cdf[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }
}
