package io.telemetra.bench;

import io.telemetra.cli.ProduceCommand;
import io.telemetra.config.Settings;
import io.telemetra.config.SettingsParser;
import io.telemetra.event.EventType;
import io.telemetra.sim.EventSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds settings and event sources the way {@code telemetra produce} does, so every benchmark
 * measures the engine the command really runs (whatever {@code ProduceCommand.simulation}
 * constructs today) and not a copy of it.
 */
final class Sources {
  private Sources() {}

  /** Settings from environment-style variables, exactly as the CLI parses them. */
  static Settings settings(Map<String, String> env) {
    return new SettingsParser(env, Map.of()).parse();
  }

  /**
   * Settings producing only {@code type}, or every type when {@code type} is "mix", with {@code
   * channels} generated channels and a fixed seed.
   */
  static Settings settings(String type, int channels, long seed, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("CHANNEL_COUNT", Integer.toString(channels));
    env.put("SEED", Long.toString(seed));
    if (!type.equalsIgnoreCase("mix")) {
      EventType only = EventType.parse(type);
      for (EventType t : EventType.values()) {
        env.put("PRODUCE_" + t.name().toUpperCase(Locale.ROOT), Boolean.toString(t == only));
      }
    }
    return settings(env);
  }

  /**
   * The event source {@code telemetra produce} would run for {@code settings}. The factory is
   * package-private in the CLI; reflection keeps this benchmark off that file while the engine
   * behind it is being replaced.
   */
  static EventSource source(Settings settings) {
    try {
      Method m = ProduceCommand.class.getDeclaredMethod("simulation", Settings.class);
      m.setAccessible(true);
      return (EventSource) m.invoke(null, settings);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("ProduceCommand.simulation(Settings) not found: " + e, e);
    }
  }

  /** Simulated milliseconds between slots when backfilling at the model's natural rate. */
  static double slotMillis(EventSource source) {
    return 1000.0 / source.naturalRatePerSecond();
  }
}
