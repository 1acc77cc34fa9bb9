package dev.ebb.operator.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BudgetSimulationTest {

  static final ProcessingTimes TIMES = new ProcessingTimes(Duration.ofMillis(350), 0.5);
  static final BudgetSimulation.Member TIGHTEST = BudgetScenario.threePools(TIMES).get(0);

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void aBudgetOfSixtyPercentOfThePeakKeepsTheTotalAtTheLimitAndTheTightestGoalClosestToIt(long seed) {
    List<BudgetSimulation.Member> pools = BudgetScenario.threePools(TIMES);
    BudgetScenario.Comparison runs = BudgetScenario.compare(
        new BudgetSimulation(Duration.ofMinutes(30), Duration.ofSeconds(20), seed), pools, 0.6);
    long limit = runs.capped().limit().orElseThrow();
    int cost = TIGHTEST.cost();

    assertThat(limit).isEqualTo((long) (runs.free().peakUsed() * 0.6));
    // never above the limit at any sampled second, and held at it (within one worker) through the burst
    assertThat(java.util.Arrays.stream(runs.capped().used()).max().orElseThrow()).isLessThanOrEqualTo(limit);
    assertThat(runs.capped().peakUsed()).isGreaterThan(limit - cost);
    assertThat(runs.capped().secondsAtLimit(cost)).isGreaterThan(300);
    // the same jobs without the budget went above it
    assertThat(runs.free().peakUsed()).isGreaterThan(limit);

    // the pool with the tightest goal ends closest to its goal, and loses the least to the budget
    BudgetSimulation.PoolResult tightest = runs.capped().pools().get(0);
    assertThat(tightest.name()).isEqualTo(TIGHTEST.name());
    assertThat(runs.capped().pools().stream().min(Comparator.comparingDouble(BudgetSimulationTest::distanceToGoal)))
        .contains(tightest);
    for (int i = 1; i < pools.size(); i++) {
      assertThat(runs.capped().pools().get(i).p95() - runs.free().pools().get(i).p95())
          .as(pools.get(i).name() + " pays more of the budget than the tightest pool")
          .isGreaterThan(tightest.p95() - runs.free().pools().get(0).p95());
      // and a pool with slack pays within its goal
      assertThat(runs.capped().pools().get(i).p95()).isLessThan(pools.get(i).settings().maxQueueLatency().toSeconds());
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1})
  void withoutALimitEachPoolGetsItsWish(long seed) {
    BudgetSimulation simulation = new BudgetSimulation(Duration.ofMinutes(10), Duration.ofSeconds(20), seed);
    List<BudgetSimulation.Member> pools = BudgetScenario.threePools(TIMES);
    BudgetSimulation.Result free = simulation.run(pools, OptionalLong.empty());
    BudgetSimulation.Result roomy = simulation.run(pools, OptionalLong.of(free.peakUsed()));

    assertThat(roomy.used()).isEqualTo(free.used());
    assertThat(roomy.throttledPolls()).isZero();
  }

  private static double distanceToGoal(BudgetSimulation.PoolResult pool) {
    double goal = pool.goal().toMillis() / 1000.0;
    return Math.abs(pool.p95() - goal) / goal;
  }
}
