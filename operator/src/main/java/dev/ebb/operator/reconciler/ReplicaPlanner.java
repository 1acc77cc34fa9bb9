package dev.ebb.operator.reconciler;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.operator.autoscale.PoolSnapshot;
import dev.ebb.operator.budget.BudgetGrant;
import dev.ebb.operator.scaler.Credentials;
import dev.ebb.operator.scaling.ScalingReason;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The seam between the reconciler and sizing: how many workers the pool's Deployment should have now, given how
 * many it has ({@code current} is empty before the Deployment exists). Implementations never block.
 */
public interface ReplicaPlanner {

  ReplicaPlan plan(WorkerPool pool, OptionalInt current);

  /** Called before {@link #plan} with the values of the pool's Secret references, e.g. to start polling its queue. */
  default void prepare(WorkerPool pool, Credentials credentials) {
  }

  /** Called before {@link #plan} with the pool's worker pods as the informer holds them, e.g. to learn start-ups. */
  default void observePods(WorkerPool pool, List<Pod> pods) {
  }

  /**
   * Workers wanted and why.
   *
   * @param replicas the count to run
   * @param message in words, e.g. "queue 1204, oldest 41s, 350ms per job: 6 -> 9 replicas"
   * @param reason the policy's reason, when a policy decided
   * @param snapshot the queue poll the decision read, when there was one
   * @param budget   what the pool's WorkerBudgets granted, when it belongs to any and a policy decided
   * @param startupTime the pods' start-up time the policy sized with, once learned
   */
  record ReplicaPlan(int replicas, String message, Optional<ScalingReason> reason, Optional<PoolSnapshot> snapshot,
      Optional<BudgetGrant> budget, Optional<Duration> startupTime) {

    public ReplicaPlan(int replicas, String message, Optional<ScalingReason> reason,
        Optional<PoolSnapshot> snapshot, Optional<BudgetGrant> budget) {
      this(replicas, message, reason, snapshot, budget, Optional.empty());
    }

    public ReplicaPlan(int replicas, String message, Optional<ScalingReason> reason,
        Optional<PoolSnapshot> snapshot) {
      this(replicas, message, reason, snapshot, Optional.empty());
    }

    public static ReplicaPlan fixed(int replicas, String message) {
      return new ReplicaPlan(replicas, message, Optional.empty(), Optional.empty());
    }
  }
}
