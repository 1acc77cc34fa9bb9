package dev.ebb.operator.status;

import dev.ebb.api.v1alpha1.WorkerPool;
import dev.ebb.api.v1alpha1.WorkerPoolStatus;
import dev.ebb.operator.event.PoolEvents;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Events for the scaling conditions, written when a condition's reason changes, never once per poll. */
public final class ConditionEvents {

  private ConditionEvents() {
  }

  public static void announce(PoolEvents events, WorkerPool pool, WorkerPoolStatus before, WorkerPoolStatus after) {
    List<Condition> old = before == null ? List.of() : before.getConditions();
    Optional<Condition> fallback = Conditions.find(after.getConditions(), ConditionType.Fallback);
    String oldReason = Conditions.reason(old, ConditionType.Fallback);
    fallback.filter(c -> !Objects.equals(c.getReason(), oldReason)).ifPresent(c -> {
      switch (c.getReason()) {
        case "FallbackReplicas" -> events.warning(pool, "FallbackActive", c.getMessage());
        case "MeasurementFailing" -> events.warning(pool, "QueueNotMeasured", c.getMessage());
        default -> {
          if (oldReason != null) {
            events.normal(pool, "QueueMeasuredAgain", "the queue is measured again; replicas follow it");
          }
        }
      }
    });
    Optional<Condition> degraded = Conditions.find(after.getConditions(), ConditionType.Degraded);
    degraded.filter(c -> "HeartbeatSourceSuspect".equals(c.getReason())
        && !"HeartbeatSourceSuspect".equals(Conditions.reason(old, ConditionType.Degraded)))
        .ifPresent(c -> events.warning(pool, "StaleRestartsWithheld", c.getMessage()));
    Optional<Condition> throttled = Conditions.find(after.getConditions(), ConditionType.Throttled);
    String oldThrottled = Conditions.reason(old, ConditionType.Throttled);
    throttled.filter(c -> !Objects.equals(c.getReason(), oldThrottled)).ifPresent(c -> {
      if ("BudgetLimit".equals(c.getReason())) {
        events.warning(pool, "Throttled", c.getMessage());
      } else if ("BudgetLimit".equals(oldThrottled)) {
        events.normal(pool, "NoLongerThrottled", c.getMessage());
      }
    });
    Conditions.find(after.getConditions(), ConditionType.Active)
        .filter(c -> PartitionCapCondition.REASON.equals(c.getReason())
            && !PartitionCapCondition.REASON.equals(Conditions.reason(old, ConditionType.Active)))
        .ifPresent(c -> events.normal(pool, PartitionCapCondition.REASON, c.getMessage()));
    Optional<Condition> paused = Conditions.find(after.getConditions(), ConditionType.Paused);
    String oldPaused = Conditions.reason(old, ConditionType.Paused);
    paused.filter(c -> oldPaused != null && !Objects.equals(c.getReason(), oldPaused)).ifPresent(c ->
        events.normal(pool, "PausedBySpec".equals(c.getReason()) ? "ScalingPaused" : "ScalingResumed",
            c.getMessage()));
  }
}
