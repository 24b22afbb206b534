package io.telemetra.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.telemetra.config.ChannelSpec;
import io.telemetra.event.ChatMessage;
import io.telemetra.event.Event;
import io.telemetra.event.EventType;
import io.telemetra.event.StreamMeta;
import io.telemetra.event.ViewerCount;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Audiences, chat intensity, raids and the lifecycle, over long simulated runs. */
class AudienceAndChatTest {
  private static final SimulationModel LONG_STREAMS =
      SimulationModel.DEFAULTS.withStreamLengths(100, 100, 20);

  @Test
  void chatRate_tracksAudienceAcrossChannels() {
    List<ChannelSpec> specs =
        List.of(
            new ChannelSpec("tiny_room", 10),
            new ChannelSpec("small_room", 100),
            new ChannelSpec("mid_room", 1000),
            new ChannelSpec("big_room", 10000));
    Simulation sim = new Simulation(SimRuns.named(specs, 11).withModel(LONG_STREAMS));
    Map<String, Long> chat = new HashMap<>();
    Map<String, Double> viewerSum = new HashMap<>();
    SimRuns.run(
        sim,
        sim.naturalRatePerSecond(),
        2 * 3600,
        e -> {
          if (e instanceof ChatMessage m) {
            chat.merge(m.channel(), 1L, Long::sum);
          } else if (e instanceof ViewerCount v) {
            viewerSum.merge(v.channel(), (double) v.viewerCount(), Double::sum);
          }
        });
    // Chat volume grows with the audience...
    assertThat(chat.get("tiny_room")).isLessThan(chat.get("small_room"));
    assertThat(chat.get("small_room")).isLessThan(chat.get("mid_room"));
    assertThat(chat.get("mid_room")).isLessThan(chat.get("big_room"));
    // ... in proportion to viewers times the per-viewer rate of the channel's size (realism §3).
    // Viewer samples are spread evenly over live channels, so chat / sum(sampled viewers) is
    // proportional to messages per viewer per unit of time.
    double ref =
        chat.get("big_room")
            / viewerSum.get("big_room")
            / SimulationModel.DEFAULTS.chatPerViewerSecond(10000);
    for (ChannelSpec s : specs) {
      double measured = chat.get(s.name()) / viewerSum.get(s.name());
      double expected = SimulationModel.DEFAULTS.chatPerViewerSecond(s.audience()) * ref;
      assertThat(measured)
          .as(s.name())
          .isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(30));
    }
    // Small channels chat more per viewer than big ones.
    assertThat(chat.get("tiny_room") / viewerSum.get("tiny_room"))
        .isGreaterThan(2 * chat.get("big_room") / viewerSum.get("big_room"));
  }

  @Test
  void raids_moveAudienceAndChatIntoTheTarget() {
    List<ChannelSpec> specs = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      specs.add(new ChannelSpec("streamer_" + i, 300));
    }
    SimulationModel model =
        SimulationModel.DEFAULTS.withStreamLengths(0.4, 0.4, 10).withViewerIntervalMillis(2_000);
    Simulation sim = new Simulation(SimRuns.named(specs, 5).withModel(model));
    List<Event> events = SimRuns.collect(sim, sim.naturalRatePerSecond(), 3 * 3600);
    List<StreamMeta> incoming = new ArrayList<>();
    Map<String, StreamMeta> outgoing = new HashMap<>();
    for (Event e : events) {
      if (e instanceof StreamMeta s && s.eventType().equals("raid_incoming")) {
        incoming.add(s);
      } else if (e instanceof StreamMeta s && s.eventType().equals("raid_outgoing")) {
        outgoing.put(
            s.raid().fromChannel() + "@" + s.raid().toChannel() + "@" + s.raid().viewerCount(), s);
      }
    }
    assertThat(incoming).hasSizeGreaterThan(5);
    double jump = 0;
    double carried = 0;
    long chatBefore = 0;
    long chatAfter = 0;
    long greetings = 0;
    for (StreamMeta in : incoming) {
      assertThat(outgoing)
          .containsKey(
              in.raid().fromChannel()
                  + "@"
                  + in.raid().toChannel()
                  + "@"
                  + in.raid().viewerCount());
      String target = in.channel();
      long t = in.timestampMillis();
      long before = -1;
      long after = -1;
      for (Event e : events) {
        if (e instanceof ViewerCount v && v.channel().equals(target)) {
          if (v.timestampMillis() < t && v.timestampMillis() > t - 60_000) {
            before = v.viewerCount();
          } else if (v.timestampMillis() > t && v.timestampMillis() < t + 60_000 && after < 0) {
            after = v.viewerCount();
          }
        } else if (e instanceof ChatMessage m && m.channel().equals(target)) {
          if (m.timestampMillis() >= t - 120_000 && m.timestampMillis() < t) {
            chatBefore++;
          } else if (m.timestampMillis() >= t && m.timestampMillis() < t + 120_000) {
            chatAfter++;
            if (m.message().contains(in.raid().fromChannel())) {
              greetings++;
            }
          }
        }
      }
      if (before >= 0 && after >= 0) {
        jump += after - before;
        carried += in.raid().viewerCount();
      }
    }
    assertThat(carried).isPositive();
    assertThat(jump / carried).as("audience jump per raider").isGreaterThan(0.6);
    assertThat(chatAfter)
        .as("chat in the two minutes after the raids vs before")
        .isGreaterThan(2 * chatBefore);
    assertThat(greetings).as("raid greetings naming the raider").isPositive();
  }

  @Test
  void lifecycle_startsEveryChannelAndKeepsStreamsConsistent() {
    SimulationModel model = SimulationModel.DEFAULTS.withStreamLengths(0.5, 0.5, 10);
    Simulation sim = new Simulation(SimRuns.config(30, 3).withModel(model));
    Map<String, String> current = new HashMap<>(); // channel -> live stream id
    Set<String> started = new HashSet<>();
    long[] raidsOut = {0};
    SimRuns.run(
        sim,
        50,
        4 * 3600,
        e -> {
          String ch = e.channel();
          if (e instanceof StreamMeta s) {
            switch (s.eventType()) {
              case "stream_start" -> {
                assertThat(current).doesNotContainKey(ch);
                assertThat(s.title()).isNotBlank().hasSizeLessThanOrEqualTo(140);
                assertThat(s.category()).isNotNull();
                assertThat(s.tags())
                    .hasSizeLessThanOrEqualTo(10)
                    .allMatch(t -> t.length() <= 25 && !t.contains(" "));
                assertThat(s.language()).matches("[a-z]{2}");
                current.put(ch, s.streamId());
                started.add(ch);
              }
              case "stream_end" -> assertThat(current.remove(ch)).isEqualTo(s.streamId());
              case "raid_outgoing" -> {
                raidsOut[0]++;
                assertThat(current.get(ch)).isEqualTo(s.streamId());
                assertThat(current).containsKey(s.raid().toChannel());
              }
              case "raid_incoming", "title_change", "category_change" ->
                  assertThat(current.get(ch)).isEqualTo(s.streamId());
              default -> {}
            }
          } else if (e instanceof ViewerCount v) {
            assertThat(current).containsKey(ch);
            assertThat(v.metadata().get("stream_id")).isEqualTo(current.get(ch));
          } else {
            assertThat(current).as("%s while offline", e).containsKey(ch);
          }
        });
    assertThat(started).hasSize(30);
    assertThat(raidsOut[0]).isPositive();
  }

  @Test
  void viewerSamples_keepChatterBelowViewersAndCountsGrowing() {
    Simulation sim =
        new Simulation(
            SimRuns.config(40, 9)
                .withModel(SimulationModel.DEFAULTS.withStreamLengths(0.5, 1, 10)));
    Map<String, long[]> last = new HashMap<>();
    long[] samples = {0};
    SimRuns.run(
        sim,
        100,
        3 * 3600,
        e -> {
          if (e instanceof ViewerCount v) {
            samples[0]++;
            long[] prev = last.computeIfAbsent(v.channel(), k -> new long[] {0, 0});
            long peak = ((Number) v.metadata().get("peak_viewers")).longValue();
            // Plain checks: AssertJ per sample would dominate the run time.
            if (v.chatterCount() >= v.viewerCount()
                || v.chatterCount() < 0
                || v.subscriberCount() < prev[0]
                || v.followerCount() < prev[1]
                || peak < v.viewerCount()) {
              fail(
                  "inconsistent sample "
                      + v
                      + " after subscribers "
                      + prev[0]
                      + ", followers "
                      + prev[1]);
            }
            prev[0] = v.subscriberCount();
            prev[1] = v.followerCount();
          }
        });
    assertThat(samples[0]).isGreaterThan(10_000);
  }

  @Test
  void subscriptions_raiseTheSubscriberCount() {
    Simulation sim =
        new Simulation(
            SimRuns.named(List.of(new ChannelSpec("sub_heavy", 50_000)), 4)
                .withModel(LONG_STREAMS));
    long[] first = {-1};
    long[] lastCount = {0};
    long[] gained = {0};
    SimRuns.run(
        sim,
        sim.naturalRatePerSecond(),
        3600,
        e -> {
          if (e instanceof ViewerCount v) {
            if (first[0] < 0) {
              first[0] = v.subscriberCount();
              gained[0] = 0;
            }
            lastCount[0] = v.subscriberCount();
          } else if (e instanceof io.telemetra.event.Transaction t && first[0] >= 0) {
            if (t.transactionType().equals("subscription")) {
              gained[0]++;
            } else if (t.transactionType().equals("gift_sub")) {
              gained[0] += t.giftCount();
            }
          }
        });
    assertThat(gained[0]).isPositive();
    // Every subscription since the first sample shows up in the count (the last few may follow the
    // last sample).
    assertThat(lastCount[0] - first[0]).isBetween(gained[0] - 110, gained[0]);
  }

  @Test
  void heavyTailedAudiences_fewBigMostSmall() {
    Simulation sim =
        new Simulation(new SimulationConfig(List.of(), 20_000, 1, 100, EnumSet.of(EventType.CHAT)));
    double[] a = new double[20_000];
    for (int c = 0; c < a.length; c++) {
      a[c] = sim.baseline(c);
    }
    java.util.Arrays.sort(a);
    double total = java.util.Arrays.stream(a).sum();
    double top1 = 0;
    for (int i = a.length - 200; i < a.length; i++) {
      top1 += a[i];
    }
    assertThat(a[a.length / 2]).isBetween(20.0, 45.0); // median near the configured 30
    assertThat(top1 / total).as("share of the top 1%").isGreaterThan(0.25);
    assertThat(a[a.length - 1]).isGreaterThan(50 * a[a.length / 2]);
  }

  @Test
  void audiences_followTheDailyCycle() {
    Simulation sim =
        new Simulation(
            new SimulationConfig(
                    List.of(new ChannelSpec("night_owl_tv", 5000)),
                    0,
                    2,
                    100,
                    EnumSet.of(EventType.VIEWER))
                .withModel(LONG_STREAMS));
    long midnight = 1_764_547_200_000L; // 2025-12-01T00:00:00Z, a Monday
    double[] sum = new double[24];
    int[] count = new int[24];
    for (int i = 0; i < 2 * 24 * 360; i++) { // two days, one slot every 10 s
      long at = midnight + i * 10_000L;
      ViewerCount v = (ViewerCount) sim.next(at);
      if (at >= midnight + 86_400_000L) { // skip the first day's ramp-up
        int hour = (int) ((at / 3_600_000L) % 24);
        sum[hour] += v.viewerCount();
        count[hour]++;
      }
    }
    double peak = (sum[1] / count[1] + sum[2] / count[2]) / 2;
    double trough = (sum[7] / count[7] + sum[8] / count[8]) / 2;
    assertThat(peak / trough).as("01-03 UTC vs 07-09 UTC").isGreaterThan(1.3);
  }
}
