package io.telemetra.bench;

import io.telemetra.config.Settings;
import io.telemetra.produce.ProduceRun;
import io.telemetra.produce.Ticker;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Runs {@code telemetra produce} in this JVM (settings from the environment, as the CLI reads them)
 * and prints the Kafka producer's own batching metrics as they were just before the producer
 * closed: how many records a batch and a request carry, how long records wait, and whether send()
 * waited for buffer memory. Used to explain the end-to-end figures.
 */
public final class ProduceProbe {
  private ProduceProbe() {}

  private static final String[] METRICS = {
    "record-send-rate", "batch-size-avg", "records-per-request-avg", "compression-rate-avg",
    "record-queue-time-avg", "request-latency-avg", "bufferpool-wait-ratio", "requests-in-flight",
    "record-size-avg", "io-ratio", "io-wait-ratio"
  };

  public static void main(String[] args) throws Exception {
    Settings settings = Sources.settings(System.getenv());
    ProduceRun run =
        new ProduceRun(
            settings,
            Clock.systemUTC(),
            Ticker.SYSTEM,
            OutputStream.nullOutputStream(),
            Sources::source);
    Map<String, Object> last = new LinkedHashMap<>();
    Thread sampler =
        new Thread(
            () -> {
              MBeanServer server = ManagementFactory.getPlatformMBeanServer();
              while (!Thread.currentThread().isInterrupted()) {
                try {
                  Set<ObjectName> names =
                      server.queryNames(
                          new ObjectName(
                              "kafka.producer:type=producer-metrics,client-id=telemetra-producer-*"),
                          null);
                  for (ObjectName n : names) {
                    for (String m : METRICS) {
                      Object v = server.getAttribute(n, m);
                      synchronized (last) {
                        last.put(m, v);
                      }
                    }
                  }
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                } catch (Exception e) {
                  // the producer is not there yet, or closing
                }
              }
            },
            "probe");
    sampler.setDaemon(true);
    sampler.start();
    int code = run.run();
    sampler.interrupt();
    synchronized (last) {
      last.forEach(
          (k, v) ->
              System.out.printf(
                  Locale.ROOT,
                  "  %-26s %s%n",
                  k,
                  v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v));
    }
    System.exit(code);
  }
}
