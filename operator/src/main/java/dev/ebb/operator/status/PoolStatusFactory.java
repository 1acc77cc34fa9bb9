package dev.ebb.operator.status;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.api.v1alpha1.QueueStatus;
import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.api.v1alpha1.WorkersStatus;
import dev.ebb.operator.autoscale.PoolSnapshot;
import dev.ebb.operator.heartbeat.StaleVerdict;
import dev.ebb.operator.reconciler.ReplicaPlanner.ReplicaPlan;
import dev.ebb.operator.scaler.QueueReading;
import dev.ebb.operator.scaling.FailedMeasurement;
import dev.ebb.operator.scaling.QueueObservation;
import dev.ebb.operator.scaling.ScalingReason;
import dev.ebb.operator.validation.SpecProblem;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The status a pool should show, computed from what was observed; pure. The reconciler writes it only when it differs
 * from the status the pool has.
 */
public final class PoolStatusFactory {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private PoolStatusFactory() {
  }

  /**
   * A pool Ebb cannot act on (a spec it cannot work with, a Deployment of another owner under the pool's name):
   * Ready=False with the reason; the figures of the last good state stay.
   */
  public static WorkerPoolStatus invalid(WorkerPool pool, SpecProblem problem, Instant now) {
    WorkerPoolStatus status = copyOf(pool);
    status.setObservedGeneration(pool.getMetadata().getGeneration());
    status.setConditions(Conditions.with(status.getConditions(), ConditionType.Ready, false, problem.reason(),
        problem.message(), pool.getMetadata().getGeneration(), now));
    return status;
  }

  /**
   * The Deployment matches the spec: replica counts from it, Ready from how many workers are ready, the queue and
   * worker figures of the poll the plan read, and the scaling conditions.
   *
   * @param scaled whether this reconcile changed the Deployment's replicas
   * @param format the queue's format as its backend names it ("rq", "solid_queue"), for the StaleRestarts message
   */
  public static WorkerPoolStatus reconciled(WorkerPool pool, Deployment deployment, ReplicaPlan plan, boolean scaled,
      StaleVerdict stale, String format, Instant now) {
    WorkerPoolStatus status = copyOf(pool);
    Long generation = pool.getMetadata().getGeneration();
    int desired = plan.replicas();
    int ready = deployment.getStatus() == null || deployment.getStatus().getReadyReplicas() == null
        ? 0 : deployment.getStatus().getReadyReplicas();
    status.setObservedGeneration(generation);
    status.setReplicas(deployment.getStatus() == null || deployment.getStatus().getReplicas() == null
        ? 0 : deployment.getStatus().getReplicas());
    status.setReadyReplicas(ready);
    status.setDesiredReplicas(desired);
    if (scaled) {
      status.setLastScaleTime(now.truncatedTo(ChronoUnit.SECONDS).toString());
    }
    plan.snapshot().ifPresent(snapshot -> figures(status, snapshot, stale, plan.startupTime()));
    List<Condition> conditions = status.getConditions();
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
    conditions = Conditions.with(conditions, ConditionType.Active, desired > 0,
        desired > 0 ? "WorkersRunning" : "ScaledToZero",
        desired > 0 ? desired + " workers wanted" : "no workers until a job waits", generation, now);
    conditions = PartitionCapCondition.apply(conditions, pool, plan, generation, now);
    conditions = scalingConditions(conditions, plan, pool, generation, now);
    conditions = budgetCondition(conditions, plan, generation, now);
    conditions = stale.withheld()
        ? Conditions.with(conditions, ConditionType.Degraded, true, "HeartbeatSourceSuspect", stale.reason(),
            generation, now)
        : Conditions.with(conditions, ConditionType.Degraded, false, "ReconcileSucceeded",
            "the Deployment matches the pool", generation, now);
    conditions = staleRestarts(conditions, format, plan, generation, now);
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

  /**
   * Throttled, for a pool in a WorkerBudget (or one that was throttled before): True with the budget's name and what
   * the pool wanted while a budget holds it back.
   */
  private static List<Condition> budgetCondition(List<Condition> conditions, ReplicaPlan plan, Long generation,
      Instant now) {
    if (plan.budget().isEmpty()) {
      return Conditions.find(conditions, ConditionType.Throttled).isEmpty() ? conditions
          : Conditions.with(conditions, ConditionType.Throttled, false, "NotInBudget",
              "the pool belongs to no WorkerBudget", generation, now);
    }
    return plan.budget().get().throttle()
        .map(throttle -> Conditions.with(conditions, ConditionType.Throttled, true, "BudgetLimit",
            throttle.message(), generation, now))
        .orElseGet(() -> Conditions.with(conditions, ConditionType.Throttled, false, "WithinBudget",
            "within WorkerBudget " + String.join(", ", plan.budget().get().budgets()), generation, now));
  }

  private static List<Condition> scalingConditions(List<Condition> conditions, ReplicaPlan plan, WorkerPool pool,
      Long generation, Instant now) {
    boolean paused = Boolean.TRUE.equals(pool.getSpec().getScaling().getPaused());
    conditions = Conditions.with(conditions, ConditionType.Paused, paused, paused ? "PausedBySpec" : "ScalingActive",
        paused ? "scaling.paused holds the replicas" : "replicas follow the queue", generation, now);
    if (plan.reason().isEmpty()) {
      return conditions;
    }
    ScalingReason reason = plan.reason().get();
    String cause = plan.snapshot().map(PoolSnapshot::measurement)
        .filter(FailedMeasurement.class::isInstance).map(m -> ((FailedMeasurement) m).cause()).orElse("");
    // messages name the cause and the replicas, never a running count: status is not a log
    if (reason == ScalingReason.FALLBACK) {
      return Conditions.with(conditions, ConditionType.Fallback, true, "FallbackReplicas",
          "the queue cannot be measured (" + cause + "): running " + plan.replicas() + " replicas", generation, now);
    }
    if (reason == ScalingReason.MEASUREMENT_FAILED) {
      return Conditions.with(conditions, ConditionType.Fallback, false, "MeasurementFailing",
          "the queue cannot be measured (" + cause + "): holding " + plan.replicas() + " replicas until the fallback",
          generation, now);
    }
    if (reason == ScalingReason.PAUSED && plan.snapshot().isPresent()
        && plan.snapshot().get().observation().isEmpty()) {
      return conditions;
    }
    return Conditions.with(conditions, ConditionType.Fallback, false, "QueueMeasured",
        "the queue is measured", generation, now);
  }

  /** Whether stale restarts can work for this pool, known from the last good poll; unchanged without one. */
  private static List<Condition> staleRestarts(List<Condition> conditions, String format, ReplicaPlan plan,
      Long generation, Instant now) {
    Optional<QueueReading.Heartbeats> heartbeats = plan.snapshot().filter(s -> s.observation().isPresent())
        .flatMap(PoolSnapshot::heartbeats);
    if (heartbeats.isEmpty()) {
      return conditions;
    }
    if (heartbeats.get() == QueueReading.Heartbeats.KEPT) {
      return Conditions.with(conditions, ConditionType.StaleRestarts, true, "HeartbeatsRead",
          "a worker whose heartbeat is older than workers.heartbeat.staleAfter is restarted", generation, now);
    }
    return Conditions.with(conditions, ConditionType.StaleRestarts, false, "NoHeartbeats",
        "format " + format + " keeps no worker heartbeats: stale workers are neither detected nor restarted,"
            + " and a scale-down cannot prefer idle workers", generation, now);
  }

  private static void figures(WorkerPoolStatus status, PoolSnapshot snapshot, StaleVerdict stale,
      Optional<Duration> startupTime) {
    snapshot.observation().ifPresent(observation -> {
      status.setQueue(queue(observation));
      WorkersStatus workers = new WorkersStatus();
      workers.setBusy(observation.busyWorkers());
      workers.setStale(stale.stale().size()); // pods, judged by their newest heartbeat: not every old worker id
      workers.setProcessingTime(observation.processingTime().map(DurationFormat::format).orElse(null));
      workers.setProcessingTimeSource(observation.processingTime().isPresent()
          ? observation.processingTimeSource().text() : null);
      workers.setStartupTime(startupTime.map(DurationFormat::format).orElse(null));
      status.setWorkers(workers);
    });
  }

  private static QueueStatus queue(QueueObservation observation) {
    QueueStatus queue = new QueueStatus();
    queue.setDepth(observation.depth());
    queue.setOldestJobAge(DurationFormat.format(observation.oldestJobAge()));
    queue.setArrivalRate(rounded(observation.arrivalRate()));
    queue.setCompletionRate(rounded(observation.completionRate()));
    return queue;
  }

  private static Double rounded(OptionalDouble rate) {
    return rate.isPresent() ? Math.round(rate.getAsDouble() * 100) / 100.0 : null;
  }

  private static WorkerPoolStatus copyOf(WorkerPool pool) {
    return pool.getStatus() == null ? new WorkerPoolStatus() : SERIALIZATION.clone(pool.getStatus());
  }
}
