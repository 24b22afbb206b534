package io.telemetra.sim;

import io.telemetra.event.StreamMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Stream metadata vocabularies: categories (realism §7 ids), titles, tags, languages, quality. */
final class StreamInfo {
  private StreamInfo() {}

  /** Categories with their Twitch ids (realism §7) and their share of streams (est.). */
  static final StreamMeta.Category[] CATEGORIES = {
    new StreamMeta.Category("509658", "Just Chatting"),
        new StreamMeta.Category("33214", "Fortnite"),
    new StreamMeta.Category("516575", "VALORANT"),
        new StreamMeta.Category("21779", "League of Legends"),
    new StreamMeta.Category("32982", "Grand Theft Auto V"),
        new StreamMeta.Category("27471", "Minecraft"),
    new StreamMeta.Category("32399", "Counter-Strike")
  };

  private static final double[] CATEGORY_CDF =
      cdf(new double[] {0.30, 0.10, 0.14, 0.14, 0.12, 0.10, 0.10});

  private static final String[][] ACTIVITY = {
    {
      "chatting with you all",
      "react andy",
      "morning coffee stream",
      "Q&A and vibes",
      "story time",
      "watching videos"
    },
    {"zero build wins", "arena grind", "new season first look", "customs with viewers"},
    {
      "ranked grind to Immortal",
      "road to Radiant",
      "aim training then ranked",
      "unrated with the squad"
    },
    {"climbing solo queue", "jungle only to Diamond", "ARAM all night", "new champ first games"},
    {"RP on the server", "heists with the crew", "chaos mode", "cop shift"},
    {"hardcore survival day", "building a mega base", "speedrun attempts", "modded playthrough"},
    {"Faceit grind", "premier with friends", "retakes and aim maps", "major watch along"}
  };
  private static final String[] PREFIX = {
    "", "", "", "!drops ", "LATE ", "[EN] ", "DAY ", "chill ", "HYPE "
  };
  private static final String[] SUFFIX = {
    " | !socials",
    " | !discord",
    "",
    " | come hang",
    " | !sub",
    " | road to affiliate",
    " | 24h stream?",
    "",
    " w/ chat"
  };

  static final String[] LANGUAGES = {"en", "es", "de", "pt", "fr", "ru", "ja", "ko", "it", "pl"};
  private static final String[] LANGUAGE_TAGS = {
    "English",
    "Espanol",
    "Deutsch",
    "Portugues",
    "Francais",
    "Russian",
    "Japanese",
    "Korean",
    "Italiano",
    "Polski"
  };
  private static final double[] LANGUAGE_CDF =
      cdf(new double[] {0.55, 0.10, 0.07, 0.07, 0.06, 0.05, 0.03, 0.03, 0.02, 0.02});
  private static final String[][] CATEGORY_TAGS = {
    {"JustChatting", "IRL", "Chill", "Vibes", "Cozy", "Podcast"},
    {"Fortnite", "BattleRoyale", "ZeroBuild", "Competitive", "Shooter"},
    {"VALORANT", "FPS", "Competitive", "Ranked", "Tactical"},
    {"LeagueOfLegends", "MOBA", "Ranked", "SoloQ", "Educational"},
    {"GTAV", "Roleplay", "GTARP", "OpenWorld", "Funny"},
    {"Minecraft", "Survival", "Building", "Speedrun", "Modded"},
    {"CounterStrike", "CS2", "FPS", "Competitive", "Faceit"}
  };
  private static final String[] COMMON_TAGS = {
    "Gaming",
    "Funny",
    "NoBackseating",
    "FamilyFriendly",
    "Chatty",
    "AMA",
    "LGBTQIAPlus",
    "Vtuber",
    "Casual",
    "DropsEnabled",
    "Sober",
    "Challenge"
  };
  private static final String[] RESOLUTIONS = {
    "1080p", "1080p", "1080p", "720p", "936p", "1440p", "1920x1080"
  };
  private static final int[] BITRATES = {6000, 6000, 4500, 3500, 8000, 7500};

  static double[] cdf(double[] w) {
    double[] c = new double[w.length];
    double s = 0;
    for (int i = 0; i < w.length; i++) {
      s += w[i];
      c[i] = s;
    }
    for (int i = 0; i < w.length; i++) {
      c[i] /= s;
    }
    return c;
  }

  /** A category: the channel's home category 70% of the time (est.), else one drawn by share. */
  static int category(SplittableRandom r, int home) {
    return r.nextDouble() < 0.7 ? home : ChatText.pick(CATEGORY_CDF, r.nextDouble());
  }

  static int homeCategory(long h) {
    return ChatText.pick(CATEGORY_CDF, Hash.unit(h));
  }

  static int language(long h) {
    return ChatText.pick(LANGUAGE_CDF, Hash.unit(h));
  }

  static String title(SplittableRandom r, int category) {
    String[] acts = ACTIVITY[category];
    String t =
        PREFIX[r.nextInt(PREFIX.length)]
            + acts[r.nextInt(acts.length)]
            + SUFFIX[r.nextInt(SUFFIX.length)];
    if (t.startsWith("DAY ")) {
      t = "DAY " + (1 + r.nextInt(400)) + " " + t.substring(4);
    }
    return t.length() > 140 ? t.substring(0, 140) : t;
  }

  /** Up to 10 distinct tags, each at most 25 characters without spaces. */
  static List<String> tags(SplittableRandom r, int category, int language) {
    List<String> out = new ArrayList<>(6);
    out.add(LANGUAGE_TAGS[language]);
    for (String t : CATEGORY_TAGS[category]) {
      if (out.size() < 4 && r.nextInt(3) > 0) {
        out.add(t);
      }
    }
    int extra = r.nextInt(4);
    for (int i = 0; i < extra && out.size() < 10; i++) {
      String t = COMMON_TAGS[r.nextInt(COMMON_TAGS.length)];
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return List.copyOf(out);
  }

  static StreamMeta.Quality quality(SplittableRandom r) {
    double u = r.nextDouble();
    String codec = u < 0.9 ? "h264" : u < 0.96 ? "hevc" : "av1";
    return new StreamMeta.Quality(
        RESOLUTIONS[r.nextInt(RESOLUTIONS.length)],
        r.nextInt(4) == 0 ? 30 : 60,
        BITRATES[r.nextInt(BITRATES.length)],
        codec);
  }
}
