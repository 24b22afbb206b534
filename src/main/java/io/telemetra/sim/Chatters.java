package io.telemetra.sim;

import io.telemetra.event.Badge;

/**
 * Chatter identities as pure functions of a user number (login, display name, user id, colour),
 * with a small direct-mapped cache so that regulars are not rebuilt for every line.
 */
final class Chatters {
  /** One chatter's stable identity. */
  /**
   * One chatter's stable identity. {@code key} is a hash of the login: two user numbers that happen
   * to draw the same login are the same person (same id, colour, roles, subscription).
   */
  record Identity(
      long number, long key, String login, String display, String userId, String color) {}

  /** Twitch's default name colours (est.: many users keep one of these). */
  private static final String[] DEFAULT_COLORS = {
    "#FF0000", "#0000FF", "#008000", "#B22222", "#FF7F50", "#9ACD32", "#FF4500", "#2E8B57",
    "#DAA520", "#D2691E", "#5F9EA0", "#1E90FF", "#FF69B4", "#8A2BE2", "#00FF7F"
  };

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final int CACHE = 1 << 17; // ~25 MB when full; regulars stay cached

  private final Identity[] cache = new Identity[CACHE];

  Identity get(long number) {
    int slot = (int) (Hash.mix(number) & (CACHE - 1));
    Identity id = cache[slot];
    if (id != null && id.number() == number) {
      return id;
    }
    id = build(number, Names.login(number));
    cache[slot] = id;
    return id;
  }

  /** The identity of a channel's owner: the login is the channel's name. */
  static Identity owner(long number, String channel) {
    return build(number, channel);
  }

  private static Identity build(long number, String login) {
    long key = fnv(login);
    long h = Hash.mix(key ^ 0x3C6EF372FE94F82BL);
    String display = Names.display(login, h);
    String userId = Long.toString(10_000_000L + Long.remainderUnsigned(h >>> 8, 990_000_000L));
    int c = (int) ((h >>> 40) & 15);
    String color;
    if (c < 2) {
      color = null; // never chose a colour (est. ~1 in 8)
    } else if (c < 10) {
      color = DEFAULT_COLORS[(int) Long.remainderUnsigned(h >>> 44, DEFAULT_COLORS.length)];
    } else {
      char[] s = new char[7];
      s[0] = '#';
      long rgb = h >>> 20;
      for (int i = 6; i >= 1; i--) {
        s[i] = HEX[(int) (rgb & 15)];
        rgb >>>= 4;
      }
      color = new String(s);
    }
    return new Identity(number, key, login, display, userId, color);
  }

  /** FNV-1a 64-bit hash of an ASCII string. */
  static long fnv(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h;
  }

  /** Badge constants (realism §5). */
  static final class Badges {
    private Badges() {}

    static final Badge BROADCASTER = new Badge("broadcaster", "1", null);
    static final Badge MODERATOR = new Badge("moderator", "1", null);
    static final Badge VIP = new Badge("vip", "1", null);
    static final Badge TURBO = new Badge("turbo", "1", null);
    static final Badge PRIME = new Badge("prime", "1", null);
    static final Badge[] BITS = {
      new Badge("bits", "1", null),
      new Badge("bits", "100", null),
      new Badge("bits", "1000", null),
      new Badge("bits", "5000", null)
    };
    private static final Badge[] SUB = new Badge[121];

    /** The subscriber tenure bucket: 0 (1-2 months), 3, 6, 9, 12, then every 12 months. */
    static int bucket(int months) {
      if (months < 12) {
        return months / 3 * 3;
      }
      return months / 12 * 12;
    }

    static Badge subscriber(int months) {
      if (months < SUB.length) {
        Badge b = SUB[months];
        if (b == null) {
          b = new Badge("subscriber", Integer.toString(bucket(months)), Integer.toString(months));
          SUB[months] = b;
        }
        return b;
      }
      return new Badge("subscriber", Integer.toString(bucket(months)), Integer.toString(months));
    }
  }
}
