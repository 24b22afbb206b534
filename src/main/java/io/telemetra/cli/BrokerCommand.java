package io.telemetra.cli;

import io.telemetra.broker.EmbeddedKafka;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code telemetra broker}: runs the embedded single-node Kafka broker alone until stopped. */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = "Runs a single-node Kafka broker (KRaft) in this process until Ctrl-C.")
public final class BrokerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerCommand.class);

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "Client port on 127.0.0.1. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--data-dir",
      description =
          "Keep the broker's data here (kept after exit). Default: a temporary directory, deleted on exit.")
  Path dataDir;

  private final Map<String, String> env;

  BrokerCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() throws Exception {
    LogConfig.apply(
        env.getOrDefault("LOG_LEVEL", "INFO").toUpperCase(java.util.Locale.ROOT),
        env.getOrDefault("LOG_FORMAT", "text").toLowerCase(java.util.Locale.ROOT));
    if (port < 1 || port > 65535) {
      throw new io.telemetra.config.UsageException(
          "Invalid value for --port: '" + port + "' (allowed: a port from 1 to 65535)");
    }
    if (!EmbeddedKafka.portFree(port)) {
      LOG.error("Port {} is in use: choose another with --port", port);
      return ExitCodes.KAFKA_UNAVAILABLE;
    }
    CountDownLatch stop = new CountDownLatch(1);
    Signals.onStop(stop::countDown);
    try (EmbeddedKafka kafka =
        EmbeddedKafka.builder().port(port).dataDir(dataDir).build().start()) {
      LOG.info(
          "Kafka broker (KRaft, single node) listening on {}; data in {}; Ctrl-C to stop",
          kafka.bootstrapServers(),
          kafka.dataDir());
      stop.await();
      LOG.info("Stopping the broker");
    }
    return ExitCodes.OK;
  }
}
