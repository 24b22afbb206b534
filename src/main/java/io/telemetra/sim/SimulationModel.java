package io.telemetra.sim;

/**
 * Every figure of the simulation model, in one place. Each default cites its section of {@code
 * realism.md} (the shared realism spec) or is marked (est.) where no good source exists. Use {@link
 * #DEFAULTS} and the {@code with...} methods to change a knob.
 *
 * <p>Rates are per simulated second unless the name says otherwise; durations in the unit the name
 * says.
 */
public record SimulationModel(
    // --- Audiences across channels (realism §1) ---
    /**
     * Median baseline audience of a generated channel (est.: channels worth simulating, not the
     * Twitch-wide median of ~2).
     */
    double audienceMedian,
    /** Log-normal sigma of the audience body (est.). */
    double audienceSigma,
    /** Body quantile above which the Pareto tail takes over (the top 5%, realism §1). */
    double tailQuantile,
    /** Pareto exponent of the tail (realism §1: ~1.0-1.2). */
    double paretoAlpha,
    /** Largest baseline audience drawn (the biggest Twitch streams, est.). */
    double audienceMax,

    // --- Viewer-count dynamics (realism §2) ---
    /** Median stream length of small channels, hours (realism §2: ~2.7 h). */
    double streamHoursSmall,
    /**
     * Median stream length of big channels (>= bigChannelViewers), hours (realism §2: 3.75-4.3 h).
     */
    double streamHoursBig,
    /** Baseline audience from which a channel counts as big (est.). */
    double bigChannelViewers,
    /**
     * Median offline pause between streams, minutes (est.: short so that most simulated channels
     * stay live).
     */
    double pauseMinutesMedian,
    /**
     * Time constant of the ramp-up after stream_start, minutes (realism §2: 10-20 min to plateau =
     * ~3 time constants).
     */
    double rampMinutes,
    /** Audience at the very start, as a share of the plateau (est.). */
    double rampFloor,
    /**
     * Amplitude of the mean-reverting wander in log space: the audience stays within exp(+-this) of
     * the plateau (est.).
     */
    double wanderAmplitude,
    /**
     * Period of the wander's slow component, minutes (its fast component has a quarter of it)
     * (est.).
     */
    double wanderPeriodMinutes,
    /** Length of the audience drop before stream_end, minutes (est.). */
    double endDropMinutes,
    /** Share of the audience left at stream_end (est.). */
    double endDropFloor,
    /**
     * Probability that a stream ends with a raid on another live channel (realism §7: "often",
     * est.).
     */
    double raidProbability,
    /**
     * Probability that a stream that does not raid hosts another channel (realism §7: rare since
     * 2022, est.).
     */
    double hostProbability,
    /**
     * Time constant of the raid spike's decay, minutes (realism §2: most raiders leave within
     * minutes).
     */
    double raidDecayMinutes,
    /** Hype moments per live hour (est.). */
    double hypePerHour,
    /** Extra chat intensity at a hype moment: 5 means 6x the average (realism §3: 5-6x). */
    double hypeBurst,
    /** Time constant of a chat burst's decay, seconds (realism §3: tens of seconds). */
    double burstDecaySeconds,
    /** Extra chat intensity in the raid target (realism §3: raid greeting spam, est.). */
    double raidChatBurst,
    /**
     * How often each live channel would report its viewer count, ms of simulated time (realism §2:
     * 30-60 s in the wild, more often here).
     */
    long viewerIntervalMillis,
    /** Title or category changes per live hour (est.). */
    double metaChangesPerHour,
    /** Share of those changes that change the category rather than the title (est.). */
    double categoryChangeShare,

    // --- Chat (realism §3) ---
    /**
     * Chat messages per viewer per minute of a 10-viewer channel (realism §3: small channels
     * 0.1-0.3).
     */
    double chatPerViewerMinuteAt10,
    /**
     * Exponent of the per-viewer rate against audience: 0.22 x (V/10)^-0.25 gives 0.036 at 13.5k
     * viewers (realism §3: xQc).
     */
    double chatRateExponent,
    /** Upper clamp of the per-viewer rate (realism §3: 0.3). */
    double chatPerViewerMinuteMax,
    /** Lower clamp of the per-viewer rate (est.). */
    double chatPerViewerMinuteMin,
    /** Share of viewers connected to chat in a 10-viewer channel (realism §3: 5-20%). */
    double chatterShareAt10,
    /** Smallest share of viewers connected to chat, reached by big channels (realism §3: 5%). */
    double chatterShareMin,
    /** Share of chat lines that are /me actions (realism §3: 1-3%). */
    double actionShare,
    /** Target share of chat lines carrying at least one emote (realism §4: est. 30-50%). */
    double emoteShare,
    /** Zipf exponent of emote popularity by rank (realism §4: Zipf-like). */
    double emoteZipfExponent,
    /** Share of chat lines written by the broadcaster (est.). */
    double broadcasterChatShare,
    /** How long a raid target's chat carries raid greetings, seconds (est.). */
    double raidGreetingSeconds,
    /** How long chat reacts to a purchase (thanks, hype emotes), seconds (est.). */
    double reactionSeconds,
    /** Share of chat lines in that window that react to the purchase (est.). */
    double reactionShare,

    // --- Money (realism §6) ---
    /**
     * Paid events per viewer-hour: subs ~1 per 100-500 viewer-hours (realism §6) and subs (new,
     * renewed, gifted) are ~75% of paid events here; the busy end of the range, so that money shows
     * up within seconds at the default settings.
     */
    double paidPerViewerHour,
    /**
     * Mix of transaction types: subscription, subscription_renewal, gift_sub, bits, donation
     * (est.).
     */
    double[] transactionMix,
    /** Tier mix 1000, Prime, 2000, 3000 (realism §6: est. 65/25/5/5). */
    double[] tierMix,
    /** Gift bomb sizes (realism §6: 1, 5, 10, 20, 50, 100). */
    int[] giftSizes,
    /** Weights of the gift bomb sizes (est.: single gifts dominate). */
    double[] giftSizeWeights,
    /** Cheer amounts in bits (realism §6: round and meme values). */
    int[] cheerBits,
    /** Weights of the cheer amounts (est.). */
    double[] cheerBitsWeights,
    /** Median donation, USD (realism §6: est. log-normal, median ~$5). */
    double donationMedianUsd,
    /** Log-normal sigma of donations (realism §6: long tail to hundreds, est.). */
    double donationSigma,
    /** Share of gift subs, cheers and donations made anonymously (est.). */
    double anonymousShare,
    /** Extra chat intensity after a purchase, plus this per gifted sub of a bomb (est.). */
    double purchaseChatBurst,
    /** Share of chatters subscribed when the simulation starts (est.). */
    double subscriberShare,
    /** Subscribers per baseline viewer at the start (est.). */
    double subscribersPerViewer,
    /** Followers per baseline viewer at the start (est.). */
    double followersPerViewer,
    /** New followers per viewer-hour (est.). */
    double followsPerViewerHour,

    // --- Chatters and badges (realism §3, §5) ---
    /**
     * Chatter population per baseline viewer (everyone who may write in the channel), at least
     * minChatters (est.).
     */
    double chattersPerViewer,
    /**
     * Smallest chatter population of a channel (est.; also the room gift bombs draw recipients
     * from).
     */
    int minChatters,
    /** Share of chatters who are moderators (realism §5: 1-2%). */
    double moderatorShare,
    /** Share of chatters who are VIPs (realism §5: 1-2%). */
    double vipShare,

    // --- Daily cycle (realism §2) ---
    /**
     * Audiences swing by +-this share over the day (realism §2: peak ~00:50-02:00 UTC, trough
     * ~07:00-09:00; est. size).
     */
    double dailyAmplitude,
    /** Hour of the daily peak, UTC (realism §2: ~00:50-02:00). */
    double dailyPeakHourUtc,
    /** Extra audience on Saturdays and Sundays (realism §2: weekends higher; est. size). */
    double weekendBoost) {

  /** The defaults documented in docs/DATA_GENERATION.md. */
  public static final SimulationModel DEFAULTS =
      new SimulationModel(
          30, // audienceMedian
          1.2, // audienceSigma
          0.95, // tailQuantile
          1.1, // paretoAlpha
          200_000, // audienceMax
          2.7, // streamHoursSmall
          4.0, // streamHoursBig
          5_000, // bigChannelViewers
          20, // pauseMinutesMedian
          5, // rampMinutes
          0.4, // rampFloor
          0.25, // wanderAmplitude
          20, // wanderPeriodMinutes
          5, // endDropMinutes
          0.5, // endDropFloor
          0.6, // raidProbability
          0.02, // hostProbability
          4, // raidDecayMinutes
          3, // hypePerHour
          5, // hypeBurst
          20, // burstDecaySeconds
          4, // raidChatBurst
          10_000, // viewerIntervalMillis
          0.5, // metaChangesPerHour
          0.3, // categoryChangeShare
          0.22, // chatPerViewerMinuteAt10
          -0.25, // chatRateExponent
          0.3, // chatPerViewerMinuteMax
          0.02, // chatPerViewerMinuteMin
          0.2, // chatterShareAt10
          0.05, // chatterShareMin
          0.02, // actionShare
          0.40, // emoteShare
          1.0, // emoteZipfExponent
          0.01, // broadcasterChatShare
          60, // raidGreetingSeconds
          20, // reactionSeconds
          0.35, // reactionShare
          0.015, // paidPerViewerHour
          new double[] {0.30, 0.35, 0.10, 0.15, 0.10}, // transactionMix
          new double[] {0.65, 0.25, 0.05, 0.05}, // tierMix
          new int[] {1, 5, 10, 20, 50, 100}, // giftSizes
          new double[] {0.60, 0.18, 0.11, 0.06, 0.03, 0.02}, // giftSizeWeights
          new int[] {1, 100, 500, 1000, 5000, 10000, 69, 420, 1337}, // cheerBits
          new double[] {0.10, 0.45, 0.15, 0.12, 0.03, 0.01, 0.04, 0.06, 0.04}, // cheerBitsWeights
          5.0, // donationMedianUsd
          1.0, // donationSigma
          0.05, // anonymousShare
          0.3, // purchaseChatBurst
          0.3, // subscriberShare
          0.8, // subscribersPerViewer
          40, // followersPerViewer
          0.05, // followsPerViewerHour
          0.6, // chattersPerViewer
          120, // minChatters
          0.015, // moderatorShare
          0.01, // vipShare
          0.35, // dailyAmplitude
          1.5, // dailyPeakHourUtc
          0.1 // weekendBoost
          );

  /** The same model with viewer-count samples every {@code millis} of simulated time. */
  public SimulationModel withViewerIntervalMillis(long millis) {
    return new SimulationModel(
        audienceMedian,
        audienceSigma,
        tailQuantile,
        paretoAlpha,
        audienceMax,
        streamHoursSmall,
        streamHoursBig,
        bigChannelViewers,
        pauseMinutesMedian,
        rampMinutes,
        rampFloor,
        wanderAmplitude,
        wanderPeriodMinutes,
        endDropMinutes,
        endDropFloor,
        raidProbability,
        hostProbability,
        raidDecayMinutes,
        hypePerHour,
        hypeBurst,
        burstDecaySeconds,
        raidChatBurst,
        millis,
        metaChangesPerHour,
        categoryChangeShare,
        chatPerViewerMinuteAt10,
        chatRateExponent,
        chatPerViewerMinuteMax,
        chatPerViewerMinuteMin,
        chatterShareAt10,
        chatterShareMin,
        actionShare,
        emoteShare,
        emoteZipfExponent,
        broadcasterChatShare,
        raidGreetingSeconds,
        reactionSeconds,
        reactionShare,
        paidPerViewerHour,
        transactionMix,
        tierMix,
        giftSizes,
        giftSizeWeights,
        cheerBits,
        cheerBitsWeights,
        donationMedianUsd,
        donationSigma,
        anonymousShare,
        purchaseChatBurst,
        subscriberShare,
        subscribersPerViewer,
        followersPerViewer,
        followsPerViewerHour,
        chattersPerViewer,
        minChatters,
        moderatorShare,
        vipShare,
        dailyAmplitude,
        dailyPeakHourUtc,
        weekendBoost);
  }

  /**
   * The same model with stream lengths (median hours, small and big channels) and pauses (median
   * minutes).
   */
  public SimulationModel withStreamLengths(
      double hoursSmall, double hoursBig, double pauseMinutes) {
    return new SimulationModel(
        audienceMedian,
        audienceSigma,
        tailQuantile,
        paretoAlpha,
        audienceMax,
        hoursSmall,
        hoursBig,
        bigChannelViewers,
        pauseMinutes,
        rampMinutes,
        rampFloor,
        wanderAmplitude,
        wanderPeriodMinutes,
        endDropMinutes,
        endDropFloor,
        raidProbability,
        hostProbability,
        raidDecayMinutes,
        hypePerHour,
        hypeBurst,
        burstDecaySeconds,
        raidChatBurst,
        viewerIntervalMillis,
        metaChangesPerHour,
        categoryChangeShare,
        chatPerViewerMinuteAt10,
        chatRateExponent,
        chatPerViewerMinuteMax,
        chatPerViewerMinuteMin,
        chatterShareAt10,
        chatterShareMin,
        actionShare,
        emoteShare,
        emoteZipfExponent,
        broadcasterChatShare,
        raidGreetingSeconds,
        reactionSeconds,
        reactionShare,
        paidPerViewerHour,
        transactionMix,
        tierMix,
        giftSizes,
        giftSizeWeights,
        cheerBits,
        cheerBitsWeights,
        donationMedianUsd,
        donationSigma,
        anonymousShare,
        purchaseChatBurst,
        subscriberShare,
        subscribersPerViewer,
        followersPerViewer,
        followsPerViewerHour,
        chattersPerViewer,
        minChatters,
        moderatorShare,
        vipShare,
        dailyAmplitude,
        dailyPeakHourUtc,
        weekendBoost);
  }

  /**
   * Chat messages per viewer per second for a channel whose baseline audience is {@code viewers}.
   */
  public double chatPerViewerSecond(double viewers) {
    double perMinute =
        chatPerViewerMinuteAt10 * Math.pow(Math.max(viewers, 1) / 10.0, chatRateExponent);
    return Math.max(chatPerViewerMinuteMin, Math.min(chatPerViewerMinuteMax, perMinute)) / 60.0;
  }

  /**
   * Share of viewers connected to chat for a channel whose baseline audience is {@code viewers}.
   */
  public double chatterShare(double viewers) {
    double s = chatterShareAt10 * Math.pow(Math.max(viewers, 1) / 10.0, -0.15);
    return Math.max(chatterShareMin, Math.min(chatterShareAt10, s));
  }
}
