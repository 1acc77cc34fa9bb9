package dev.ebb.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BudgetAllocationTest {

  record Case(String name, List<BudgetLine> budgets, List<PoolDemand> pools, Map<String, Integer> expected,
      Map<String, String> expectedThrottledBy) {
    @Override
    public String toString() {
      return name;
    }
  }

  static PoolDemand pool(String name, int min, int wanted, int current, int cost, double lateness,
      String... budgets) {
    return new PoolDemand(name, min, wanted, current, cost, lateness, Set.of(budgets));
  }

  static BudgetLine budget(String name, long limit) {
    return new BudgetLine(name, limit);
  }

  static Stream<Case> cases() {
    return Stream.of(
        new Case("a budget with room grants every wish", List.of(budget("db", 100)),
            List.of(pool("a", 1, 3, 1, 10, 2, "db"), pool("b", 1, 4, 1, 10, 0, "db")),
            Map.of("a", 3, "b", 4), Map.of()),
        new Case("a pool in no budget gets what it wants", List.of(budget("db", 10)),
            List.of(pool("a", 0, 40, 0, 10, 2), pool("b", 0, 4, 0, 10, 0, "db")),
            Map.of("a", 40, "b", 1), Map.of("b", "db")),
        new Case("mins first, whatever the lateness", List.of(budget("db", 30)),
            List.of(pool("a", 2, 10, 2, 10, 0, "db"), pool("b", 1, 10, 1, 10, 5, "db")),
            Map.of("a", 2, "b", 1), Map.of("a", "db", "b", "db")),
        // weights 3 and 1: 3 x (10 - a) = 10 - b with a + b = 10 gives a = 7.5; the eighth worker goes to a
        new Case("the pool furthest behind its goal gains first", List.of(budget("db", 100)),
            List.of(pool("a", 0, 10, 0, 10, 3, "db"), pool("b", 0, 10, 0, 10, 1, "db")),
            Map.of("a", 8, "b", 2), Map.of("a", "db", "b", "db")),
        new Case("ties go to the pool with fewer workers, then by name", List.of(budget("db", 50)),
            List.of(pool("b", 0, 10, 0, 10, 1, "db"), pool("a", 0, 10, 0, 10, 1, "db")),
            Map.of("a", 3, "b", 2), Map.of("a", "db", "b", "db")),
        new Case("never above a pool's wish: the rest goes to the others", List.of(budget("db", 100)),
            List.of(pool("a", 0, 2, 0, 10, 9, "db"), pool("b", 0, 10, 0, 10, 0.1, "db")),
            Map.of("a", 2, "b", 8), Map.of("b", "db")),
        new Case("pools that keep up share in proportion to what they want", List.of(budget("db", 90)),
            List.of(pool("a", 0, 6, 0, 10, 0, "db"), pool("b", 0, 12, 0, 10, 0.05, "db")),
            Map.of("a", 3, "b", 6), Map.of("a", "db", "b", "db")),
        new Case("a pool in two budgets is held by the tighter one",
            List.of(budget("db", 50), budget("api", 1000)),
            List.of(pool("a", 0, 10, 0, 10, 1, "db", "api"), pool("b", 0, 10, 0, 10, 1, "api"),
                pool("c", 0, 10, 0, 10, 1, "db")),
            Map.of("a", 3, "b", 10, "c", 2), Map.of("a", "db", "c", "db")),
        new Case("a pool in two budgets takes room in both: the other pool of the second budget gets the rest",
            List.of(budget("db", 100), budget("api", 60)),
            List.of(pool("a", 0, 10, 0, 10, 2, "db", "api"), pool("b", 0, 10, 0, 10, 1, "api")),
            Map.of("a", 5, "b", 1), Map.of("a", "api", "b", "api")),
        // the budget was 160 and is now 100: b, 2x behind its goal, keeps its 8; a, well ahead of its goal, gives 6 back
        new Case("a budget shrunk below current usage scales the furthest-ahead pool down first",
            List.of(budget("db", 100)),
            List.of(pool("a", 0, 8, 8, 10, 0.2, "db"), pool("b", 0, 8, 8, 10, 2, "db")),
            Map.of("a", 2, "b", 8), Map.of("a", "db")),
        // without the hold margin a (1.4x behind) would take a sixth worker from b (1.0x)
        new Case("a worker already running stays when the other pool is only a little further behind",
            List.of(budget("db", 100)),
            List.of(pool("a", 0, 10, 5, 10, 1.4, "db"), pool("b", 0, 10, 5, 10, 1.0, "db")),
            Map.of("a", 5, "b", 5), Map.of("a", "db", "b", "db")),
        new Case("workers move to a pool clearly further behind", List.of(budget("db", 100)),
            List.of(pool("a", 0, 10, 5, 10, 3, "db"), pool("b", 0, 10, 5, 10, 1, "db")),
            Map.of("a", 7, "b", 3), Map.of("a", "db", "b", "db")),
        new Case("a worker that does not fit leaves the room to a cheaper pool", List.of(budget("api", 25)),
            List.of(pool("big", 0, 3, 0, 10, 5, "api"), pool("small", 0, 10, 0, 1, 0, "api")),
            Map.of("big", 2, "small", 5), Map.of("big", "api", "small", "api")));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void grants(Case c) {
    Grants grants = BudgetAllocation.allocate(c.budgets(), c.pools());
    assertThat(grants.replicas()).isEqualTo(c.expected());
    assertThat(grants.throttledBy()).isEqualTo(c.expectedThrottledBy());
    for (BudgetLine budget : c.budgets()) {
      assertThat(grants.budgets().get(budget.name()).used()).as("used of " + budget.name())
          .isLessThanOrEqualTo(budget.limit());
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void theOrderOfTheInputDoesNotMatter(Case c) {
    List<PoolDemand> reversed = new ArrayList<>(c.pools());
    Collections.reverse(reversed);
    List<BudgetLine> budgets = new ArrayList<>(c.budgets());
    Collections.reverse(budgets);
    assertThat(BudgetAllocation.allocate(budgets, reversed)).isEqualTo(BudgetAllocation.allocate(c.budgets(),
        c.pools()));
  }

  @Test
  void aBudgetReportsWhatItsPoolsUseWantAndWhichItThrottles() {
    Grants grants = BudgetAllocation.allocate(List.of(budget("db", 100), budget("idle", 500)),
        List.of(pool("a", 1, 10, 1, 10, 3, "db"), pool("b", 1, 2, 1, 10, 0, "db"), pool("c", 0, 4, 0, 5, 0)));

    // a, 3x behind its goal, gets 9 of its 10; b, keeping up, stays at its min of the 2 it wants
    assertThat(grants.replicas()).containsEntry("a", 9).containsEntry("b", 1);
    assertThat(grants.budgets().get("db")).isEqualTo(new Grants.Figures(100, 100, 120, List.of("a", "b"),
        List.of("a", "b")));
    assertThat(grants.budgets().get("idle")).isEqualTo(new Grants.Figures(500, 0, 0, List.of(), List.of()));
    assertThat(grants.budgets().get("db").binds()).isTrue();
    assertThat(grants.of("c")).isEqualTo(4);
  }

  @Test
  void aPoolWhoseMinAloneExceedsABudgetIsNamedWithThatBudget() {
    Grants grants = BudgetAllocation.allocate(List.of(budget("db", 30), budget("api", 1000)),
        List.of(pool("a", 4, 6, 4, 10, 1, "db", "api"), pool("b", 1, 2, 1, 10, 1, "api")));

    assertThat(grants.tooSmall()).isEqualTo(Map.of("a", "db"));
  }

  @Test
  void aHoveringTotalDoesNotMoveWorkersBackAndForth() {
    // two pools whose lateness crosses a little every poll while their wishes exceed the budget together
    int a = 5;
    int b = 5;
    List<Integer> history = new ArrayList<>();
    for (int poll = 0; poll < 20; poll++) {
      double wobble = poll % 2 == 0 ? 0.15 : -0.15;
      Grants grants = BudgetAllocation.allocate(List.of(budget("db", 100)),
          List.of(pool("a", 0, 9, a, 10, 1 + wobble, "db"), pool("b", 0, 9, b, 10, 1 - wobble, "db")));
      a = grants.of("a");
      b = grants.of("b");
      history.add(a);
    }
    assertThat(history).containsOnly(5);
  }
}
