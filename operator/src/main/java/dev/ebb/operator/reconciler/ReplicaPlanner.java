package dev.ebb.operator.reconciler;

import dev.ebb.api.v1alpha1.WorkerPool;
import java.util.OptionalInt;

/**
 * The seam between the reconciler and sizing: how many workers the pool's Deployment should have now, given how
 * many it has ({@code current} is empty before the Deployment exists). Implementations never block.
 */
public interface ReplicaPlanner {

  ReplicaPlan plan(WorkerPool pool, OptionalInt current);

  /** Workers wanted, and in words why, for the Event written when the count changes. */
  record ReplicaPlan(int replicas, String reason) {
  }
}
