package dev.ebb.operator.status;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.validation.SpecProblem;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;

/**
 * The status a pool should show, computed from what was observed; pure. The reconciler writes it only when it differs
 * from the status the pool has.
 */
public final class PoolStatusFactory {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PoolStatusFactory() {
  }

  /** A spec Ebb cannot act on: Ready=False with the reason; the figures of the last good state stay. */
  public static WorkerPoolStatus invalid(WorkerPool pool, SpecProblem problem, Instant now) {
    WorkerPoolStatus status = copyOf(pool);
    status.setObservedGeneration(pool.getMetadata().getGeneration());
    status.setConditions(Conditions.with(status.getConditions(), ConditionType.Ready, false, problem.reason(),
        problem.message(), pool.getMetadata().getGeneration(), now));
    return status;
  }

  /** The Deployment matches the spec: replica counts from it, Ready from how many workers are ready. */
  public static WorkerPoolStatus reconciled(WorkerPool pool, Deployment deployment, int desired, Instant now) {
    WorkerPoolStatus status = copyOf(pool);
    Long generation = pool.getMetadata().getGeneration();
    int replicas = deployment.getStatus() == null || deployment.getStatus().getReplicas() == null
        ? 0 : deployment.getStatus().getReplicas();
    int ready = deployment.getStatus() == null || deployment.getStatus().getReadyReplicas() == null
        ? 0 : deployment.getStatus().getReadyReplicas();
    status.setObservedGeneration(generation);
    status.setReplicas(replicas);
    status.setReadyReplicas(ready);
    status.setDesiredReplicas(desired);
    var conditions = status.getConditions();
    if (desired == 0) {
      conditions = Conditions.with(conditions, ConditionType.Ready, true, "ScaledToZero",
          "no workers wanted: the queue is idle", generation, now);
    } else if (ready >= desired) {
      conditions = Conditions.with(conditions, ConditionType.Ready, true, "WorkersReady",
          ready + "/" + desired + " workers ready", generation, now);
    } else {
      conditions = Conditions.with(conditions, ConditionType.Ready, false, "WorkersStarting",
          ready + "/" + desired + " workers ready", generation, now);
    }
    conditions = Conditions.with(conditions, ConditionType.Degraded, false, "ReconcileSucceeded",
        "the Deployment matches the pool", generation, now);
    status.setConditions(conditions);
    return status;
  }

  /** A reconcile failed for a reason that may pass (the API server, a conflict): Degraded=True, Ready untouched. */
  public static WorkerPoolStatus failed(WorkerPool pool, String message, Instant now) {
    WorkerPoolStatus status = copyOf(pool);
    status.setConditions(Conditions.with(status.getConditions(), ConditionType.Degraded, true, "ReconcileFailed",
        message, pool.getMetadata().getGeneration(), now));
    return status;
  }

  private static WorkerPoolStatus copyOf(WorkerPool pool) {
    return pool.getStatus() == null ? new WorkerPoolStatus() : SERIALIZATION.clone(pool.getStatus());
  }
}
