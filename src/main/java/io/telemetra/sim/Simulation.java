package io.telemetra.sim;

import io.telemetra.config.ChannelSpec;
import io.telemetra.event.Event;
import io.telemetra.event.EventType;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The Twitch world: channels with heavy-tailed audiences, stream lifecycles, raids, hype moments,
 * chat and money, driven by simulated time. See docs/DATA_GENERATION.md.
 *
 * <p>Two layers keep sharding exact and cheap. The <em>world</em> layer (this class) decides, from
 * one seeded generator, everything that links channels: lifecycles, raids, audiences, bursts, and
 * which channel and kind of event fills each slot. Every shard runs it in full. The
 * <em>content</em> layer ({@link ChannelContent}, one seeded generator per channel) writes the
 * events' details (chatters, text, amounts, titles) and runs only for this shard's channels.
 *
 * <p>Slot filling: pending lifecycle events go first; otherwise a kind and channel are drawn with
 * probability proportional to the model's current intensities (chat and transactions by thinning
 * against per-channel upper bounds kept in Fenwick trees, so a draw is O(log n)). Not thread-safe,
 * except {@link #liveChannels()} and {@link #totalViewers()} which may be read (approximately) from
 * another thread.
 */
public final class Simulation implements EventSource {
  static final int START = 0;
  static final int END = 1;
  static final int RAID_OUT = 2;
  static final int RAID_IN = 3;
  static final int HOST_START = 4;
  static final int HOST_END = 5;

  static final int TX_SUB = 0;
  static final int TX_RENEWAL = 1;
  static final int TX_GIFT = 2;
  static final int TX_BITS = 3;
  static final int TX_DONATION = 4;

  private static final double MINUTE = 60_000.0;
  private static final double HOUR = 3_600_000.0;

  /** A lifecycle event waiting for a slot. */
  private record Pending(int kind, int channel, int other, long viewers) {}

  final SimulationConfig config;
  final SimulationModel m;
  final long seed;
  final int n;
  final String[] names;
  final double[] base;
  private final double[] chatRate; // messages per viewer per ms
  private final double txRate; // paid events per viewer per ms
  private final double wanderMax;
  private final SplittableRandom rng;
  private final boolean chatOn;
  private final boolean viewerOn;
  private final boolean txOn;
  private final boolean metaOn;
  private final int shardIndex;
  private final int shardCount;

  final boolean[] live;
  private final boolean[] announced;
  final long[] streamStart;
  final int[] streamNo;
  private final long[] lifeAt;
  private final long[] hypeAt;
  private final double[] spikeAmp;
  private final long[] spikeT;
  private final double[] burstAmp;
  private final long[] burstT;
  final int[] raidFrom;
  final long[] raidAt;
  final long[] raidSize;
  private final int[] hostTarget;

  private final WeightTree chatTree;
  private final WeightTree txTree;
  private final TimerHeap timers;
  private final ArrayDeque<Pending> pending = new ArrayDeque<>();
  private final double[] txCdf;
  private final double[] giftCdf;
  private final ChannelContent[] content;
  final ChatText text;
  final Chatters chatters = new Chatters();
  final ChatText.Line line;

  private volatile int liveCount;
  private volatile long now = Long.MIN_VALUE;
  private boolean started;
  private int cursor;

  /** Simulated time the next viewer-count sample is due (samples are scheduled, not drawn). */
  private long nextSampleAt = Long.MIN_VALUE;

  /** Slots seen and samples emitted, to cap the samples' share of the slots at low rates. */
  private long slotsSeen;

  private long samplesEmitted;
  private long dailyMinute = Long.MIN_VALUE;
  private double dailyFactor = 1;

  public Simulation(SimulationConfig config) {
    this.config = config;
    this.m = config.model();
    this.seed = config.seed();
    this.rng = new SplittableRandom(Hash.mix(seed ^ 0x5EED5EED5EEDL));
    List<ChannelSpec> specs = config.channels();
    this.n = specs.isEmpty() ? config.channelCount() : specs.size();
    if (n < 1) {
      throw new IllegalArgumentException("no channels");
    }
    names = new String[n];
    base = new double[n];
    chatRate = new double[n];
    Set<String> taken = new HashSet<>();
    for (int c = 0; c < n; c++) {
      if (specs.isEmpty()) {
        String name;
        int salt = 0;
        do {
          name = Names.login(Hash.of(seed, 0xC4A77E1L + salt++, c));
        } while (!taken.add(name));
        names[c] = name;
        base[c] = drawAudience(c);
      } else {
        names[c] = specs.get(c).name();
        base[c] = specs.get(c).audience() > 0 ? specs.get(c).audience() : drawAudience(c);
      }
      chatRate[c] = m.chatPerViewerSecond(base[c]) / 1000.0;
    }
    txRate = m.paidPerViewerHour() / HOUR;
    // Upper bound of everything that scales the baseline: wander, daily cycle and weekend.
    wanderMax = Math.exp(m.wanderAmplitude()) * (1 + m.dailyAmplitude()) * (1 + m.weekendBoost());
    Set<EventType> types = config.enabledTypes();
    chatOn = types.contains(EventType.CHAT);
    viewerOn = types.contains(EventType.VIEWER);
    txOn = types.contains(EventType.TRANSACTIONS);
    metaOn = types.contains(EventType.STREAM_META);
    shardIndex = config.shardIndex();
    shardCount = config.shardCount();
    live = new boolean[n];
    announced = new boolean[n];
    streamStart = new long[n];
    streamNo = new int[n];
    lifeAt = new long[n];
    hypeAt = new long[n];
    spikeAmp = new double[n];
    spikeT = new long[n];
    burstAmp = new double[n];
    burstT = new long[n];
    raidFrom = new int[n];
    raidAt = new long[n];
    raidSize = new long[n];
    hostTarget = new int[n];
    java.util.Arrays.fill(raidFrom, -1);
    java.util.Arrays.fill(hostTarget, -1);
    chatTree = new WeightTree(n);
    txTree = new WeightTree(n);
    timers = new TimerHeap(n);
    txCdf = StreamInfo.cdf(m.transactionMix());
    giftCdf = StreamInfo.cdf(m.giftSizeWeights());
    content = new ChannelContent[n];
    text = new ChatText(config.messageVariants(), m);
    line = text.newLine();
  }

  /**
   * Heavy-tailed baseline audience (realism §1): log-normal body, Pareto tail above the body's tail
   * quantile.
   */
  private double drawAudience(int c) {
    long h = Hash.of(seed, 0xA0D1E9CEL, c);
    double u1 = (Hash.unit(h) + 1e-12);
    double u2 = Hash.unit(Hash.mix(h));
    double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    double x = m.audienceMedian() * Math.exp(m.audienceSigma() * z);
    double tail =
        m.audienceMedian() * Math.exp(m.audienceSigma() * inverseNormal(m.tailQuantile()));
    if (x >= tail) {
      double u = Hash.unit(Hash.mix(h + 1)) + 1e-12;
      x = tail * Math.pow(u, -1.0 / m.paretoAlpha());
    }
    return Math.max(1, Math.min(m.audienceMax(), Math.rint(x)));
  }

  /** Inverse standard normal CDF (Acklam's rational approximation; only used at start-up). */
  static double inverseNormal(double p) {
    double[] a = {
      -3.969683028665376e+01,
      2.209460984245205e+02,
      -2.759285104469687e+02,
      1.383577518672690e+02,
      -3.066479806614716e+01,
      2.506628277459239e+00
    };
    double[] b = {
      -5.447609879822406e+01,
      1.615858368580409e+02,
      -1.556989798598866e+02,
      6.680131188771972e+01,
      -1.328068155288572e+01
    };
    double[] c = {
      -7.784894002430293e-03,
      -3.223964580411365e-01,
      -2.400758277161838e+00,
      -2.549732539343734e+00,
      4.374664141464968e+00,
      2.938163982698783e+00
    };
    double[] d = {
      7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00
    };
    if (p < 0.02425) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - 0.02425) {
      return -inverseNormal(1 - p);
    }
    double q = p - 0.5;
    double r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5])
        * q
        / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }

  // ---------------------------------------------------------------- EventSource

  @Override
  public Event next(long atMillis) {
    long at = Math.max(atMillis, now);
    if (!started) {
      begin(at);
    }
    now = at;
    advance(at);
    return slot(at);
  }

  @Override
  public double naturalRatePerSecond() {
    double chat = 0;
    double tx = 0;
    for (int c = 0; c < n; c++) {
      chat += base[c] * chatRate[c] * 1000;
      tx += base[c] * txRate * 1000;
    }
    double rate =
        (chatOn ? chat : 0)
            + (txOn ? tx : 0)
            + (viewerOn ? n * 1000.0 / m.viewerIntervalMillis() : 0)
            + (metaOn ? n * (m.metaChangesPerHour() + 3) / 3600.0 : 0);
    return Math.max(1, rate);
  }

  @Override
  public int liveChannels() {
    return started ? liveCount : n;
  }

  @Override
  public long totalViewers() {
    long t = now;
    if (t == Long.MIN_VALUE) {
      return 0;
    }
    // Runs on the metrics thread: uses only pure functions, never the sim thread's caches.
    double daily = dailyFactor(Math.floorDiv(t, 60_000L) * 60_000L);
    long sum = 0;
    for (int c = 0; c < n; c++) {
      if (live[c]) {
        sum += Math.max(1, Math.round(audience(c, t, daily)));
      }
    }
    return sum;
  }

  /** Whether channel {@code c} belongs to this shard. */
  boolean own(int c) {
    return c % shardCount == shardIndex;
  }

  /** The channel names, in channel-index order. */
  public List<String> channelNames() {
    return List.of(names);
  }

  /** Baseline (plateau) audience of channel {@code c}. */
  public double baseline(int c) {
    return base[c];
  }

  // ---------------------------------------------------------------- audience

  /** Current viewers of a live channel (at least 1), a pure function of its state and the time. */
  long viewers(int c, long t) {
    return live[c] ? Math.max(1, Math.round(audience(c, t))) : 0;
  }

  /** Chatters connected to chat: a share of the viewers, always below them. */
  long chatterCount(int c, long viewers) {
    return Math.min(viewers - 1, Math.round(viewers * m.chatterShare(base[c])));
  }

  private double audience(int c, long t) {
    return audience(c, t, daily(t));
  }

  /** Viewers at {@code t} given the daily factor (pure: safe to call from the metrics thread). */
  private double audience(int c, long t, double daily) {
    double age = (t - streamStart[c]) / MINUTE;
    double ramp = 1 - (1 - m.rampFloor()) * Math.exp(-Math.max(0, age) / m.rampMinutes());
    double left = (lifeAt[c] - t) / MINUTE;
    double drop =
        left >= m.endDropMinutes()
            ? 1
            : m.endDropFloor() + (1 - m.endDropFloor()) * Math.max(0, left) / m.endDropMinutes();
    return base[c] * ramp * drop * daily * wander(c, t) + spike(c, t);
  }

  /**
   * The daily cycle (realism §2): a cosine peaking at {@code dailyPeakHourUtc}, higher on weekends.
   * Evaluated once per simulated minute.
   */
  private double daily(long t) {
    long minute = Math.floorDiv(t, 60_000L);
    if (minute != dailyMinute) {
      dailyMinute = minute;
      dailyFactor = dailyFactor(minute * 60_000L);
    }
    return dailyFactor;
  }

  private double dailyFactor(long t) {
    double hour = Math.floorMod(t, 86_400_000L) / HOUR;
    double f = 1 + m.dailyAmplitude() * Math.cos(2 * Math.PI * (hour - m.dailyPeakHourUtc()) / 24);
    long dayOfWeek = Math.floorMod(Math.floorDiv(t, 86_400_000L) + 3, 7); // 0 = Monday
    return dayOfWeek >= 5 ? f * (1 + m.weekendBoost()) : f;
  }

  /** Mean-reverting wander: smooth value noise in log space, bounded by exp(+-amplitude). */
  private double wander(int c, long t) {
    double period = m.wanderPeriodMinutes() * MINUTE;
    double slow = noise(c, t / period, 0);
    double fast = noise(c, t * 4 / period, 1);
    return Math.exp(m.wanderAmplitude() * (slow + 0.5 * fast) / 1.5);
  }

  private double noise(int c, double x, long octave) {
    long k = (long) Math.floor(x);
    double f = x - k;
    f = f * f * (3 - 2 * f);
    double a = 2 * Hash.unit(Hash.of(seed ^ (octave * 0x51ED27L), c, k)) - 1;
    double b = 2 * Hash.unit(Hash.of(seed ^ (octave * 0x51ED27L), c, k + 1)) - 1;
    return a + (b - a) * f;
  }

  private double spike(int c, long t) {
    return spikeAmp[c] == 0
        ? 0
        : spikeAmp[c] * Math.exp(-(t - spikeT[c]) / (m.raidDecayMinutes() * MINUTE));
  }

  private double burst(int c, long t) {
    return burstAmp[c] == 0
        ? 0
        : burstAmp[c] * Math.exp(-(t - burstT[c]) / (m.burstDecaySeconds() * 1000));
  }

  private void addBurst(int c, long t, double amount) {
    burstAmp[c] = burst(c, t) + amount;
    burstT[c] = t;
  }

  /**
   * Recomputes the channel's upper bounds: valid until its next spike or burst, which refresh
   * again.
   */
  private void refresh(int c, long t) {
    if (!live[c]) {
      chatTree.set(c, 0);
      txTree.set(c, 0);
      return;
    }
    double s = spike(c, t);
    double bound = base[c] * wanderMax + s;
    if (s < 1e-3 * base[c]) {
      spikeAmp[c] = 0;
    }
    double b = burst(c, t);
    if (b < 1e-3) {
      burstAmp[c] = 0;
      b = 0;
    }
    if (chatOn) {
      chatTree.set(c, bound * chatRate[c] * (1 + b));
    }
    if (txOn) {
      txTree.set(c, bound * txRate);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  /**
   * Every channel starts live at the first slot; its stream_start is announced lazily (see slot()).
   */
  private void begin(long t0) {
    started = true;
    for (int c = 0; c < n; c++) {
      live[c] = true;
      streamStart[c] = t0;
      streamNo[c] = 1;
      // The first streams end spread out over their length, so channels do not end in lockstep.
      lifeAt[c] = t0 + (long) (streamLength(c) * (0.15 + 0.85 * rng.nextDouble()));
      hypeAt[c] = t0 + exponential(HOUR / m.hypePerHour());
      refresh(c, t0);
      timers.set(c, Math.min(hypeAt[c], lifeAt[c]));
    }
    liveCount = n;
    chatTree.resum();
    txTree.resum();
  }

  private long streamLength(int c) {
    double hours;
    if (base[c] >= m.bigChannelViewers()) {
      hours = m.streamHoursBig();
    } else {
      double f = Math.log10(Math.max(1, base[c])) / Math.log10(m.bigChannelViewers());
      hours = m.streamHoursSmall() + (m.streamHoursBig() - m.streamHoursSmall()) * f;
    }
    return (long) (hours * HOUR * Math.exp(0.35 * gaussian()));
  }

  private long exponential(double mean) {
    return 1 + (long) (-Math.log(1 - rng.nextDouble()) * mean);
  }

  private double gaussian() {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private void advance(long t) {
    while (!timers.isEmpty() && timers.minKey() <= t) {
      int c = timers.min();
      long at = timers.minKey();
      if (live[c]) {
        if (hypeAt[c] < lifeAt[c]) {
          addBurst(c, at, m.hypeBurst());
          hypeAt[c] = at + exponential(HOUR / m.hypePerHour());
          refresh(c, at);
        } else {
          endStream(c, at);
        }
      } else {
        startStream(c, at);
      }
      timers.set(c, live[c] ? Math.min(hypeAt[c], lifeAt[c]) : lifeAt[c]);
    }
  }

  private void endStream(int c, long t) {
    long carried = viewers(c, t);
    live[c] = false;
    liveCount--;
    refresh(c, t);
    double u = rng.nextDouble();
    if (u < m.raidProbability() && liveCount > 0) {
      int target = randomLive();
      if (metaOn) {
        pending.add(new Pending(RAID_OUT, c, target, carried));
        pending.add(new Pending(RAID_IN, target, c, carried));
      }
      spikeAmp[target] = spike(target, t) + carried;
      spikeT[target] = t;
      addBurst(target, t, m.raidChatBurst());
      raidFrom[target] = c;
      raidAt[target] = t;
      raidSize[target] = carried;
      refresh(target, t);
    }
    if (metaOn) {
      pending.add(new Pending(END, c, -1, 0));
    }
    if (u >= m.raidProbability()
        && u < m.raidProbability() + m.hostProbability()
        && liveCount > 0) {
      hostTarget[c] = randomLive();
      if (metaOn) {
        pending.add(new Pending(HOST_START, c, hostTarget[c], carried));
      }
    }
    spikeAmp[c] = 0;
    burstAmp[c] = 0;
    double pause = m.pauseMinutesMedian() * MINUTE * Math.exp(0.6 * gaussian());
    lifeAt[c] = t + Math.max(60_000L, (long) pause);
  }

  private void startStream(int c, long t) {
    if (hostTarget[c] >= 0) {
      if (metaOn) {
        pending.add(new Pending(HOST_END, c, hostTarget[c], 0));
      }
      hostTarget[c] = -1;
    }
    live[c] = true;
    liveCount++;
    streamStart[c] = t;
    streamNo[c]++;
    lifeAt[c] = t + streamLength(c);
    hypeAt[c] = t + exponential(HOUR / m.hypePerHour());
    raidFrom[c] = -1;
    if (metaOn) {
      pending.add(new Pending(START, c, -1, 0));
      announced[c] = true;
    }
    refresh(c, t);
  }

  /**
   * A live channel other than the ones just ended (uniform over channels, then the next live one).
   */
  private int randomLive() {
    int c = rng.nextInt(n);
    for (int i = 0; i < n; i++) {
      int k = (c + i) % n;
      if (live[k]) {
        return k;
      }
    }
    return -1;
  }

  private int nextLiveRoundRobin() {
    for (int i = 0; i < n; i++) {
      cursor = cursor + 1 >= n ? 0 : cursor + 1;
      if (live[cursor]) {
        return cursor;
      }
    }
    return -1;
  }

  // ---------------------------------------------------------------- slots

  /** Viewer samples never take more than this share of the slots (at very low rates). */
  static final double MAX_VIEWER_SLOT_SHARE = 0.5;

  private Event slot(long at) {
    Pending p = pending.peekFirst();
    if (p != null) {
      if (p.kind() != START && p.kind() != HOST_END && !announced[p.channel()]) {
        announced[p.channel()] = true;
        return own(p.channel()) ? content(p.channel()).streamStart(at) : null;
      }
      pending.pollFirst();
      return own(p.channel())
          ? content(p.channel()).lifecycle(at, p.kind(), p.other(), p.viewers())
          : null;
    }
    if (liveCount == 0) {
      return null;
    }
    // Viewer-count samples follow simulated time, not the slot rate: each live channel gets one
    // every viewerIntervalMillis, whatever RATE_PER_SEC is, so a high rate fills with chat and
    // money rather than with samples. At a rate too low to carry them all, samples take at most
    // maxViewerSlotShare of the slots and fall behind evenly (round-robin) instead.
    slotsSeen++;
    if (viewerOn) {
      long step = Math.max(1, m.viewerIntervalMillis() / liveCount);
      if (nextSampleAt == Long.MIN_VALUE) {
        nextSampleAt = at;
      }
      boolean onlySamples = !chatOn && !txOn && !metaOn;
      // The first round (one sample per channel) is due at once: a dashboard starts with counts.
      boolean firstRound = samplesEmitted < n;
      boolean due = firstRound || at >= nextSampleAt;
      if (onlySamples || due && samplesEmitted < MAX_VIEWER_SLOT_SHARE * slotsSeen + 1) {
        if (!firstRound) {
          nextSampleAt = Math.max(nextSampleAt + step, at - m.viewerIntervalMillis());
        }
        int c = nextLiveRoundRobin();
        if (!metaOn || announced[c]) {
          samplesEmitted++; // (a channel not yet announced gets its stream_start instead)
        }
        return emit(c, EventType.VIEWER, at);
      }
    }
    double perMsViewer = 0;
    double perMsMeta = metaOn ? liveCount * m.metaChangesPerHour() / HOUR : 0;
    for (int attempt = 0; attempt < 10_000; attempt++) {
      double cu = chatOn ? Math.max(0, chatTree.total()) : 0;
      double tu = txOn ? Math.max(0, txTree.total()) : 0;
      double total = cu + tu + perMsViewer + perMsMeta;
      if (total <= 0) {
        return null;
      }
      double x = rng.nextDouble() * total;
      if (x < cu) {
        int c = chatTree.find(x);
        double bound = chatTree.get(c);
        double w = live[c] ? audience(c, at) * chatRate[c] * (1 + burst(c, at)) : 0;
        refresh(c, at);
        if (rng.nextDouble() * bound < w) {
          return emit(c, EventType.CHAT, at);
        }
        continue;
      }
      x -= cu;
      if (x < tu) {
        int c = txTree.find(x);
        double bound = txTree.get(c);
        double w = live[c] ? audience(c, at) * txRate : 0;
        refresh(c, at);
        if (rng.nextDouble() * bound < w) {
          return emit(c, EventType.TRANSACTIONS, at);
        }
        continue;
      }
      x -= tu;
      if (x < perMsViewer) {
        return emit(nextLiveRoundRobin(), EventType.VIEWER, at);
      }
      return emit(randomLive(), EventType.STREAM_META, at);
    }
    return null;
  }

  private Event emit(int c, EventType kind, long at) {
    if (metaOn && !announced[c]) {
      announced[c] = true;
      return own(c) ? content(c).streamStart(at) : null;
    }
    switch (kind) {
      case CHAT:
        return own(c) ? content(c).chat(at) : null;
      case VIEWER:
        {
          if (!own(c)) {
            return null;
          }
          long v = viewers(c, at);
          return content(c).viewerCount(at, v, chatterCount(c, v));
        }
      case TRANSACTIONS:
        {
          int type = ChatText.pick(txCdf, rng.nextDouble());
          int gifts = type == TX_GIFT ? m.giftSizes()[ChatText.pick(giftCdf, rng.nextDouble())] : 0;
          addBurst(
              c,
              at,
              Math.min(m.hypeBurst(), m.purchaseChatBurst() * (1 + (gifts > 1 ? gifts * 0.2 : 0))));
          refresh(c, at);
          return own(c) ? content(c).transaction(at, type, gifts) : null;
        }
      default:
        {
          boolean category = rng.nextDouble() < m.categoryChangeShare();
          return own(c) ? content(c).change(at, category) : null;
        }
    }
  }

  private ChannelContent content(int c) {
    ChannelContent cc = content[c];
    if (cc == null) {
      cc = new ChannelContent(this, c);
      content[c] = cc;
    }
    return cc;
  }
}
