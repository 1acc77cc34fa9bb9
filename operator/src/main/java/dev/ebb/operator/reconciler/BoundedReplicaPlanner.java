package dev.ebb.operator.reconciler;

import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.WorkerPool;
import java.util.OptionalInt;

/** Keeps the current count within {@code [min, max]}; a new pool starts at {@code min}. No queue is read. */
public class BoundedReplicaPlanner implements ReplicaPlanner {

  @Override
  public ReplicaPlan plan(WorkerPool pool, OptionalInt current) {
    ReplicasSpec bounds = pool.getSpec().getReplicas();
    int min = bounds.getMin() == null ? 1 : bounds.getMin();
    int max = bounds.getMax();
    if (current.isEmpty()) {
      return new ReplicaPlan(min, "new pool starts at its minimum of " + min);
    }
    int now = current.getAsInt();
    if (now < min) {
      return new ReplicaPlan(min, "below the minimum of " + min);
    }
    if (now > max) {
      return new ReplicaPlan(max, "above the maximum of " + max);
    }
    return new ReplicaPlan(now, "within [" + min + ", " + max + "]");
  }
}
