package io.telemetra.cli;

import io.telemetra.config.Setting;
import io.telemetra.config.Settings;
import io.telemetra.config.SettingsParser;
import io.telemetra.metrics.Monitoring;
import io.telemetra.produce.ManifestRecorder;
import io.telemetra.produce.ProduceRun;
import io.telemetra.produce.Ticker;
import io.telemetra.sim.EventSource;
import io.telemetra.sim.Simulation;
import io.telemetra.sim.SimulationConfig;
import io.telemetra.sim.SimulationModel;
import java.io.PrintStream;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** {@code telemetra produce}: simulate channels and produce their events to Kafka (or stdout). */
@Command(
    name = "produce",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Simulates Twitch channels and produces chat, viewer, transaction and stream_meta events.",
      "Every option also reads the environment variable named in its description; the flag wins."
    })
public final class ProduceCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ProduceCommand.class);

  @CommandLine.Spec CommandSpec spec;

  private final Map<String, String> env;
  private final PrintStream out;

  ProduceCommand(Map<String, String> env, PrintStream out, PrintStream err) {
    this.env = env;
    this.out = out;
  }

  /** One option per {@link Setting}, built from the table so flags and docs cannot drift. */
  static void addSettingOptions(CommandSpec spec) {
    for (Setting s : Setting.values()) {
      spec.addOption(
          OptionSpec.builder(s.flag())
              .paramLabel("<" + s.env().toLowerCase(java.util.Locale.ROOT) + ">")
              .type(String.class)
              .description(
                  s.description() + " Env: " + s.env() + ". Default: " + s.defaultText() + ".")
              .build());
    }
  }

  /** The raw flag values the user gave, by setting. */
  static Map<Setting, String> givenFlags(CommandSpec spec) {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      OptionSpec o = spec.findOption(s.flag());
      if (o != null && spec.commandLine().getParseResult().hasMatchedOption(s.flag())) {
        flags.put(s, o.getValue());
      }
    }
    return flags;
  }

  @Override
  public Integer call() throws Exception {
    SettingsParser parser = new SettingsParser(env, givenFlags(spec));
    Settings settings = parser.parse();
    LogConfig.apply(settings.logLevel(), settings.logFormat());
    parser.warnings().forEach(LOG::warn);
    LOG.info("Settings: {}", describe(settings));
    ProduceRun run =
        new ProduceRun(settings, Clock.systemUTC(), Ticker.SYSTEM, out, ProduceCommand::simulation);
    ManifestRecorder manifest = null;
    if (settings.manifest() != null) {
      manifest = new ManifestRecorder(run.runId(), settings, Clock.systemUTC());
      run.addListener(manifest);
    }
    Signals.onStop(run::requestStop);
    Monitoring monitoring = Monitoring.attach(run, Ticker.SYSTEM);
    int code;
    try {
      code = run.run();
    } finally {
      monitoring.close();
    }
    if (manifest != null) {
      code = writeManifest(manifest, settings.manifest(), code);
    }
    return code;
  }

  /**
   * Writes the manifest at shutdown, even after a failed run: it records what Kafka acknowledged.
   */
  private static int writeManifest(ManifestRecorder manifest, java.nio.file.Path file, int code) {
    try {
      manifest.write(file);
      LOG.info("Manifest written to {} ({} events)", file, manifest.manifest().events());
      return code;
    } catch (java.io.IOException | RuntimeException e) {
      LOG.error("Could not write the manifest to {}: {}", file, e.toString());
      return code == ExitCodes.OK ? ExitCodes.RUNTIME : code;
    }
  }

  /** The simulation the producer runs for these settings (public for tests and benchmarks). */
  public static EventSource simulation(Settings s) {
    return new Simulation(
        new SimulationConfig(
            s.channels(),
            s.channelCount(),
            s.seed(),
            s.messageVariants(),
            s.enabledTypes(),
            SimulationModel.DEFAULTS,
            s.shard().index(),
            s.shard().count()));
  }

  /**
   * The settings for the start-up log line; client property values that may be secrets are masked.
   */
  static String describe(Settings s) {
    String props =
        s.clientProperties().entrySet().stream()
            .map(e -> e.getKey() + "=" + (isSecret(e.getKey()) ? "******" : e.getValue()))
            .collect(Collectors.joining(", ", "{", "}"));
    return "bootstrap="
        + (s.bootstrapServers() == null
            ? (s.sink() == Settings.Sink.KAFKA ? "embedded" : "-")
            : s.bootstrapServers())
        + " sink="
        + s.sink().name().toLowerCase(java.util.Locale.ROOT)
        + " channels="
        + (s.channels().isEmpty()
            ? s.channelCount() + " generated"
            : s.channels().size() + " named")
        + " shard="
        + s.shard()
        + " rate="
        + s.rate()
        + " seed="
        + s.seed()
        + " maxEvents="
        + s.maxEvents()
        + " duration="
        + s.duration()
        + " topicPrefix="
        + s.topicPrefix()
        + " partitions="
        + s.topicPartitions()
        + " replication="
        + s.topicReplicationFactor()
        + " metricsPort="
        + (s.metricsPort() == 0 ? "off" : s.metricsPort())
        + " clientProperties="
        + props;
  }

  /** Whether a Kafka client property holds a secret (passwords, JAAS configs, keys). */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.contains("password")
        || k.contains("jaas")
        || k.contains("secret")
        || k.endsWith(".key")
        || k.contains("credentials")
        || k.contains("token");
  }
}
