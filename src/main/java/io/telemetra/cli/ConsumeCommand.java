package io.telemetra.cli;

import io.telemetra.config.Setting;
import io.telemetra.config.SettingsParser;
import io.telemetra.config.UsageException;
import io.telemetra.consume.ConsumeRun;
import io.telemetra.consume.Durations;
import io.telemetra.consume.MessageValidator;
import io.telemetra.consume.Verifier;
import io.telemetra.event.EventType;
import io.telemetra.produce.Manifest;
import io.telemetra.produce.Ticker;
import io.telemetra.schema.EventValidator;
import io.telemetra.schema.Violation;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code telemetra consume}: print the events in Kafka, validate them, or verify a run. */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads the four event topics (or one) and prints each message, readably or as raw JSON; statistics go to stderr.",
      "With --verify, checks that a produce run reached Kafka complete: no loss, no duplicates, order kept."
    })
public final class ConsumeCommand implements Callable<Integer> {
  private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  static final String DEFAULT_BOOTSTRAP = "localhost:9092";
  static final Duration VERIFY_IDLE_TIMEOUT = Duration.ofSeconds(30);

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TOPIC",
      description =
          "chat, viewer, transactions, stream_meta, or a full topic name. Default: all four topics.")
  String topic;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "COUNT",
      description = "Stop after this many messages. Default: no limit.")
  String count;

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "<host:port,...>",
      description =
          "Kafka cluster. Default: KAFKA_BOOTSTRAP_SERVERS, else " + DEFAULT_BOOTSTRAP + ".")
  String bootstrapServers;

  @Option(
      names = "--topic-prefix",
      paramLabel = "<prefix>",
      description =
          "Topics are <prefix>.chat, .viewer, .transactions, .stream_meta. Default: TOPIC_PREFIX, else telemetra.events.")
  String topicPrefix;

  @Option(
      names = "--from-beginning",
      description = "Read each partition from its first record (the default).")
  boolean fromBeginning;

  @Option(names = "--only-new", description = "Read only messages that arrive after start-up.")
  boolean onlyNew;

  @Option(
      names = "--group",
      paramLabel = "<id>",
      description =
          "Join this consumer group (offsets are committed). Default: no group; every partition is read and nothing is committed.")
  String group;

  @Option(
      names = "--timeout",
      paramLabel = "<duration>",
      description =
          "End when no message came for this long, e.g. 10s. Default: wait forever (--verify: 30s).")
  String timeout;

  @Option(names = "--json", description = "Print each raw value, one JSON object per line.")
  boolean json;

  @Option(
      names = "--no-color",
      description =
          "No ANSI colours (they are used only on a terminal anyway; NO_COLOR also turns them off).")
  boolean noColor;

  @Option(
      names = "--stats-interval",
      paramLabel = "<duration>",
      description = "Print a statistics line to stderr this often, e.g. 5s.")
  String statsInterval;

  @Option(
      names = "--consumer-config",
      paramLabel = "<file>",
      description =
          "Java properties file of extra Kafka client properties (security.protocol, sasl.*, ssl.*). Env: CONSUMER_CONFIG. "
              + "KAFKA_CLIENT_* variables apply too.")
  Path consumerConfig;

  @Option(
      names = "--connect-retries",
      paramLabel = "<n>",
      description =
          "Retries to reach Kafka at start-up (1 s, 2 s, 4 s ... apart) before giving up with exit 3."
              + " Default: CONNECT_RETRIES, else 1.")
  String connectRetries;

  @Option(
      names = "--validate",
      description =
          "Check each message against its topic's JSON Schema; report invalid ones (exit 1 if any).")
  boolean validate;

  @Option(
      names = "--verify",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "MANIFEST",
      description =
          "Read the topics to their end and check the run's sequence numbers; with a manifest file "
              + "(from produce --manifest) also its totals and aggregates. Exit 0 when all matches, 1 otherwise.")
  String verify;

  @Option(
      names = "--run-id",
      paramLabel = "<uuid>",
      description =
          "With --verify: the run to check. Default: the manifest's run, else the latest run in the topics.")
  String runId;

  private final Map<String, String> env;
  private final PrintStream out;
  private final PrintStream err;

  ConsumeCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    LogConfig.apply(
        env.getOrDefault("LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT),
        env.getOrDefault("LOG_FORMAT", "text").toLowerCase(Locale.ROOT));
    String bootstrap = bootstrap();
    Map<String, String> clientProperties = clientProperties();
    String prefix = prefix();
    if (fromBeginning && onlyNew) {
      throw new UsageException("Invalid usage: --from-beginning and --only-new exclude each other");
    }
    if (verify != null) {
      return verify(bootstrap, clientProperties, prefix);
    }
    if (runId != null) {
      throw new UsageException("Invalid usage: --run-id needs --verify");
    }
    long max = 0;
    if (count != null) {
      try {
        max = Long.parseLong(count.trim());
      } catch (NumberFormatException e) {
        max = -1;
      }
      if (max < 1) {
        throw new UsageException(
            "Invalid value for COUNT: '" + count + "' (allowed: a positive integer)");
      }
    }
    MessageValidator validator = null;
    if (validate) {
      // The same validator as `telemetra validate`: the schemas plus the cross-field rules.
      EventValidator schemas = EventValidator.standard();
      validator =
          (type, json) -> schemas.validate(type, json).stream().map(Violation::toString).toList();
    }
    boolean color =
        !noColor && !env.containsKey("NO_COLOR") && out == System.out && System.console() != null;
    ConsumeRun run =
        new ConsumeRun(
            new ConsumeRun.Options(
                bootstrap,
                clientProperties,
                topics(prefix),
                max,
                !onlyNew,
                group,
                timeout == null ? null : Durations.parse("--timeout", timeout),
                json,
                statsInterval == null ? null : Durations.parse("--stats-interval", statsInterval),
                validator,
                color,
                connectRetries()),
            out,
            err,
            Ticker.SYSTEM);
    Signals.onStop(run::requestStop);
    return run.run();
  }

  private int verify(String bootstrap, Map<String, String> clientProperties, String prefix)
      throws InterruptedException {
    if (json || validate || group != null || onlyNew || count != null || statsInterval != null) {
      throw new UsageException(
          "Invalid usage: --verify reads everything from the beginning and prints a report; "
              + "it cannot be combined with --json, --validate, --group, --only-new, --stats-interval or COUNT");
    }
    Manifest manifest = null;
    String name = verify.isBlank() ? null : verify.trim();
    if (name != null) {
      if (topic != null) {
        throw new UsageException(
            "Invalid usage: with a manifest, --verify reads the manifest's topics; leave out TOPIC");
      }
      try {
        manifest = Manifest.read(Path.of(name));
      } catch (IOException e) {
        String hint = "";
        if (!java.nio.file.Files.exists(Path.of(name)) && isTypeName(name)) {
          hint =
              "; to verify one topic without a manifest, put TOPIC before --verify: telemetra consume "
                  + name
                  + " --verify";
        }
        throw new UsageException(
            "Invalid value for --verify: '"
                + name
                + "' is not a readable manifest ("
                + e.getMessage()
                + ")"
                + hint);
      }
      if (runId != null && !runId.equals(manifest.runId())) {
        throw new UsageException(
            "Invalid usage: --run-id "
                + runId
                + " differs from the manifest's run "
                + manifest.runId());
      }
    }
    Duration idle = timeout == null ? VERIFY_IDLE_TIMEOUT : Durations.parse("--timeout", timeout);
    Verifier verifier =
        new Verifier(
            new Verifier.Options(
                bootstrap,
                clientProperties,
                topics(prefix),
                runId,
                manifest,
                name,
                idle,
                connectRetries()),
            out,
            Ticker.SYSTEM);
    Signals.onStop(verifier::requestStop);
    return verifier.run();
  }

  private int connectRetries() {
    String v = connectRetries != null ? connectRetries : env.get(Setting.CONNECT_RETRIES.env());
    if (v == null) {
      return 1;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= 0 && n <= 1000) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(
        "Invalid value for "
            + (connectRetries != null ? "--connect-retries" : Setting.CONNECT_RETRIES.env())
            + ": '"
            + v
            + "' (allowed: "
            + Setting.CONNECT_RETRIES.allowed()
            + ")");
  }

  private static boolean isTypeName(String text) {
    try {
      EventType.parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private String bootstrap() {
    String v =
        bootstrapServers != null
            ? bootstrapServers
            : env.get(Setting.KAFKA_BOOTSTRAP_SERVERS.env());
    if (v == null) {
      return DEFAULT_BOOTSTRAP;
    }
    String label =
        bootstrapServers != null ? "--bootstrap-servers" : Setting.KAFKA_BOOTSTRAP_SERVERS.env();
    v = v.trim();
    if (!v.matches("[^,\\s]+:\\d{1,5}(,[^,\\s]+:\\d{1,5})*")) {
      throw new UsageException(
          "Invalid value for "
              + label
              + ": '"
              + v
              + "' (allowed: "
              + Setting.KAFKA_BOOTSTRAP_SERVERS.allowed()
              + ")");
    }
    return v;
  }

  private String prefix() {
    String v =
        topicPrefix != null
            ? topicPrefix
            : env.getOrDefault(Setting.TOPIC_PREFIX.env(), Setting.TOPIC_PREFIX.defaultValue());
    v = v.trim();
    if (!v.matches("[a-zA-Z0-9._-]{1,200}")) {
      throw new UsageException(
          "Invalid value for "
              + (topicPrefix != null ? "--topic-prefix" : Setting.TOPIC_PREFIX.env())
              + ": '"
              + v
              + "' (allowed: "
              + Setting.TOPIC_PREFIX.allowed()
              + ")");
    }
    return v;
  }

  private Map<String, String> clientProperties() {
    Map<String, String> props = new LinkedHashMap<>();
    Path file = consumerConfig;
    String label = "--consumer-config";
    if (file == null
        && env.get("CONSUMER_CONFIG") != null
        && !env.get("CONSUMER_CONFIG").isBlank()) {
      file = Path.of(env.get("CONSUMER_CONFIG").trim());
      label = "CONSUMER_CONFIG";
    }
    if (file != null) {
      props.putAll(SettingsParser.readProperties(label, "a readable Java properties file", file));
    }
    props.putAll(SettingsParser.clientPropertiesFromEnv(env));
    return props;
  }

  /** The topics to read: TOPIC (short type name or full name), else all four. */
  private List<String> topics(String prefix) {
    List<String> topics = new ArrayList<>();
    if (topic == null) {
      for (EventType t : EventType.values()) {
        topics.add(t.topic(prefix));
      }
      return topics;
    }
    String t = topic.trim();
    try {
      topics.add(EventType.parse(t).topic(prefix));
      return topics;
    } catch (IllegalArgumentException notAType) {
      if (!TOPIC_NAME.matcher(t).matches()) {
        throw new UsageException(
            "Invalid value for TOPIC: '"
                + topic
                + "' (allowed: chat, viewer, transactions, stream_meta, or a full topic name of [a-zA-Z0-9._-])");
      }
      topics.add(t);
      return topics;
    }
  }
}
