package io.telemetra.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.telemetra.event.ChatMessage;
import io.telemetra.event.EventType;
import io.telemetra.event.StreamMeta;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** 100,000 channels on one machine: compact state, lazy content, O(log n) selection. */
class ScaleTest {
  @Test
  void hundredThousandChannels_runInBoundedMemory() {
    Runtime rt = Runtime.getRuntime();
    System.gc();
    long before = rt.totalMemory() - rt.freeMemory();
    Simulation sim =
        new Simulation(
            new SimulationConfig(List.of(), 100_000, 17, 100, EnumSet.allOf(EventType.class)));
    Set<String> names = new HashSet<>(sim.channelNames());
    assertThat(names).hasSize(100_000).allMatch(n -> n.matches("[a-z0-9][a-z0-9_]{2,24}"));
    long chats = 0;
    long starts = 0;
    Set<String> chatChannels = new HashSet<>();
    double rate = 2_000;
    for (int i = 0; i < 400_000; i++) {
      var e = sim.next(SimRuns.T0 + (long) (i * 1000.0 / rate));
      if (e instanceof ChatMessage m) {
        chats++;
        chatChannels.add(m.channel());
      } else if (e instanceof StreamMeta s && s.eventType().equals("stream_start")) {
        starts++;
      }
    }
    System.gc();
    long used = rt.totalMemory() - rt.freeMemory() - before;
    System.out.println("heap held by 100k channels: " + (used >> 20) + " MB");
    assertThat(used).as("heap held by the simulation").isLessThan(300L << 20);
    assertThat(sim.liveChannels()).isGreaterThan(90_000);
    assertThat(sim.totalViewers()).isGreaterThan(1_000_000);
    assertThat(chats).isGreaterThan(50_000);
    assertThat(chatChannels.size()).isGreaterThan(5_000);
    assertThat(starts).isGreaterThan(10_000);
  }
}
