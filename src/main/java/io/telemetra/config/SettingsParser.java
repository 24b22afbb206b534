package io.telemetra.config;

import io.telemetra.event.EventType;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns environment variables and flags into {@link Settings}. A flag wins over its variable. Every
 * bad value becomes a {@link UsageException} whose one-line message names the variable or flag as
 * the user wrote it, the value, and what is allowed.
 */
public final class SettingsParser {
  /**
   * Twitch logins: [a-z0-9_], not starting with an underscore; 4-25 characters for new accounts,
   * but legacy logins of 3 (such as xqc) exist, so 3-25 are accepted.
   */
  public static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9_]{2,24}");

  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
  private static final Pattern SHARD = Pattern.compile("(\\d{1,4})/(\\d{1,4})");
  private static final Pattern TOPIC_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

  private final Map<String, String> env;
  private final Map<Setting, String> flags;
  private final List<String> warnings = new ArrayList<>();

  /**
   * @param env the process environment (or a test's map)
   * @param flags raw flag values given on the command line, by setting
   */
  public SettingsParser(Map<String, String> env, Map<Setting, String> flags) {
    this.env = Map.copyOf(env);
    this.flags = Map.copyOf(flags);
  }

  /** Warnings found while parsing (e.g. misspelled variables); valid after {@link #parse()}. */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  public Settings parse() {
    warnUnknownVariables();
    String bootstrap = raw(Setting.KAFKA_BOOTSTRAP_SERVERS);
    if (bootstrap != null) {
      bootstrap = bootstrap.trim();
      if (bootstrap.isEmpty() || !bootstrap.matches("[^,\\s]+:\\d{1,5}(,[^,\\s]+:\\d{1,5})*")) {
        throw bad(Setting.KAFKA_BOOTSTRAP_SERVERS, bootstrap);
      }
    }
    List<ChannelSpec> channels = channels();
    int channelCount = intIn(Setting.CHANNEL_COUNT, 1, 1_000_000);
    Rate rate = rate();
    int variants = intIn(Setting.MESSAGE_VARIANTS, 1, 10_000);
    String logLevel =
        oneOf(Setting.LOG_LEVEL, List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"), true);
    String logFormat = oneOf(Setting.LOG_FORMAT, List.of("text", "json"), false);
    Set<EventType> types = EnumSet.noneOf(EventType.class);
    if (bool(Setting.PRODUCE_CHAT)) {
      types.add(EventType.CHAT);
    }
    if (bool(Setting.PRODUCE_VIEWER)) {
      types.add(EventType.VIEWER);
    }
    if (bool(Setting.PRODUCE_TRANSACTIONS)) {
      types.add(EventType.TRANSACTIONS);
    }
    if (bool(Setting.PRODUCE_STREAM_META)) {
      types.add(EventType.STREAM_META);
    }
    if (types.isEmpty()) {
      throw new UsageException(
          "Nothing to produce: PRODUCE_CHAT, PRODUCE_VIEWER, PRODUCE_TRANSACTIONS and PRODUCE_STREAM_META are all false (enable at least one)");
    }
    String seedText = raw(Setting.SEED);
    long seed;
    boolean seedGiven = seedText != null;
    if (seedGiven) {
      try {
        seed = Long.parseLong(seedText.trim());
      } catch (NumberFormatException e) {
        throw bad(Setting.SEED, seedText);
      }
    } else {
      seed = ThreadLocalRandom.current().nextLong() & 0xFFFFFFFFFFFFL;
    }
    long maxEvents = longIn(Setting.MAX_EVENTS, 0, Long.MAX_VALUE);
    Duration duration = duration(Setting.DURATION, true);
    String prefix = value(Setting.TOPIC_PREFIX).trim();
    if (!TOPIC_PREFIX.matcher(prefix).matches()) {
      throw bad(Setting.TOPIC_PREFIX, prefix);
    }
    int partitions = intIn(Setting.TOPIC_PARTITIONS, 1, 10_000);
    short replication = (short) intIn(Setting.TOPIC_REPLICATION_FACTOR, 1, Short.MAX_VALUE);
    Duration stats = duration(Setting.STATS_INTERVAL, false);
    Settings.Sink sink =
        Settings.Sink.valueOf(
            oneOf(Setting.SINK, List.of("kafka", "stdout"), false).toUpperCase(Locale.ROOT));
    Path producerConfig = null;
    Map<String, String> clientProps = new LinkedHashMap<>();
    String configText = raw(Setting.PRODUCER_CONFIG);
    if (configText != null) {
      producerConfig = Path.of(configText.trim());
      clientProps.putAll(readProperties(Setting.PRODUCER_CONFIG, producerConfig));
    }
    clientProps.putAll(clientPropertiesFromEnv(env));
    int retries = intIn(Setting.CONNECT_RETRIES, 0, 1000);
    int brokerPort = intIn(Setting.EMBEDDED_BROKER_PORT, 1, 65535);
    String dataDir = raw(Setting.EMBEDDED_BROKER_DATA_DIR);
    if (dataDir != null
        && !dataDir.isBlank()
        && Files.exists(Path.of(dataDir.trim()))
        && !Files.isDirectory(Path.of(dataDir.trim()))) {
      throw bad(Setting.EMBEDDED_BROKER_DATA_DIR, dataDir);
    }
    Instant from = instant(Setting.FROM);
    Instant to = instant(Setting.TO);
    if (from != null && to == null) {
      throw new UsageException(
          "Invalid value for "
              + label(Setting.FROM)
              + ": '"
              + raw(Setting.FROM)
              + "' needs "
              + Setting.TO.env()
              + " / "
              + Setting.TO.flag()
              + " too (allowed: both FROM and TO, or neither)");
    }
    if (to != null && (from == null || !to.isAfter(from))) {
      throw bad(Setting.TO, raw(Setting.TO));
    }
    Settings.Shard shard = shard();
    int metricsPort = metricsPort();
    boolean perChannel = bool(Setting.METRICS_PER_CHANNEL);
    Duration unreachable = duration(Setting.HEALTH_UNREACHABLE_THRESHOLD, false);
    Path manifest = manifest();
    return new Settings(
        bootstrap,
        channels,
        channelCount,
        rate,
        variants,
        logLevel,
        logFormat,
        types,
        seed,
        seedGiven,
        maxEvents,
        duration,
        prefix,
        partitions,
        replication,
        stats,
        sink,
        producerConfig,
        clientProps,
        retries,
        brokerPort,
        dataDir == null || dataDir.isBlank() ? null : Path.of(dataDir.trim()),
        from,
        to,
        metricsPort,
        perChannel,
        unreachable,
        manifest,
        shard);
  }

  /** {@code KAFKA_CLIENT_SASL_JAAS_CONFIG=...} becomes {@code sasl.jaas.config=...}. */
  public static Map<String, String> clientPropertiesFromEnv(Map<String, String> env) {
    Map<String, String> props = new LinkedHashMap<>();
    env.entrySet().stream()
        .filter(e -> e.getKey().startsWith(Setting.CLIENT_PROPERTY_PREFIX))
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                props.put(
                    e.getKey()
                        .substring(Setting.CLIENT_PROPERTY_PREFIX.length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.'),
                    e.getValue()));
    return props;
  }

  /** Reads a Java properties file of Kafka client settings, or fails naming the setting. */
  public static Map<String, String> readProperties(Setting setting, Path file) {
    return readProperties(setting.env() + " / " + setting.flag(), setting.allowed(), file);
  }

  /**
   * As {@link #readProperties(Setting, Path)}, for options that are not produce settings ({@code
   * label} names them).
   */
  public static Map<String, String> readProperties(String label, String allowed, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UsageException(
          "Invalid value for "
              + label
              + ": '"
              + file
              + "' is not a readable file (allowed: "
              + allowed
              + ")");
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException(
          "Invalid value for "
              + label
              + ": '"
              + file
              + "' could not be read as a properties file ("
              + e.getMessage()
              + ")");
    }
    Map<String, String> out = new LinkedHashMap<>();
    p.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, p.getProperty(k)));
    return out;
  }

  private void warnUnknownVariables() {
    Set<String> known = new HashSet<>();
    for (Setting s : Setting.values()) {
      known.add(s.env());
    }
    known.addAll(
        List.of(
            "METRICS_PORT",
            "METRICS_ENABLED",
            "MANIFEST",
            "SHARD",
            "FROM",
            "TO",
            "HEALTH_UNREACHABLE_THRESHOLD",
            "METRICS_PER_CHANNEL",
            "CONSUMER_CONFIG",
            "KAFKA_HEAP_OPTS",
            "KAFKA_OPTS"));
    for (String name : env.keySet()) {
      if (known.contains(name) || name.startsWith(Setting.CLIENT_PROPERTY_PREFIX)) {
        continue;
      }
      boolean ours =
          name.startsWith("PRODUCE_")
              || name.startsWith("TOPIC_")
              || name.startsWith("KAFKA_")
              || name.startsWith("EMBEDDED_BROKER_")
              || name.startsWith("CHANNEL")
              || name.startsWith("RATE")
              || name.startsWith("MESSAGE_")
              || name.startsWith("STATS_")
              || name.startsWith("TELEMETRA_");
      if (ours) {
        String hint = Spelling.nearest(name, known, 3);
        warnings.add(
            "Unknown variable "
                + name
                + " ignored"
                + (hint == null ? "" : " (did you mean " + hint + "?)"));
      }
    }
  }

  private List<ChannelSpec> channels() {
    String text = raw(Setting.CHANNELS);
    if (text == null) {
      return List.of();
    }
    List<ChannelSpec> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String part : text.split(",", -1)) {
      String p = part.trim();
      String name = p;
      long audience = 0;
      int colon = p.indexOf(':');
      if (colon >= 0) {
        name = p.substring(0, colon);
        try {
          audience = Long.parseLong(p.substring(colon + 1));
        } catch (NumberFormatException e) {
          audience = -1;
        }
        if (audience < 1 || audience > 10_000_000) {
          throw new UsageException(
              "Invalid value for "
                  + label(Setting.CHANNELS)
                  + ": '"
                  + p
                  + "' has a bad audience (allowed: name:audience with audience from 1 to 10000000)");
        }
      }
      String login = name.toLowerCase(Locale.ROOT);
      if (!LOGIN.matcher(login).matches()) {
        throw new UsageException(
            "Invalid value for "
                + label(Setting.CHANNELS)
                + ": '"
                + name
                + "' is not a Twitch login (allowed: 3-25 characters of a-z, 0-9 and _, not starting with _)");
      }
      if (!seen.add(login)) {
        throw new UsageException(
            "Invalid value for "
                + label(Setting.CHANNELS)
                + ": channel '"
                + login
                + "' is listed twice");
      }
      out.add(new ChannelSpec(login, audience));
    }
    return out;
  }

  private Settings.Shard shard() {
    String v = value(Setting.SHARD).trim();
    Matcher m = SHARD.matcher(v);
    if (m.matches()) {
      int i = Integer.parseInt(m.group(1));
      int n = Integer.parseInt(m.group(2));
      if (n >= 1 && n <= 1024 && i < n) {
        return new Settings.Shard(i, n);
      }
    }
    throw bad(Setting.SHARD, v);
  }

  /** MANIFEST: checked now, so that a run does not end with nowhere to write its manifest. */
  private Path manifest() {
    String v = raw(Setting.MANIFEST);
    if (v == null || v.isBlank()) {
      return null;
    }
    Path file = Path.of(v.trim());
    Path dir = file.toAbsolutePath().getParent();
    if (Files.isDirectory(file)
        || dir == null
        || !Files.isDirectory(dir)
        || !Files.isWritable(dir)) {
      throw bad(Setting.MANIFEST, v);
    }
    return file;
  }

  private int metricsPort() {
    String v = value(Setting.METRICS_PORT).trim();
    return v.equalsIgnoreCase("off") ? 0 : intIn(Setting.METRICS_PORT, 0, 65535);
  }

  private Rate rate() {
    String v = value(Setting.RATE_PER_SEC).trim();
    if (v.equalsIgnoreCase("max")) {
      return Rate.MAX;
    }
    try {
      double d = Double.parseDouble(v);
      if (d > 0 && d <= 10_000_000 && Double.isFinite(d)) {
        return new Rate(d);
      }
    } catch (NumberFormatException ignored) {
      // fall through to the error below
    }
    throw bad(Setting.RATE_PER_SEC, v);
  }

  private Duration duration(Setting s, boolean zeroAllowed) {
    String v = value(s).trim().toLowerCase(Locale.ROOT);
    Matcher m = DURATION.matcher(v);
    if (!m.matches()) {
      throw bad(s, v);
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      throw bad(s, v);
    }
    String unit = m.group(2) == null ? "s" : m.group(2);
    if (n == 0 && !zeroAllowed || n > 3_650L * 24 * 3600) {
      throw bad(s, v);
    }
    return switch (unit) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }

  private Instant instant(Setting s) {
    String v = raw(s);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v.trim());
    } catch (DateTimeParseException e) {
      throw bad(s, v);
    }
  }

  private boolean bool(Setting s) {
    String v = value(s).trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "1", "on" -> true;
      case "false", "no", "0", "off" -> false;
      default -> throw bad(s, v);
    };
  }

  private String oneOf(Setting s, List<String> allowed, boolean upper) {
    String v = value(s).trim();
    String norm = upper ? v.toUpperCase(Locale.ROOT) : v.toLowerCase(Locale.ROOT);
    if (!allowed.contains(norm)) {
      throw bad(s, v);
    }
    return norm;
  }

  private int intIn(Setting s, int min, int max) {
    return (int) longIn(s, min, max);
  }

  private long longIn(Setting s, long min, long max) {
    String v = value(s).trim();
    try {
      long n = Long.parseLong(v);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // fall through to the error below
    }
    throw bad(s, v);
  }

  /** The raw value (flag first, then variable), or null if neither is set. */
  private String raw(Setting s) {
    String f = flags.get(s);
    if (f != null) {
      return f;
    }
    return env.get(s.env());
  }

  private String value(Setting s) {
    String v = raw(s);
    return v != null ? v : s.defaultValue();
  }

  /** The name of the setting as the user gave it: the flag if given, else the variable. */
  private String label(Setting s) {
    return flags.containsKey(s) ? s.flag() : s.env();
  }

  private UsageException bad(Setting s, String value) {
    return new UsageException(
        "Invalid value for " + label(s) + ": '" + value + "' (allowed: " + s.allowed() + ")");
  }
}
