package io.telemetra.sim;

import io.telemetra.config.ChannelSpec;
import io.telemetra.event.ChatMessage;
import io.telemetra.event.Event;
import io.telemetra.event.EventType;
import io.telemetra.event.StreamMeta;
import io.telemetra.event.Transaction;
import io.telemetra.event.ViewerCount;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** First-pass simulation: valid events of every type, audience-weighted channels. */
public final class Simulation implements EventSource {
  private static final String[] WORDS = {"hello", "gg", "nice", "lol", "wow", "what", "play", "chat", "LETS", "GO"};

  private final SimulationConfig config;
  private final SplittableRandom random;
  private final List<Chan> channels = new ArrayList<>();
  private final double[] cumulative;
  private final EventType[] types;

  private static final class Chan {
    final String name;
    final long audience;
    boolean live;
    String streamId;

    Chan(String name, long audience) {
      this.name = name;
      this.audience = audience;
    }
  }

  public Simulation(SimulationConfig config) {
    this.config = config;
    this.random = new SplittableRandom(config.seed());
    if (config.channels().isEmpty()) {
      for (int i = 0; i < config.channelCount(); i++) {
        channels.add(new Chan("channel_" + i, 1 + (long) (10 / Math.pow(random.nextDouble() + 1e-3, 1.1))));
      }
    } else {
      for (ChannelSpec spec : config.channels()) {
        channels.add(new Chan(spec.name(), spec.audience() > 0 ? spec.audience() : 50));
      }
    }
    cumulative = new double[channels.size()];
    double sum = 0;
    for (int i = 0; i < channels.size(); i++) {
      sum += channels.get(i).audience;
      cumulative[i] = sum;
    }
    types = config.enabledTypes().stream().sorted().toArray(EventType[]::new);
  }

  @Override
  public double naturalRatePerSecond() {
    return Math.max(1, cumulative[cumulative.length - 1] * 0.05 / 60);
  }

  @Override
  public Event next(long at) {
    Chan c = pick();
    EventType type = types[random.nextInt(types.length)];
    if (!c.live && config.enabledTypes().contains(EventType.STREAM_META)) {
      type = EventType.STREAM_META;
    }
    return switch (type) {
      case CHAT -> new ChatMessage(Ids.uuid(random), c.name, "viewer_" + random.nextInt(1000), null, null,
          WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)], at,
          List.of(), List.of(), null, false, null, "neutral", null);
      case VIEWER -> new ViewerCount(Ids.uuid(random), c.name, c.audience, at, c.audience / 10, null, null, null);
      case TRANSACTIONS -> new Transaction(Ids.uuid(random), c.name, "donation", BigDecimal.valueOf(5), "USD", at,
          null, "viewer_" + random.nextInt(1000), false, null, null, null, null, null, null, null, null);
      case STREAM_META -> {
        boolean start = !c.live;
        c.live = true;
        if (start) {
          c.streamId = Ids.uuid(random);
        }
        yield new StreamMeta(Ids.uuid(random), c.name, start ? "stream_start" : "title_change", at, c.streamId,
            "Playing games", new StreamMeta.Category("509658", "Just Chatting"), List.of("English"), "en",
            false, null, null, Map.of());
      }
    };
  }

  private Chan pick() {
    double x = random.nextDouble() * cumulative[cumulative.length - 1];
    int lo = 0;
    int hi = cumulative.length - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > x) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return channels.get(lo);
  }
}
