package io.telemetra.sim;

import io.telemetra.config.ChannelSpec;
import io.telemetra.event.EventType;
import java.util.List;
import java.util.Set;

/**
 * What the simulation needs to know: the channels (named, or a count to generate), the seed, the
 * variety of chat text, which event types to emit, the model's figures and this instance's shard
 * ({@code shardIndex} of {@code shardCount}; 0 of 1 = everything).
 */
public record SimulationConfig(
    List<ChannelSpec> channels,
    int channelCount,
    long seed,
    int messageVariants,
    Set<EventType> enabledTypes,
    SimulationModel model,
    int shardIndex,
    int shardCount) {

  public SimulationConfig {
    channels = List.copyOf(channels);
    enabledTypes = Set.copyOf(enabledTypes);
    if (shardCount < 1 || shardIndex < 0 || shardIndex >= shardCount) {
      throw new IllegalArgumentException("shard " + shardIndex + "/" + shardCount);
    }
  }

  /** The default model, unsharded. */
  public SimulationConfig(
      List<ChannelSpec> channels,
      int channelCount,
      long seed,
      int messageVariants,
      Set<EventType> enabledTypes) {
    this(
        channels,
        channelCount,
        seed,
        messageVariants,
        enabledTypes,
        SimulationModel.DEFAULTS,
        0,
        1);
  }

  public SimulationConfig withShard(int index, int count) {
    return new SimulationConfig(
        channels, channelCount, seed, messageVariants, enabledTypes, model, index, count);
  }

  public SimulationConfig withModel(SimulationModel m) {
    return new SimulationConfig(
        channels, channelCount, seed, messageVariants, enabledTypes, m, shardIndex, shardCount);
  }
}
