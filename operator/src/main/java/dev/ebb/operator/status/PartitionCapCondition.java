package dev.ebb.operator.status;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.autoscale.PoolSnapshot;
import dev.ebb.operator.reconciler.ReplicaPlanner.ReplicaPlan;
import dev.ebb.operator.scaling.PartitionCap;
import dev.ebb.operator.scaling.ScalingSettings;
import dev.ebb.operator.scaling.WorkerPoolScalingSettings;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * Active=True with reason {@code PartitionCapped} while the queue's limit on useful replicas (a Kafka topic's
 * partitions) holds the pool below {@code replicas.max}: the pool's author learns that more partitions, not a higher
 * max, would let it grow. {@link ConditionEvents} announces it once, when it starts.
 */
final class PartitionCapCondition {

  static final String REASON = "PartitionCapped";

  private PartitionCapCondition() {
  }

  static List<Condition> apply(List<Condition> conditions, WorkerPool pool, ReplicaPlan plan, Long generation,
      Instant now) {
    OptionalInt cap = plan.snapshot().map(PoolSnapshot::usefulReplicas).orElse(OptionalInt.empty());
    if (cap.isEmpty() || plan.replicas() == 0) {
      return conditions;
    }
    ScalingSettings settings = WorkerPoolScalingSettings.from(pool.getSpec());
    if (settings.paused() || !PartitionCap.binds(settings, cap, plan.replicas())) {
      return conditions;
    }
    return Conditions.with(conditions, ConditionType.Active, true, REASON, PartitionCap.message(cap.getAsInt()),
        generation, now);
  }
}
