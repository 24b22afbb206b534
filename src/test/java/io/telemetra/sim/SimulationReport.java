package io.telemetra.sim;

import io.telemetra.event.ChatMessage;
import io.telemetra.event.EventJson;
import io.telemetra.event.StreamMeta;
import io.telemetra.event.Transaction;
import io.telemetra.event.ViewerCount;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the figures of a one-hour simulated run of 50 channels at the model's natural rate, and
 * the single-thread throughput of the engine plus EventJson. Run: {@code mvn -q test-compile
 * exec:java}-free: {@code java -cp target/classes:target/test-classes:<deps>
 * io.telemetra.sim.SimulationReport} or through the test {@code SimulationReportTest}.
 */
public final class SimulationReport {
  public static void main(String[] args) {
    System.out.println(report());
  }

  static String report() {
    Simulation sim = new Simulation(SimRuns.config(50, 42));
    double rate = sim.naturalRatePerSecond();
    long[] chat = {0};
    long[] withEmotes = {0};
    long[] raids = {0};
    long[] actions = {0};
    double[] viewerSeconds = {0};
    long[] samples = {0};
    Map<String, Integer> tiers = new TreeMap<>();
    Map<String, Integer> types = new TreeMap<>();
    Map<String, Long> lastSample = new java.util.HashMap<>();
    double[] viewerSum = {0};
    SimRuns.run(
        sim,
        rate,
        3600,
        e -> {
          types.merge(
              e.type()
                  + (e instanceof StreamMeta s
                      ? ":" + s.eventType()
                      : e instanceof Transaction t ? ":" + t.transactionType() : ""),
              1,
              Integer::sum);
          if (e instanceof ChatMessage m) {
            chat[0]++;
            if (!m.emotes().isEmpty()) {
              withEmotes[0]++;
            }
            if (m.isAction()) {
              actions[0]++;
            }
          } else if (e instanceof StreamMeta s && s.eventType().equals("raid_outgoing")) {
            raids[0]++;
          } else if (e instanceof Transaction t
              && (t.transactionType().equals("subscription")
                  || t.transactionType().equals("subscription_renewal"))) {
            tiers.merge(t.tier(), 1, Integer::sum);
          } else if (e instanceof ViewerCount v) {
            samples[0]++;
            viewerSum[0] += v.viewerCount();
          }
        });
    // Average concurrent viewers across the hour = sum over channels of mean sampled viewers.
    double meanViewersPerSample = viewerSum[0] / samples[0];
    double sampleRatePerChannel = samples[0] / 50.0;
    double totalViewers = meanViewersPerSample * 50;
    double perViewerMinute = chat[0] / totalViewers / 60.0;
    StringBuilder sb = new StringBuilder();
    sb.append("natural rate ")
        .append(Math.round(rate))
        .append("/s, events by type ")
        .append(types)
        .append('\n');
    sb.append("chat messages ")
        .append(chat[0])
        .append(", mean concurrent viewers ~")
        .append(Math.round(totalViewers))
        .append(" (from ")
        .append(samples[0])
        .append(" samples, ")
        .append(Math.round(sampleRatePerChannel))
        .append(" per channel)\n");
    sb.append(String.format("chat messages per viewer per minute: %.4f%n", perViewerMinute));
    sb.append(
        String.format(
            "share of chat messages with emotes: %.1f%%%n", 100.0 * withEmotes[0] / chat[0]));
    sb.append(String.format("share of /me actions: %.2f%%%n", 100.0 * actions[0] / chat[0]));
    int subs = tiers.values().stream().mapToInt(Integer::intValue).sum();
    sb.append("tier mix (subscription + renewal, n=").append(subs).append("):");
    tiers.forEach((k, v) -> sb.append(String.format(" %s %.1f%%", k, 100.0 * v / subs)));
    sb.append('\n').append("raids: ").append(raids[0]).append('\n');
    // Throughput: engine + EventJson on one thread, 1,000 generated channels, slots 10x denser
    // than the model's own rate. Measured in thread CPU time, so a busy machine does not skew it.
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    Simulation fast = new Simulation(SimRuns.config(1000, 7));
    double perMs = fast.naturalRatePerSecond() * 10 / 1000;
    EventJson json = new EventJson();
    long bytes = 0;
    long slot = 0;
    for (int round = 0; round < 3; round++) {
      long events = 0;
      long cpu0 = mx.getCurrentThreadCpuTime();
      long wall0 = System.nanoTime();
      for (int i = 0; i < 3_000_000; i++, slot++) {
        var e = fast.next(SimRuns.T0 + (long) (slot / perMs));
        if (e != null) {
          bytes += json.toBytes(e).length;
          events++;
        }
      }
      double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      sb.append(
          String.format(
              "engine + EventJson, one thread, round %d: %.0f events per CPU-second (%.0f per wall second)%n",
              round, events / cpu, events / wall));
    }
    sb.append("(").append(bytes).append(" bytes serialised)\n");
    return sb.toString();
  }
}
