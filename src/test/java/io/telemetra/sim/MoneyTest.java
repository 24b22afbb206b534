package io.telemetra.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.telemetra.config.ChannelSpec;
import io.telemetra.event.ChatMessage;
import io.telemetra.event.EventType;
import io.telemetra.event.Transaction;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Money: tier mix, gift bombs, amounts, anonymity and the chat lines that follow purchases. */
class MoneyTest {
  private static final List<Transaction> TX = new ArrayList<>();
  private static final List<Object> ALL = new ArrayList<>();

  /** A run with only transactions enabled: every slot is a paid event, in the model's mix. */
  private static final List<Transaction> TX_ONLY = new ArrayList<>();

  @BeforeAll
  static void run() {
    List<ChannelSpec> specs =
        List.of(new ChannelSpec("money_big", 40_000), new ChannelSpec("money_mid", 3_000));
    Simulation sim =
        new Simulation(
            new SimulationConfig(
                    specs, 0, 77, 100, EnumSet.of(EventType.TRANSACTIONS, EventType.CHAT))
                .withModel(SimulationModel.DEFAULTS.withStreamLengths(100, 100, 20)));
    // The model's mix has ~1 paid event per ~300 chat lines in channels this big: 2M slots give
    // thousands of transactions.
    SimRuns.run(
        sim,
        100,
        1.5 * 3600,
        e -> {
          ALL.add(e);
          if (e instanceof Transaction t) {
            TX.add(t);
          }
        });
    Simulation money =
        new Simulation(
            new SimulationConfig(specs, 0, 78, 100, EnumSet.of(EventType.TRANSACTIONS))
                .withModel(SimulationModel.DEFAULTS.withStreamLengths(100, 100, 20)));
    SimRuns.run(money, 10, 4000, e -> TX_ONLY.add((Transaction) e));
  }

  @Test
  void tierMix_followsTheConfiguredDistribution() {
    Map<String, Integer> tiers = new HashMap<>();
    int n = 0;
    for (Transaction t : TX_ONLY) {
      if (t.transactionType().equals("subscription")) {
        tiers.merge(t.tier(), 1, Integer::sum);
        n++;
      }
    }
    assertThat(n).isGreaterThan(8000);
    double[] mix = SimulationModel.DEFAULTS.tierMix();
    String[] names = {"1000", "Prime", "2000", "3000"};
    for (int i = 0; i < names.length; i++) {
      assertThat(tiers.getOrDefault(names[i], 0) / (double) n)
          .as(names[i])
          .isCloseTo(mix[i], within(0.02));
    }
  }

  @Test
  void giftBombs_followTheConfiguredSizes() {
    Map<Integer, Integer> sizes = new HashMap<>();
    int n = 0;
    for (Transaction t : TX_ONLY) {
      if (t.transactionType().equals("gift_sub")) {
        sizes.merge(t.giftCount(), 1, Integer::sum);
        n++;
        assertThat(t.recipients())
            .hasSize(t.giftCount())
            .doesNotHaveDuplicates()
            .allMatch(
                r ->
                    r.matches("[a-z0-9][a-z0-9_]{2,24}")
                        && !r.equals(t.channel())
                        && !r.equals(t.username()));
        assertThat(t.tier()).isIn("1000", "2000", "3000");
      }
    }
    assertThat(n).isGreaterThan(3000);
    int[] configured = SimulationModel.DEFAULTS.giftSizes();
    double[] weights = SimulationModel.DEFAULTS.giftSizeWeights();
    assertThat(sizes.keySet()).isSubsetOf(java.util.Arrays.stream(configured).boxed().toList());
    for (int i = 0; i < configured.length; i++) {
      assertThat(sizes.getOrDefault(configured[i], 0) / (double) n)
          .as("bomb of %d", configured[i])
          .isCloseTo(weights[i], within(0.025));
    }
  }

  @Test
  void amounts_areTheContractsUsdValues() {
    Map<String, Integer> types = new HashMap<>();
    for (Transaction t : TX_ONLY) {
      types.merge(t.transactionType(), 1, Integer::sum);
      assertThat(t.currency()).isEqualTo("USD");
      assertThat(t.amount().scale()).isEqualTo(2);
      assertThat(t.amount()).isPositive();
      BigDecimal price =
          t.tier() == null
              ? null
              : switch (t.tier()) {
                case "2000" -> new BigDecimal("9.99");
                case "3000" -> new BigDecimal("24.99");
                default -> new BigDecimal("4.99");
              };
      switch (t.transactionType()) {
        case "subscription", "subscription_renewal" -> {
          assertThat(t.amount()).isEqualByComparingTo(price);
          assertThat(t.isAnonymous()).isFalse();
        }
        case "gift_sub" ->
            assertThat(t.amount())
                .isEqualByComparingTo(price.multiply(BigDecimal.valueOf(t.giftCount())));
        case "bits" -> {
          assertThat(t.bits()).isPositive();
          assertThat(t.amount())
              .isEqualByComparingTo(BigDecimal.valueOf(t.bits()).movePointLeft(2));
          assertThat(t.message()).startsWith("Cheer" + t.bits());
        }
        case "donation" ->
            assertThat(t.amount().stripTrailingZeros().scale()).isLessThanOrEqualTo(0);
        default -> throw new AssertionError(t.transactionType());
      }
      if (t.transactionType().equals("subscription_renewal")) {
        assertThat(t.cumulativeMonths()).isGreaterThanOrEqualTo(2);
      }
      if (t.isAnonymous()) {
        assertThat(t.username()).isNull();
        assertThat(t.userId()).isNull();
      } else {
        assertThat(t.username()).isNotNull();
        assertThat(t.userId()).matches("[0-9]+");
      }
    }
    assertThat(types.keySet())
        .contains("subscription", "subscription_renewal", "gift_sub", "bits", "donation");
    // Donations: round amounts with a median around $5.
    List<BigDecimal> donations =
        TX_ONLY.stream()
            .filter(t -> t.transactionType().equals("donation"))
            .map(Transaction::amount)
            .sorted()
            .toList();
    assertThat(donations.get(donations.size() / 2).doubleValue()).isBetween(3.0, 7.0);
  }

  @Test
  void purchases_areFollowedByCheerLinesAndReactions() {
    int cheers = 0;
    int matched = 0;
    int reactions = 0;
    for (int i = 0; i < ALL.size(); i++) {
      if (ALL.get(i) instanceof Transaction t
          && t.transactionType().equals("bits")
          && !t.isAnonymous()) {
        cheers++;
        for (int j = i + 1; j < ALL.size(); j++) {
          if (ALL.get(j) instanceof ChatMessage m && m.channel().equals(t.channel())) {
            if (m.bits() != null
                && m.bits().equals(t.bits())
                && m.username().equals(t.username())
                && m.message().equals(t.message())) {
              matched++;
            }
            break;
          }
        }
      }
      if (ALL.get(i) instanceof ChatMessage m
          && t(m)
          && (m.message().contains("thank") || m.message().contains("welcome to the club"))) {
        reactions++;
      }
    }
    assertThat(cheers).isPositive();
    assertThat(matched).isEqualTo(cheers);
    assertThat(reactions).isGreaterThan(cheers);
  }

  private static boolean t(ChatMessage m) {
    return m.bits() == null;
  }

  @Test
  void paidEvents_scaleWithAudience() {
    Map<String, Integer> perChannel = new HashMap<>();
    TX_ONLY.forEach(t -> perChannel.merge(t.channel(), 1, Integer::sum));
    double ratio = perChannel.get("money_big") / (double) perChannel.get("money_mid");
    assertThat(ratio).isBetween(8.0, 20.0); // audiences 40000 vs 3000
    assertThat(new HashSet<>(perChannel.keySet())).hasSize(2);
  }
}
