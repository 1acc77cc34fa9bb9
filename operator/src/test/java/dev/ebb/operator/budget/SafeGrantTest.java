package dev.ebb.operator.budget;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SafeGrantTest {

  static final Map<String, BudgetLine> DB = Map.of("db", new BudgetLine("db", 100));
  static final PoolDemand A = new PoolDemand("a", 0, 8, 2, 10, 3, Set.of("db"));
  static final PoolDemand B = new PoolDemand("b", 0, 2, 8, 10, 0, Set.of("db"));

  @Test
  void aScaleUpWaitsUntilTheOtherPoolsDecreaseIsInItsDeployment() {
    // b was granted 2 but its Deployment still runs 8: a may grow only to 2
    assertThat(SafeGrant.of(A, 8, List.of(A, B), Map.of("b", 8), DB)).isEqualTo(2);
    // once b's Deployment says 2, a gets all 8
    assertThat(SafeGrant.of(A, 8, List.of(A, B), Map.of("b", 2), DB)).isEqualTo(8);
  }

  @Test
  void aGrantIsNeverRaisedOnlyCapped() {
    assertThat(SafeGrant.of(A, 3, List.of(A, B), Map.of("b", 0), DB)).isEqualTo(3);
  }

  @Test
  void aPoolInNoBudgetIsNotCapped() {
    PoolDemand free = new PoolDemand("free", 0, 40, 0, 10, 0, Set.of());
    assertThat(SafeGrant.of(free, 40, List.of(free, B), Map.of("b", 10), DB)).isEqualTo(40);
  }

  @Test
  void otherPoolsAlreadyOverTheLimitLeaveNoRoom() {
    assertThat(SafeGrant.of(A, 8, List.of(A, B), Map.of("b", 12), DB)).isZero();
  }
}
