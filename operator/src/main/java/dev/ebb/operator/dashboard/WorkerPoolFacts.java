package dev.ebb.operator.dashboard;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/** A WorkerPool and the status the reconciler just computed, as the dashboard's {@link PoolFacts}. */
public final class WorkerPoolFacts {

  private WorkerPoolFacts() {
  }

  public static PoolKey key(WorkerPool pool) {
    return new PoolKey(pool.getMetadata().getNamespace(), pool.getMetadata().getName());
  }

  public static PoolFacts of(WorkerPool pool, WorkerPoolStatus status) {
    var spec = pool.getSpec();
    return new PoolFacts(Objects.requireNonNullElse(spec.getReplicas().getMin(), 0),
        Objects.requireNonNullElse(spec.getReplicas().getMax(), 0), optional(status.getReplicas()),
        optional(status.getReadyReplicas()), ConditionSummary.of(status.getConditions()),
        DurationFormat.parseOr(spec.getWorkers().getHeartbeat().getStaleAfter(), Duration.ofSeconds(60)));
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }
}
