package io.telemetra.bench;

import io.telemetra.event.Event;
import io.telemetra.event.EventJson;
import io.telemetra.sim.EventSource;
import java.util.Arrays;
import java.util.Map;

/**
 * Proves that {@link EventJson} writes, byte for byte, what the skeleton's writer wrote, over the
 * first {@code n} events of a seed at several channel counts and sim-time spacings (so lifecycle,
 * raids and multi-day spans are covered). Exit code 1 on the first difference. Usage: {@code
 * JsonIdentity [n]}.
 */
public final class JsonIdentity {
  private JsonIdentity() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
    EventJson json = new EventJson();
    LegacyEventJson legacy = new LegacyEventJson();
    long checked = 0;
    for (int channels : new int[] {10, 1000}) {
      for (double stepMillis : new double[] {1, 997, 60_000}) {
        EventSource source = Sources.source(Sources.settings("mix", channels, 7, Map.of()));
        long start = -86_400_000L * 3 + 1_796_000_000_000L;
        for (int i = 0; i < n; i++) {
          Event e = source.next(start + (long) (i * stepMillis));
          if (e == null) {
            continue;
          }
          byte[] now = json.toBytes(e);
          byte[] before = legacy.toBytes(e);
          if (!Arrays.equals(now, before)) {
            System.out.println(
                "DIFFERENT at event "
                    + i
                    + " ("
                    + channels
                    + " channels, step "
                    + stepMillis
                    + " ms):\n  "
                    + new String(before, java.nio.charset.StandardCharsets.UTF_8)
                    + "\n  "
                    + new String(now, java.nio.charset.StandardCharsets.UTF_8));
            System.exit(1);
          }
          checked++;
        }
      }
    }
    System.out.println("identical: " + checked + " events");
  }
}
