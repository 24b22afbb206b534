package io.telemetra.sim;

import io.telemetra.config.ChannelSpec;
import io.telemetra.event.EventType;
import java.util.List;
import java.util.Set;

/**
 * What the simulation needs to know: the channels (named, or a count to generate), the seed,
 * the variety of chat text and which event types to emit.
 */
public record SimulationConfig(
    List<ChannelSpec> channels, int channelCount, long seed, int messageVariants, Set<EventType> enabledTypes) {

  public SimulationConfig {
    channels = List.copyOf(channels);
    enabledTypes = Set.copyOf(enabledTypes);
  }
}
