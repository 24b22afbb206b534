package io.telemetra.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's CPU samples ({@code jdk.ExecutionSample}): the methods on top of the
 * stack (self time) and, for methods of {@code io.telemetra}, the share of samples they appear in
 * (total time), per thread if asked.
 *
 * <p>Usage: {@code JfrTop <file.jfr> [top-n] [thread-name-substring]}.
 */
public final class JfrTop {
  private JfrTop() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    String threadFilter = args.length > 2 ? args[2] : null;
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> total = new HashMap<>();
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Long> allocByFrame = new HashMap<>();
    long allocTotal = 0;
    long gcCount = 0;
    long gcNanos = 0;
    int samples = 0;
    for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
      String kind = e.getEventType().getName();
      if (kind.equals("jdk.GarbageCollection")) {
        gcCount++;
        gcNanos += e.getDuration().toNanos();
        continue;
      }
      if (kind.equals("jdk.ObjectAllocationSample")) {
        long w = e.getLong("weight");
        allocTotal += w;
        RecordedStackTrace st = e.getStackTrace();
        String where = "?";
        if (st != null) {
          // The first frame outside the JDK: who asked for the memory.
          for (RecordedFrame f : st.getFrames()) {
            String n = name(f);
            if (!n.startsWith("java.") && !n.startsWith("jdk.") && !n.startsWith("sun.")) {
              where = n;
              break;
            }
          }
        }
        allocByFrame.merge(e.getClass("objectClass").getName() + " <- " + where, w, Long::sum);
        continue;
      }
      if (!kind.equals("jdk.ExecutionSample")) {
        continue;
      }
      String thread =
          e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
      threads.merge(String.valueOf(thread), 1, Integer::sum);
      if (threadFilter != null && (thread == null || !thread.contains(threadFilter))) {
        continue;
      }
      RecordedStackTrace st = e.getStackTrace();
      if (st == null || st.getFrames().isEmpty()) {
        continue;
      }
      samples++;
      List<RecordedFrame> frames = st.getFrames();
      self.merge(name(frames.get(0)), 1, Integer::sum);
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (RecordedFrame f : frames) {
        String n = name(f);
        if ((n.startsWith("io.telemetra")
                || n.startsWith("com.fasterxml")
                || n.startsWith("org.apache.kafka.clients.producer"))
            && seen.add(n)) {
          total.merge(n, 1, Integer::sum);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d CPU samples%s%n",
        samples,
        threadFilter == null ? "" : " on threads matching '" + threadFilter + "'");
    System.out.println("samples by thread:");
    print(threads, threads.values().stream().mapToInt(Integer::intValue).sum(), 10);
    System.out.println("self (top of stack):");
    print(self, samples, top);
    System.out.println("total (on stack; io.telemetra, Jackson, Kafka producer):");
    print(total, samples, top);
    System.out.printf(
        Locale.ROOT, "GC: %d collections, %.0f ms in total%n", gcCount, gcNanos / 1e6);
    System.out.printf(
        Locale.ROOT,
        "allocation (sampled, by class <- first non-JDK frame), %.0f MB in total:%n",
        allocTotal / 1e6);
    long all = allocTotal;
    allocByFrame.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .limit(15)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "  %5.1f%%  %8.1f MB  %s%n",
                    100.0 * e.getValue() / Math.max(1, all),
                    e.getValue() / 1e6,
                    e.getKey()));
  }

  private static String name(RecordedFrame f) {
    return f.getMethod().getType().getName() + "." + f.getMethod().getName();
  }

  private static void print(Map<String, Integer> counts, int samples, int top) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            e ->
                System.out.printf(
                    Locale.ROOT,
                    "  %5.1f%%  %6d  %s%n",
                    100.0 * e.getValue() / Math.max(1, samples),
                    e.getValue(),
                    e.getKey()));
  }
}
