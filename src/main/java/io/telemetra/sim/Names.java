package io.telemetra.sim;

/**
 * Plausible Twitch logins and display names as pure functions of a number: logins are 4-25
 * characters of [a-z0-9_] not starting with '_'; display names differ from the login only in case.
 */
final class Names {
  private Names() {}

  private static final String[] ADJ = {
    "cozy", "dark", "lazy", "happy", "silent", "swift", "tiny", "grumpy", "lucky", "sleepy",
    "spicy", "frozen", "golden", "crimson", "salty", "chill", "brave", "wild", "clever", "fuzzy",
    "mighty", "quiet", "rapid", "shiny", "sneaky", "toxic", "cosmic", "pixel", "retro", "neon",
    "epic", "based", "cursed", "noble", "rusty", "soft", "loud", "mad", "royal", "super", "hyper",
    "mega", "ultra", "little", "big", "old", "young", "night", "lunar", "solar", "arctic", "wicked",
    "jolly", "feral", "hidden", "mystic", "turbo", "angry", "chunky", "smooth"
  };
  private static final String[] NOUN = {
    "otter",
    "wolf",
    "panda",
    "gamer",
    "ninja",
    "pirate",
    "tiger",
    "falcon",
    "knight",
    "wizard",
    "goblin",
    "dragon",
    "potato",
    "noodle",
    "taco",
    "muffin",
    "cactus",
    "penguin",
    "fox",
    "raven",
    "badger",
    "koala",
    "llama",
    "moose",
    "shark",
    "viper",
    "phoenix",
    "samurai",
    "ranger",
    "sniper",
    "bard",
    "monk",
    "ghost",
    "robot",
    "cyborg",
    "alien",
    "comet",
    "storm",
    "thunder",
    "blaze",
    "frost",
    "shadow",
    "spark",
    "pickle",
    "waffle",
    "bagel",
    "turtle",
    "gecko",
    "hamster",
    "walrus",
    "yeti",
    "kraken",
    "golem",
    "squid",
    "lobster",
    "beaver",
    "owl",
    "bear",
    "cat",
    "dog",
    "duck",
    "frog",
    "crow",
    "bee",
    "ant",
    "mage",
    "rogue",
    "paladin",
    "druid",
    "healer",
    "tank",
    "carry",
    "jungler",
    "streamer",
    "lurker",
    "chatter",
    "viewer",
    "player",
    "builder",
    "runner",
    "speedrun",
    "clutch",
    "sage",
    "chef"
  };
  private static final String[] SUFFIX = {
    "tv", "ttv", "live", "gg", "plays", "yt", "hd", "irl", "lol", "x"
  };

  /** A login for {@code n}; the same n always gives the same login. */
  static String login(long n) {
    long h = Hash.mix(n * 0x9E3779B97F4A7C15L + 0x5DEECE66DL);
    String a = ADJ[(int) Long.remainderUnsigned(h, ADJ.length)];
    String b = NOUN[(int) Long.remainderUnsigned(h >>> 16, NOUN.length)];
    int style = (int) ((h >>> 32) & 7);
    int digits = (int) Long.remainderUnsigned(h >>> 40, 10_000);
    String s =
        switch (style) {
          case 0 -> a + b;
          case 1 -> a + "_" + b;
          case 2 -> a + b + digits;
          case 3 -> b + digits;
          case 4 -> a + b + "_" + SUFFIX[(int) Long.remainderUnsigned(h >>> 20, SUFFIX.length)];
          case 5 -> "the" + a + b;
          case 6 -> b + "_" + a + (digits % 100);
          default -> a + "_" + b + "_" + (digits % 1000);
        };
    if (s.length() > 25) {
      s = s.substring(0, 25);
    }
    if (s.endsWith("_")) {
      s = s.substring(0, s.length() - 1) + "x";
    }
    return s;
  }

  /**
   * The display form of a login: same letters, case chosen by {@code h} (lower, Capitalised,
   * CamelCase, UPPER).
   */
  static String display(String login, long h) {
    int style = (int) (h & 7);
    if (style < 3) {
      return login;
    }
    char[] c = login.toCharArray();
    if (style == 7) {
      for (int i = 0; i < c.length; i++) {
        c[i] = Character.toUpperCase(c[i]);
      }
      return new String(c);
    }
    boolean camel = style >= 5;
    boolean next = true;
    for (int i = 0; i < c.length; i++) {
      char ch = c[i];
      if (ch == '_' || Character.isDigit(ch)) {
        next = true;
        continue;
      }
      if (next) {
        c[i] = Character.toUpperCase(ch);
        next = camel;
        if (!camel) {
          break;
        }
        next = false;
      }
    }
    if (camel) {
      // CamelCase at word boundaries of the generated parts (ADJ + NOUN): upper-case a known noun
      // start.
      String lower = login;
      for (String noun : NOUN) {
        int at = lower.indexOf(noun, 1);
        if (at > 0 && Character.isLetter(c[at])) {
          c[at] = Character.toUpperCase(c[at]);
          break;
        }
      }
    }
    return new String(c);
  }
}
