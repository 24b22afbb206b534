package io.telemetra.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.telemetra.cli.ProduceCommand;
import io.telemetra.config.ChannelSpec;
import io.telemetra.config.Settings;
import io.telemetra.config.SettingsParser;
import io.telemetra.config.UsageException;
import io.telemetra.event.Event;
import io.telemetra.event.EventJson;
import io.telemetra.event.EventType;
import io.telemetra.event.StreamMeta;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Same seed, same bytes; n shards together emit exactly what one instance emits. */
class DeterminismAndShardingTest {
  /** Backfill slot times, as the producer computes them: FROM + i / rate. */
  private static long slot(long i, double rate) {
    return SimRuns.T0 + (long) (i * 1000.0 / rate);
  }

  private static byte[] serialize(EventSource source, long slots, double rate) {
    EventJson json = new EventJson();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long i = 0; i < slots; i++) {
      Event e = source.next(slot(i, rate));
      if (e != null) {
        out.writeBytes(json.toBytes(e));
        out.write('\n');
      }
    }
    return out.toByteArray();
  }

  @Test
  void sameSeed_givesIdenticalBytes() {
    SimulationConfig config =
        SimRuns.config(60, 1234).withModel(SimulationModel.DEFAULTS.withStreamLengths(0.3, 0.5, 5));
    byte[] a = serialize(new Simulation(config), 200_000, 20);
    byte[] b = serialize(new Simulation(config), 200_000, 20);
    assertThat(a.length).isGreaterThan(10_000_000);
    assertThat(Arrays.equals(a, b)).isTrue();
    byte[] other = serialize(new Simulation(SimRuns.config(60, 1235)), 20_000, 20);
    assertThat(Arrays.equals(Arrays.copyOf(a, other.length), other)).isFalse();
  }

  @Test
  void shards_addUpToTheWholeInBackfill() {
    SimulationConfig config =
        SimRuns.config(40, 99).withModel(SimulationModel.DEFAULTS.withStreamLengths(0.15, 0.3, 3));
    int n = 3;
    Simulation whole = new Simulation(config);
    Simulation[] shards = new Simulation[n];
    for (int i = 0; i < n; i++) {
      shards[i] = new Simulation(config.withShard(i, n));
    }
    EventJson json = new EventJson();
    long emitted = 0;
    long raidsAcrossShards = 0;
    double rate = 25;
    for (long s = 0; s < 150_000; s++) {
      long at = slot(s, rate);
      Event expected = whole.next(at);
      Event found = null;
      for (int i = 0; i < n; i++) {
        Event e = shards[i].next(at);
        if (e != null) {
          if (found != null) {
            throw new AssertionError("slot " + s + " emitted by two shards");
          }
          found = e;
        }
      }
      if (expected == null) {
        assertThat(found).isNull();
        continue;
      }
      if (found == null || !Arrays.equals(json.toBytes(found), json.toBytes(expected))) {
        throw new AssertionError(
            "slot " + s + ": expected " + expected + " but shards gave " + found);
      }
      emitted++;
      if (expected instanceof StreamMeta m
          && m.eventType().equals("raid_outgoing")
          && whole.channelNames().indexOf(m.raid().fromChannel()) % n
              != whole.channelNames().indexOf(m.raid().toChannel()) % n) {
        raidsAcrossShards++;
      }
    }
    assertThat(emitted).isGreaterThan(120_000);
    assertThat(raidsAcrossShards).as("raids between channels of different shards").isPositive();
  }

  @Test
  void shardSetting_parsesAndRejectsBadValues() {
    Settings s = new SettingsParser(Map.of("SHARD", "2/5"), Map.of()).parse();
    assertThat(s.shard()).isEqualTo(new Settings.Shard(2, 5));
    assertThat(new SettingsParser(Map.of(), Map.of()).parse().shard())
        .isEqualTo(Settings.Shard.ALL);
    for (String bad : List.of("5/5", "1/0", "a/b", "-1/2", "3", "0/2000")) {
      assertThatThrownBy(() -> new SettingsParser(Map.of("SHARD", bad), Map.of()).parse())
          .isInstanceOf(UsageException.class)
          .hasMessage(
              "Invalid value for SHARD: '"
                  + bad
                  + "' (allowed: i/n with 0 <= i < n <= 1024, e.g. 0/4)");
    }
    assertThatThrownBy(
            () ->
                new SettingsParser(Map.of(), Map.of(io.telemetra.config.Setting.SHARD, "2/2"))
                    .parse())
        .hasMessage(
            "Invalid value for --shard: '2/2' (allowed: i/n with 0 <= i < n <= 1024, e.g. 0/4)");
  }

  @Test
  void produceCommand_buildsTheShardedSimulation() {
    Settings settings =
        new SettingsParser(
                Map.of(
                    "SHARD",
                    "1/2",
                    "CHANNELS",
                    "alpha_one,beta_two,gamma_three",
                    "SEED",
                    "5",
                    "SINK",
                    "stdout"),
                Map.of())
            .parse();
    EventSource source = ProduceCommand.simulation(settings);
    for (int i = 0; i < 5_000; i++) {
      Event e = source.next(SimRuns.T0 + i * 10L);
      if (e != null) {
        assertThat(e.channel()).isEqualTo("beta_two");
      }
    }
  }

  @Test
  void onlyEnabledTypes_areEmitted() {
    Simulation sim =
        new Simulation(
            new SimulationConfig(
                List.of(new ChannelSpec("only_chat", 500)),
                0,
                1,
                100,
                EnumSet.of(EventType.CHAT, EventType.VIEWER)));
    SimRuns.run(sim, 50, 3600, e -> assertThat(e.type()).isIn(EventType.CHAT, EventType.VIEWER));
  }
}
