package dev.ebb.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.WorkerPools;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BoundedReplicaPlannerTest {

  @ParameterizedTest(name = "min {0}, max {1}, current {2} -> {3}")
  @CsvSource(nullValues = "none", value = {
      "2, 10, none, 2",
      "0, 10, none, 0",
      "2, 10, 1, 2",
      "2, 10, 5, 5",
      "2, 10, 12, 10",
      "3, 3, 0, 3",
  })
  void replicasStayWithinMinAndMax(int min, int max, Integer current, int expected) {
    WorkerPool pool = WorkerPools.valid("shop", "mailer");
    pool.getSpec().setReplicas(new ReplicasSpec(min, max));

    var plan = new BoundedReplicaPlanner().plan(pool,
        current == null ? OptionalInt.empty() : OptionalInt.of(current));

    assertThat(plan.replicas()).isEqualTo(expected);
  }
}
