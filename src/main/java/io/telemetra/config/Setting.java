package io.telemetra.config;

import java.util.Locale;

/**
 * Every setting of {@code telemetra produce}: its environment variable, its flag, its default and
 * what values it allows. This table is the single source for the flags, the validation messages and
 * the README's configuration reference (a test keeps them in step).
 */
public enum Setting {
  KAFKA_BOOTSTRAP_SERVERS(
      "--bootstrap-servers",
      "(embedded broker)",
      "host:port[,host:port...]",
      "Kafka cluster to produce to. Unset: start an embedded broker on 127.0.0.1:9092."),
  CHANNELS(
      "--channels",
      "(generated)",
      "comma-separated channel logins, each optionally name:audience",
      "Channels to simulate, e.g. `xqc:15000,demo_stream`. Unset: CHANNEL_COUNT generated names."),
  CHANNEL_COUNT(
      "--channel-count",
      "10",
      "an integer from 1 to 1000000",
      "How many channels to generate when CHANNELS is not set."),
  RATE_PER_SEC(
      "--rate-per-sec",
      "100",
      "a positive number or 'max'",
      "Total Kafka messages per second across all enabled topics; `max` = as fast as Kafka accepts."),
  MESSAGE_VARIANTS(
      "--message-variants",
      "100",
      "an integer from 1 to 10000",
      "Variety of chat text: how many templates and words per vocabulary are in use."),
  LOG_LEVEL("--log-level", "INFO", "TRACE, DEBUG, INFO, WARN or ERROR", "Log level."),
  LOG_FORMAT(
      "--log-format", "text", "text or json", "Log line format; json = one JSON object per line."),
  PRODUCE_CHAT("--produce-chat", "true", "true or false", "Produce chat messages."),
  PRODUCE_VIEWER("--produce-viewer", "true", "true or false", "Produce viewer-count samples."),
  PRODUCE_TRANSACTIONS(
      "--produce-transactions",
      "true",
      "true or false",
      "Produce transactions (subs, gifts, bits, donations)."),
  PRODUCE_STREAM_META(
      "--produce-stream-meta", "true", "true or false", "Produce stream lifecycle events."),
  SEED(
      "--seed",
      "(random, logged)",
      "an integer",
      "Seed of the simulation; the same seed and settings replay the same events."),
  MAX_EVENTS(
      "--max-events",
      "0",
      "a non-negative integer (0 = unlimited)",
      "Stop after this many events in total, across all topics."),
  DURATION(
      "--duration",
      "0",
      "a duration such as 90s, 10m, 2h, 1d (0 = unlimited)",
      "Stop after this much wall-clock time."),
  TOPIC_PREFIX(
      "--topic-prefix",
      "telemetra.events",
      "a Kafka topic name prefix ([a-zA-Z0-9._-], at most 200 characters)",
      "Topics are <prefix>.chat, <prefix>.viewer, <prefix>.transactions, <prefix>.stream_meta."),
  TOPIC_PARTITIONS(
      "--topic-partitions",
      "3",
      "an integer from 1 to 10000",
      "Partitions of topics the producer creates."),
  TOPIC_REPLICATION_FACTOR(
      "--topic-replication-factor",
      "1",
      "an integer from 1 to 32767",
      "Replication factor of topics the producer creates."),
  STATS_INTERVAL(
      "--stats-interval",
      "5s",
      "a positive duration such as 5s or 1m",
      "How often to log a statistics line."),
  SINK(
      "--sink",
      "kafka",
      "kafka or stdout",
      "Where events go; stdout writes one JSON envelope per line and needs no Kafka."),
  PRODUCER_CONFIG(
      "--producer-config",
      "(none)",
      "a readable Java properties file",
      "Extra Kafka client properties (security.protocol, sasl.*, ssl.* ...); see KAFKA_CLIENT_*."),
  CONNECT_RETRIES(
      "--connect-retries",
      "10",
      "an integer from 0 to 1000",
      "How many times to retry reaching Kafka at start-up before giving up (exit 3)."),
  FROM(
      "--from",
      "(live)",
      "an ISO-8601 instant such as 2026-12-01T00:00:00Z",
      "Backfill: generate event time from this instant to TO as fast as the sink accepts, instead of live."),
  TO(
      "--to",
      "(none)",
      "an ISO-8601 instant after FROM",
      "Backfill: end of the simulated span (exclusive)."),
  SHARD(
      "--shard",
      "0/1",
      "i/n with 0 <= i < n <= 1024, e.g. 0/4",
      "Run shard i of n: n instances with the same settings together emit exactly the events of one."),
  EMBEDDED_BROKER_PORT(
      "--embedded-broker-port",
      "9092",
      "a port from 1 to 65535",
      "Port of the embedded broker (used when KAFKA_BOOTSTRAP_SERVERS is not set)."),
  EMBEDDED_BROKER_DATA_DIR(
      "--embedded-broker-data-dir",
      "(temporary directory)",
      "a directory path",
      "Where the embedded broker keeps its log; a temporary directory is deleted on exit."),
  METRICS_PORT(
      "--metrics-port",
      "9464",
      "a port from 1 to 65535, or 0 or 'off' for no endpoint",
      "HTTP port serving /metrics (Prometheus text format), /health, /healthz and /readyz."),
  METRICS_PER_CHANNEL(
      "--metrics-per-channel",
      "false",
      "true or false",
      "Also export per-channel counters (one series per channel and event type: mind the cardinality)."),
  HEALTH_UNREACHABLE_THRESHOLD(
      "--health-unreachable-threshold",
      "30s",
      "a positive duration such as 30s or 2m",
      "/health answers 503 once Kafka has left records unacknowledged (or stayed unreachable) this long."),
  MANIFEST(
      "--manifest",
      "(none)",
      "a file path in an existing directory",
      "At shutdown, write the run's manifest (JSON: counts and sequence ranges per topic and channel, per-minute aggregates) here; `telemetra consume --verify FILE` checks Kafka against it.");

  /**
   * Environment variables with this prefix become Kafka client properties: {@code
   * KAFKA_CLIENT_SASL_MECHANISM -> sasl.mechanism}.
   */
  public static final String CLIENT_PROPERTY_PREFIX = "KAFKA_CLIENT_";

  private final String flag;
  private final String defaultText;
  private final String allowed;
  private final String description;

  Setting(String flag, String defaultText, String allowed, String description) {
    this.flag = flag;
    this.defaultText = defaultText;
    this.allowed = allowed;
    this.description = description;
  }

  public String env() {
    return name();
  }

  public String flag() {
    return flag;
  }

  /** The default as shown to users; values in parentheses describe a computed default. */
  public String defaultText() {
    return defaultText;
  }

  public String allowed() {
    return allowed;
  }

  public String description() {
    return description;
  }

  /** The default as a raw value, or null when the default is computed. */
  public String defaultValue() {
    return defaultText.startsWith("(") ? null : defaultText;
  }

  /** Converts the environment variable name into its flag: {@code MAX_EVENTS -> --max-events}. */
  static String kebab(String env) {
    return "--" + env.toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
