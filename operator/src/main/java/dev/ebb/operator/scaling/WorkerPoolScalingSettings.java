package dev.ebb.operator.scaling;

import dev.ebb.api.v1alpha1.DurationFormat;
import dev.ebb.api.v1alpha1.FallbackSpec;
import dev.ebb.api.v1alpha1.ReplicasSpec;
import dev.ebb.api.v1alpha1.ScalingSpec;
import dev.ebb.api.v1alpha1.ScalingWindow;
import dev.ebb.api.v1alpha1.WorkerPoolSpec;
import dev.ebb.api.v1alpha1.WorkersSpec;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Maps a WorkerPool spec to {@link ScalingSettings}, filling every unset field with its documented default. Reads
 * only the plain spec classes of the API (no client, no cluster). Throws {@link IllegalArgumentException} with the
 * field's path when a value cannot be used, so the caller can report it as a condition.
 */
public final class WorkerPoolScalingSettings {

  private WorkerPoolScalingSettings() {
  }

  public static ScalingSettings from(WorkerPoolSpec spec) {
    ReplicasSpec replicas = Optional.ofNullable(spec.getReplicas()).orElseGet(ReplicasSpec::new);
    ScalingSpec scaling = Optional.ofNullable(spec.getScaling()).orElseGet(ScalingSpec::new);
    WorkersSpec workers = Optional.ofNullable(spec.getWorkers()).orElseGet(WorkersSpec::new);
    FallbackSpec fallback = Optional.ofNullable(scaling.getFallback()).orElseGet(FallbackSpec::new);
    if (replicas.getMax() == null) {
      throw new IllegalArgumentException("replicas.max is required");
    }
    return new ScalingSettings(
        Optional.ofNullable(replicas.getMin()).orElse(1),
        replicas.getMax(),
        duration("scaling.pollingInterval", scaling.getPollingInterval(), ScalingSettings.DEFAULT_POLLING_INTERVAL),
        duration("scaling.maxQueueLatency", scaling.getMaxQueueLatency(),
            ScalingSettings.DEFAULT_MAX_QUEUE_LATENCY),
        Optional.ofNullable(scaling.getTargetUtilization()).orElse(ScalingSettings.DEFAULT_TARGET_UTILIZATION),
        Optional.ofNullable(scaling.getJobsPerReplica()).orElse(ScalingSettings.DEFAULT_JOBS_PER_REPLICA),
        window("scaling.scaleUp", scaling.getScaleUp(), ScalingSettings.DEFAULT_SCALE_UP_STABILIZATION),
        window("scaling.scaleDown", scaling.getScaleDown(), ScalingSettings.DEFAULT_SCALE_DOWN_STABILIZATION),
        duration("scaling.scaleToZeroAfter", scaling.getScaleToZeroAfter(),
            ScalingSettings.DEFAULT_SCALE_TO_ZERO_AFTER),
        fallback.getReplicas() == null ? OptionalInt.empty() : OptionalInt.of(fallback.getReplicas()),
        Optional.ofNullable(fallback.getAfterFailures()).orElse(ScalingSettings.DEFAULT_FALLBACK_AFTER_FAILURES),
        Boolean.TRUE.equals(scaling.getPaused()),
        Optional.ofNullable(workers.getConcurrency()).orElse(ScalingSettings.DEFAULT_CONCURRENCY));
  }

  private static Duration window(String path, ScalingWindow window, Duration fallback) {
    String text = Optional.ofNullable(window).map(ScalingWindow::getStabilizationWindow).orElse(null);
    return duration(path + ".stabilizationWindow", text, fallback);
  }

  private static Duration duration(String path, String text, Duration fallback) {
    try {
      return DurationFormat.parseOr(text, fallback);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
    }
  }
}
