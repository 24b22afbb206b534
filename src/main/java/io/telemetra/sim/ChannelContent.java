package io.telemetra.sim;

import io.telemetra.event.Badge;
import io.telemetra.event.ChatMessage;
import io.telemetra.event.Emote;
import io.telemetra.event.Event;
import io.telemetra.event.StreamMeta;
import io.telemetra.event.Transaction;
import io.telemetra.event.ViewerCount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One channel's content: its chatters (stable identities, roles, subscriptions), stream metadata
 * and counters, and the details of its events. Created lazily, only for this shard's channels, with
 * its own generator seeded from (seed, channel), so its events do not depend on other channels'.
 */
final class ChannelContent extends ChatText.Context {
  private static final int BROADCASTER = -1;
  private static final List<Badge> BROADCASTER_BADGES = List.of(Chatters.Badges.BROADCASTER);
  private static final String[] TIERS = {"1000", "Prime", "2000", "3000"};
  private static final long[] TIER_CENTS = {499, 499, 999, 2499};
  private static final double[] DONATION_STEPS = {
    1, 2, 3, 5, 7, 10, 15, 20, 25, 30, 40, 50, 69, 75, 100, 150, 200, 250, 300, 420, 500, 1000
  };
  private static final Map<String, Object> STREAMLABS = ordered("payment_provider", "streamlabs");
  private static final Map<String, Object> GIFT_BOMB = ordered("is_gift_bomb", true);

  private final Simulation w;
  private final SimulationModel m;
  private final int c;
  private final String name;
  private final SplittableRandom r;
  private final int population;
  private final double lnPopulation;
  private final double[] tierCdf;
  private final double[] giftTierCdf;
  private final double[] cheerCdf;
  private final Chatters.Identity owner;
  private final int homeCategory;
  private final int language;
  private final boolean mature;

  /**
   * Chatters whose subscription changed during the run: (tier index << 16) | months; 0 = not
   * subscribed.
   */
  private final LongIntMap subs = new LongIntMap();

  /** Simulated day of each chatter's last subscription or renewal here (absent: long ago). */
  private final LongIntMap subDay = new LongIntMap();

  private static final long DAY_MS = 86_400_000L;

  /** A renewal comes at most once per subscription month (Twitch bills monthly). */
  private static final int DAYS_PER_MONTH = 30;

  private int stream;
  private String streamId;
  private String title;
  private int category;
  private List<String> tags;
  private StreamMeta.Quality quality;
  private long peak;
  private long lastSampleAt = Long.MIN_VALUE;
  private double followers;
  private long subscribers;

  private Chatters.Identity cheerer;
  private int cheerBits;
  private String cheerText;
  private List<Emote> cheerEmotes;
  private String cheerHint;

  private long lastPurchaseAt = Long.MIN_VALUE;
  private int lastPurchaseKind;
  private int reactionsLeft;

  ChannelContent(Simulation world, int c) {
    this.w = world;
    this.m = world.m;
    this.c = c;
    this.name = world.names[c];
    this.r = new SplittableRandom(Hash.of(world.seed, 0xC0_47E47L, c));
    this.population =
        Math.max(m.minChatters(), (int) Math.min(1_000_000, world.base[c] * m.chattersPerViewer()));
    this.lnPopulation = Math.log(population + 1.0);
    this.tierCdf = StreamInfo.cdf(m.tierMix());
    double[] giftTiers = m.tierMix().clone();
    giftTiers[1] = 0; // gifted subs cannot be Prime
    this.giftTierCdf = StreamInfo.cdf(giftTiers);
    this.cheerCdf = StreamInfo.cdf(m.cheerBitsWeights());
    this.owner = Chatters.owner(Hash.of(world.seed, 0x0B7E4L, c), name);
    long h = Hash.of(world.seed, 0x1AB7E1L, c);
    this.homeCategory = StreamInfo.homeCategory(h);
    this.language = StreamInfo.language(Hash.mix(h));
    this.mature = Hash.unit(Hash.mix(h + 7)) < 0.15;
    double jitter = 0.5 + Hash.unit(Hash.mix(h + 11));
    this.followers = Math.rint(world.base[c] * m.followersPerViewer() * jitter);
    this.subscribers = Math.round(world.base[c] * m.subscribersPerViewer() * jitter);
    this.channel = name;
  }

  // ---------------------------------------------------------------- stream state

  /** Starts the content of a new stream when the world has moved on to one. */
  private void sync() {
    int s = w.streamNo[c];
    if (s == stream) {
      return;
    }
    stream = s;
    streamId =
        Long.toString(10_000_000_000L + Long.remainderUnsigned(r.nextLong(), 89_999_999_999L));
    category = StreamInfo.category(r, homeCategory);
    title = StreamInfo.title(r, category);
    tags = StreamInfo.tags(r, category, language);
    quality = StreamInfo.quality(r);
    peak = 0;
    lastSampleAt = Long.MIN_VALUE;
  }

  Event streamStart(long at) {
    sync();
    return new StreamMeta(
        Ids.uuid(r),
        name,
        "stream_start",
        at,
        streamId,
        title,
        StreamInfo.CATEGORIES[category],
        tags,
        StreamInfo.LANGUAGES[language],
        mature,
        null,
        quality,
        null);
  }

  Event lifecycle(long at, int kind, int other, long viewers) {
    switch (kind) {
      case Simulation.START:
        return streamStart(at);
      case Simulation.END:
        {
          sync();
          Map<String, Object> meta =
              ordered("duration_seconds", Math.max(0, (at - w.streamStart[c]) / 1000));
          return new StreamMeta(
              Ids.uuid(r),
              name,
              "stream_end",
              at,
              streamId,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              meta);
        }
      case Simulation.RAID_OUT:
      case Simulation.RAID_IN:
        {
          sync();
          boolean out = kind == Simulation.RAID_OUT;
          StreamMeta.Raid raid =
              out
                  ? new StreamMeta.Raid(name, w.names[other], viewers)
                  : new StreamMeta.Raid(w.names[other], name, viewers);
          return new StreamMeta(
              Ids.uuid(r),
              name,
              out ? "raid_outgoing" : "raid_incoming",
              at,
              streamId,
              null,
              null,
              null,
              null,
              null,
              raid,
              null,
              null);
        }
      default:
        {
          boolean start = kind == Simulation.HOST_START;
          Map<String, Object> meta = new LinkedHashMap<>(4);
          meta.put("target_channel", w.names[other]);
          if (start) {
            meta.put("viewer_count", viewers);
          }
          return new StreamMeta(
              Ids.uuid(r),
              name,
              start ? "host_start" : "host_end",
              at,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              null,
              meta);
        }
    }
  }

  Event change(long at, boolean categoryChange) {
    sync();
    if (categoryChange) {
      int next = StreamInfo.category(r, homeCategory);
      if (next == category) {
        next =
            (category + 1 + r.nextInt(StreamInfo.CATEGORIES.length - 1))
                % StreamInfo.CATEGORIES.length;
      }
      Map<String, Object> meta =
          ordered("previous_category_id", StreamInfo.CATEGORIES[category].id());
      category = next;
      return new StreamMeta(
          Ids.uuid(r),
          name,
          "category_change",
          at,
          streamId,
          title,
          StreamInfo.CATEGORIES[category],
          null,
          null,
          null,
          null,
          null,
          meta);
    }
    String previous = title;
    title = StreamInfo.title(r, category);
    return new StreamMeta(
        Ids.uuid(r),
        name,
        "title_change",
        at,
        streamId,
        title,
        null,
        null,
        null,
        null,
        null,
        null,
        ordered("previous_title", previous));
  }

  Event viewerCount(long at, long viewers, long chatters) {
    sync();
    if (lastSampleAt != Long.MIN_VALUE && at > lastSampleAt) {
      double expected = viewers * m.followsPerViewerHour() * (at - lastSampleAt) / 3_600_000.0;
      double whole = Math.floor(expected);
      followers += whole + (r.nextDouble() < expected - whole ? 1 : 0);
    }
    lastSampleAt = at;
    peak = Math.max(peak, viewers);
    Map<String, Object> meta = new LinkedHashMap<>(4);
    meta.put("peak_viewers", peak);
    meta.put("uptime_seconds", Math.max(0, (at - w.streamStart[c]) / 1000));
    meta.put("stream_id", streamId);
    return new ViewerCount(
        Ids.uuid(r), name, viewers, at, chatters, (long) followers, subscribers, meta);
  }

  // ---------------------------------------------------------------- chatters

  /**
   * A chatter index with heavy-tailed activity: P(i) ~ 1/(i+1), so a few regulars write most lines.
   */
  private int regular() {
    int i = (int) Math.exp(r.nextDouble() * lnPopulation) - 1;
    return Math.min(Math.max(i, 0), population - 1);
  }

  private Chatters.Identity identity(int idx) {
    if (idx == BROADCASTER) {
      return owner;
    }
    Chatters.Identity id = w.chatters.get(userNumber(c, idx));
    return id.key() == owner.key() ? owner : id;
  }

  private long userNumber(int channel, int idx) {
    return Hash.of(w.seed, channel + 1L, idx) & 0xFF_FFFF_FFFFL;
  }

  /**
   * (tier << 16) | months of a chatter; 0 = not subscribed. Initial state is a pure function of
   * (seed, channel, idx).
   */
  private int subState(Chatters.Identity who) {
    if (who == owner) {
      return 0;
    }
    int s = subs.get(who.key(), -1);
    if (s >= 0) {
      return s;
    }
    long h = Hash.of(w.seed ^ 0x5B5B5BL, c, who.key());
    if (Hash.unit(h) >= m.subscriberShare()) {
      return 0;
    }
    int months =
        (int) Math.exp(Hash.unit(Hash.mix(h)) * Math.log(60)); // 1..59, heavy on the short side
    int tier = ChatText.pick(tierCdf, Hash.unit(Hash.mix(h + 1)));
    return tier << 16 | Math.max(1, months);
  }

  private List<Badge> badges(Chatters.Identity who) {
    if (who == owner) {
      return BROADCASTER_BADGES;
    }
    long h = Hash.of(w.seed ^ 0x80_1E5L, c, who.key());
    double u = Hash.unit(h);
    Badge role =
        u < m.moderatorShare()
            ? Chatters.Badges.MODERATOR
            : u < m.moderatorShare() + m.vipShare() ? Chatters.Badges.VIP : null;
    int months = subState(who) & 0xFFFF;
    Badge sub = months > 0 ? Chatters.Badges.subscriber(months) : null;
    int choice = (int) (h & 31);
    Badge extra =
        choice < 2
            ? Chatters.Badges.TURBO
            : choice < 5
                ? Chatters.Badges.PRIME
                : choice < 9 ? Chatters.Badges.BITS[choice - 5] : null;
    int count = (role != null ? 1 : 0) + (sub != null ? 1 : 0) + (extra != null ? 1 : 0);
    if (count == 0) {
      return List.of();
    }
    Badge[] out = new Badge[count];
    int k = 0;
    if (role != null) {
      out[k++] = role;
    }
    if (sub != null) {
      out[k++] = sub;
    }
    if (extra != null) {
      out[k] = extra;
    }
    return List.of(out);
  }

  /** Badges a raid guest shows in this channel: only a global one of choice. */
  private static List<Badge> guestBadges(long number) {
    int choice = (int) (Hash.mix(number) & 31);
    return choice < 2
        ? List.of(Chatters.Badges.TURBO)
        : choice < 5 ? List.of(Chatters.Badges.PRIME) : List.of();
  }

  @Override
  String mention() {
    return "@" + identity(regular()).login();
  }

  // ---------------------------------------------------------------- chat

  ChatMessage chat(long at) {
    sync();
    ChatText.Line line = w.line;
    line.reset();
    if (cheerer != null) {
      Chatters.Identity who = cheerer;
      cheerer = null;
      return new ChatMessage(
          Ids.uuid(r),
          name,
          who.login(),
          who.display(),
          who.userId(),
          cheerText,
          at,
          cheerEmotes,
          badges(who),
          who.color(),
          false,
          cheerBits,
          cheerHint,
          null);
    }
    Chatters.Identity who;
    List<Badge> badges;
    boolean action = false;
    int raider = w.raidFrom[c];
    double sinceRaid = raider >= 0 ? (at - w.raidAt[c]) / 1000.0 : Double.MAX_VALUE;
    if (reactionsLeft > 0
        && at - lastPurchaseAt < m.reactionSeconds() * 1000
        && r.nextDouble() < m.reactionShare()) {
      reactionsLeft--;
      who = identity(r.nextDouble() < 0.2 ? BROADCASTER : regular());
      badges = badges(who);
      w.text.reaction(line, r, this, lastPurchaseKind);
    } else if (sinceRaid < m.raidGreetingSeconds()
        && r.nextDouble() < raidShare() * Math.exp(-sinceRaid * 2 / m.raidGreetingSeconds())) {
      // Raid greetings come from the raiding channel's chatters: new chatters here.
      double guests = Math.log(Math.min(w.raidSize[c], 1_000_000) + 1.0);
      long number = userNumber(raider, (int) (Math.exp(r.nextDouble() * guests) - 1));
      who = w.chatters.get(number);
      badges = guestBadges(number);
      this.raider = w.names[raider];
      w.text.raidGreeting(line, r, this);
    } else {
      who = identity(r.nextDouble() < m.broadcasterChatShare() ? BROADCASTER : regular());
      badges = badges(who);
      w.text.ordinary(line, r, this);
      action = w.text.action(r);
    }
    return new ChatMessage(
        Ids.uuid(r),
        name,
        who.login(),
        who.display(),
        who.userId(),
        line.text.toString(),
        at,
        line.emoteList(),
        badges,
        who.color(),
        action,
        null,
        line.hint(),
        null);
  }

  /** Share of chat lines from raiders right after a raid: their share of the audience. */
  private double raidShare() {
    double carried = w.raidSize[c];
    return Math.min(0.9, carried / (carried + w.base[c]));
  }

  // ---------------------------------------------------------------- money

  Transaction transaction(long at, int type, int gifts) {
    sync();
    Transaction t =
        switch (type) {
          case Simulation.TX_SUB -> subscription(at);
          case Simulation.TX_RENEWAL -> renewal(at);
          case Simulation.TX_GIFT -> gift(at, gifts);
          case Simulation.TX_BITS -> bits(at);
          default -> donation(at);
        };
    lastPurchaseAt = at;
    lastPurchaseKind =
        switch (t.transactionType()) {
          case "subscription", "subscription_renewal" -> 0;
          case "gift_sub" -> 1;
          case "bits" -> 2;
          default -> 3;
        };
    // Chat reacts with a few lines per purchase (more for bigger gift bombs), not a share of all
    // chat.
    reactionsLeft = lastPurchaseKind == 1 ? 3 + Math.min(20, gifts / 2) : 3;
    buyer = t.isAnonymous() ? "anon" : "@" + t.username();
    return t;
  }

  /**
   * A regular chatter other than the broadcaster, preferring ones whose subscription state is
   * {@code subscribed}.
   */
  private Chatters.Identity payer(boolean wantSubscribed) {
    for (int i = 0; i < 32; i++) {
      Chatters.Identity who = identity(regular());
      if (who != owner && (subState(who) != 0) == wantSubscribed) {
        return who;
      }
    }
    return null;
  }

  /** A subscribed regular chatter whose last renewal was a month or more ago, if one is found. */
  private Chatters.Identity renewable(int today) {
    for (int i = 0; i < 64; i++) {
      // Regulars first (they write most lines and buy most), then anyone in the population.
      Chatters.Identity who = identity(i < 32 ? regular() : r.nextInt(population));
      if (who != owner
          && subState(who) != 0
          && today - subDay.get(who.key(), Integer.MIN_VALUE / 2) >= DAYS_PER_MONTH) {
        return who;
      }
    }
    return null;
  }

  private Chatters.Identity anyPayer() {
    Chatters.Identity who = identity(regular());
    return who != owner ? who : identity(0) != owner ? identity(0) : identity(1);
  }

  private Transaction subscription(long at) {
    Chatters.Identity who = payer(false);
    if (who == null) {
      return renewal(at);
    }
    return firstSubscription(who, at);
  }

  private Transaction firstSubscription(Chatters.Identity who, long at) {
    int tier = ChatText.pick(tierCdf, r.nextDouble());
    subs.put(who.key(), tier << 16 | 1);
    subDay.put(who.key(), (int) (at / DAY_MS));
    subscribers++;
    return new Transaction(
        Ids.uuid(r),
        name,
        "subscription",
        BigDecimal.valueOf(TIER_CENTS[tier], 2),
        "USD",
        at,
        who.userId(),
        who.login(),
        false,
        TIERS[tier],
        1,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private Transaction renewal(long at) {
    int today = (int) (at / DAY_MS);
    Chatters.Identity who = renewable(today);
    if (who == null) {
      // Nobody in reach is due for a renewal: a first subscription by someone not subscribed.
      who = payer(false);
      for (int i = 0; who == null && i < 64; i++) {
        Chatters.Identity any = identity(r.nextInt(population));
        who = any != owner && subState(any) == 0 ? any : null;
      }
      if (who == null) {
        // Everyone in reach subscribed less than a month ago (a rate far above what this
        // audience can pay): a donation instead of an impossible second renewal this month.
        return donation(at);
      }
      return firstSubscription(who, at);
    }
    int state = subState(who);
    int tier = state >>> 16;
    // renewable() only picks chatters whose last renewal is a month or more ago.
    boolean due = today - subDay.get(who.key(), Integer.MIN_VALUE / 2) >= DAYS_PER_MONTH;
    int months = (state & 0xFFFF) + (due ? 1 : 0);
    subs.put(who.key(), tier << 16 | months);
    subDay.put(who.key(), today);
    Integer streak = r.nextDouble() < 0.6 ? 1 + r.nextInt(months) : null;
    String message = null;
    if (r.nextDouble() < 0.5) {
      ChatText.Line line = w.line;
      line.reset();
      line.dynamic(Integer.toString(months));
      line.dynamic("months");
      w.text.shortBody(line, r, this);
      message = line.text.toString();
    }
    return new Transaction(
        Ids.uuid(r),
        name,
        "subscription_renewal",
        BigDecimal.valueOf(TIER_CENTS[tier], 2),
        "USD",
        at,
        who.userId(),
        who.login(),
        false,
        TIERS[tier],
        months,
        streak,
        null,
        null,
        null,
        message,
        null);
  }

  private Transaction gift(long at, int count) {
    boolean anonymous = r.nextDouble() < m.anonymousShare();
    Chatters.Identity gifter = anyPayer();
    int tier = ChatText.pick(giftTierCdf, r.nextDouble());
    List<String> recipients = new ArrayList<>(count);
    java.util.HashSet<Long> chosen = new java.util.HashSet<>();
    chosen.add(gifter.key());
    chosen.add(owner.key());
    int guard = 0;
    while (recipients.size() < count && guard++ < 100_000) {
      Chatters.Identity k = identity(r.nextInt(population));
      if (!chosen.add(k.key())) {
        continue;
      }
      recipients.add(k.login());
      if (subState(k) == 0) {
        subs.put(k.key(), tier << 16 | 1);
        subDay.put(k.key(), (int) (at / DAY_MS));
      }
    }
    int n = recipients.size();
    subscribers += n;
    return new Transaction(
        Ids.uuid(r),
        name,
        "gift_sub",
        BigDecimal.valueOf(TIER_CENTS[tier] * n, 2),
        "USD",
        at,
        anonymous ? null : gifter.userId(),
        anonymous ? null : gifter.login(),
        anonymous,
        TIERS[tier],
        null,
        null,
        n,
        List.copyOf(recipients),
        null,
        null,
        n > 1 ? GIFT_BOMB : null);
  }

  private Transaction bits(long at) {
    boolean anonymous = r.nextDouble() < m.anonymousShare();
    Chatters.Identity who = anyPayer();
    int amount = m.cheerBits()[ChatText.pick(cheerCdf, r.nextDouble())];
    ChatText.Line line = w.line;
    line.reset();
    line.dynamic("Cheer" + amount);
    w.text.shortBody(line, r, this);
    String text = line.text.toString();
    if (!anonymous) {
      // The cheer's chat line follows in this channel's next chat slot, with the same text and
      // bits.
      cheerer = who;
      cheerBits = amount;
      cheerText = text;
      cheerEmotes = line.emoteList();
      cheerHint = line.hint();
    }
    return new Transaction(
        Ids.uuid(r),
        name,
        "bits",
        BigDecimal.valueOf(amount, 2),
        "USD",
        at,
        anonymous ? null : who.userId(),
        anonymous ? null : who.login(),
        anonymous,
        null,
        null,
        null,
        null,
        null,
        amount,
        text,
        null);
  }

  private Transaction donation(long at) {
    boolean anonymous = r.nextDouble() < m.anonymousShare();
    double u1 = 1 - r.nextDouble();
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * r.nextDouble());
    double raw = m.donationMedianUsd() * Math.exp(m.donationSigma() * z);
    double usd = DONATION_STEPS[0];
    for (double step : DONATION_STEPS) {
      if (Math.abs(Math.log(step / raw)) < Math.abs(Math.log(usd / raw))) {
        usd = step;
      }
    }
    String message = null;
    if (r.nextDouble() < 0.6) {
      ChatText.Line line = w.line;
      line.reset();
      w.text.ordinary(line, r, this);
      message = line.text.toString();
    }
    Chatters.Identity who = anyPayer();
    return new Transaction(
        Ids.uuid(r),
        name,
        "donation",
        BigDecimal.valueOf((long) usd * 100, 2),
        "USD",
        at,
        anonymous ? null : who.userId(),
        anonymous ? null : who.login(),
        anonymous,
        null,
        null,
        null,
        null,
        null,
        null,
        message,
        STREAMLABS);
  }

  private static Map<String, Object> ordered(String key, Object value) {
    Map<String, Object> map = new LinkedHashMap<>(2);
    map.put(key, value);
    return map;
  }
}
