package dev.ebb.operator.scaling;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The per-pool knobs the sizing policy reads, already defaulted and validated. Mapped from a WorkerPool spec by
 * {@link WorkerPoolScalingSettings}; built directly in tests and by the simulator.
 *
 * @param min                     lowest replica count; 0 allows scale to zero
 * @param max                     highest replica count
 * @param pollingInterval         how often the pool is measured (used by the simulator, not by the decision)
 * @param maxQueueLatency         L: the longest a job should wait before it starts
 * @param targetUtilization       rho: the share of each worker's concurrency the steady load may use
 * @param jobsPerReplica          depth per replica, used only while the processing time is unknown
 * @param scaleUpStabilization    scale up to the lowest recommendation over this window (0: immediately)
 * @param scaleDownStabilization  scale down to the highest recommendation over this window
 * @param scaleToZeroAfter        how long a pool must be idle (no waiting, no running job) before it goes to 0
 * @param fallbackReplicas        replicas to run when the queue cannot be measured, if configured
 * @param fallbackAfterFailures   consecutive failed measurements before the fallback applies
 * @param paused                  hold the current replicas, whatever the queue says
 * @param concurrency             jobs one worker runs at once, when no heartbeat reports it
 */
public record ScalingSettings(
    int min,
    int max,
    Duration pollingInterval,
    Duration maxQueueLatency,
    double targetUtilization,
    int jobsPerReplica,
    Duration scaleUpStabilization,
    Duration scaleDownStabilization,
    Duration scaleToZeroAfter,
    OptionalInt fallbackReplicas,
    int fallbackAfterFailures,
    boolean paused,
    int concurrency) {

  public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_MAX_QUEUE_LATENCY = Duration.ofSeconds(30);
  public static final double DEFAULT_TARGET_UTILIZATION = 0.8;
  public static final int DEFAULT_JOBS_PER_REPLICA = 100;
  public static final Duration DEFAULT_SCALE_UP_STABILIZATION = Duration.ZERO;
  public static final Duration DEFAULT_SCALE_DOWN_STABILIZATION = Duration.ofMinutes(5);
  public static final Duration DEFAULT_SCALE_TO_ZERO_AFTER = Duration.ofMinutes(5);
  public static final int DEFAULT_FALLBACK_AFTER_FAILURES = 3;
  public static final int DEFAULT_CONCURRENCY = 10;

  public ScalingSettings {
    Objects.requireNonNull(pollingInterval, "pollingInterval");
    Objects.requireNonNull(maxQueueLatency, "maxQueueLatency");
    Objects.requireNonNull(scaleUpStabilization, "scaleUpStabilization");
    Objects.requireNonNull(scaleDownStabilization, "scaleDownStabilization");
    Objects.requireNonNull(scaleToZeroAfter, "scaleToZeroAfter");
    Objects.requireNonNull(fallbackReplicas, "fallbackReplicas");
    require(min >= 0, "min must be >= 0, got " + min);
    require(max >= 1 && max >= min, "max must be >= 1 and >= min, got min " + min + ", max " + max);
    require(pollingInterval.compareTo(Duration.ZERO) > 0, "pollingInterval must be positive");
    require(maxQueueLatency.compareTo(Duration.ZERO) > 0, "maxQueueLatency must be positive");
    require(targetUtilization > 0 && targetUtilization <= 1, "targetUtilization must be in (0, 1]");
    require(jobsPerReplica >= 1, "jobsPerReplica must be >= 1");
    require(!scaleUpStabilization.isNegative() && !scaleDownStabilization.isNegative()
        && !scaleToZeroAfter.isNegative(), "windows must not be negative");
    require(fallbackReplicas.orElse(0) >= 0, "fallback replicas must be >= 0");
    require(fallbackAfterFailures >= 1, "fallbackAfterFailures must be >= 1");
    require(concurrency >= 1, "concurrency must be >= 1");
  }

  /** The documented defaults for a pool of {@code min..max} replicas. */
  public static ScalingSettings defaults(int min, int max) {
    return new ScalingSettings(min, max, DEFAULT_POLLING_INTERVAL, DEFAULT_MAX_QUEUE_LATENCY,
        DEFAULT_TARGET_UTILIZATION, DEFAULT_JOBS_PER_REPLICA, DEFAULT_SCALE_UP_STABILIZATION,
        DEFAULT_SCALE_DOWN_STABILIZATION, DEFAULT_SCALE_TO_ZERO_AFTER, OptionalInt.empty(),
        DEFAULT_FALLBACK_AFTER_FAILURES, false, DEFAULT_CONCURRENCY);
  }

  public int clamp(int replicas) {
    return Math.max(min, Math.min(max, replicas));
  }

  public ScalingSettings withScaleUpStabilization(Duration window) {
    return new ScalingSettings(min, max, pollingInterval, maxQueueLatency, targetUtilization, jobsPerReplica,
        window, scaleDownStabilization, scaleToZeroAfter, fallbackReplicas, fallbackAfterFailures, paused,
        concurrency);
  }

  public ScalingSettings withScaleDownStabilization(Duration window) {
    return new ScalingSettings(min, max, pollingInterval, maxQueueLatency, targetUtilization, jobsPerReplica,
        scaleUpStabilization, window, scaleToZeroAfter, fallbackReplicas, fallbackAfterFailures, paused,
        concurrency);
  }

  public ScalingSettings withFallback(int replicas, int afterFailures) {
    return new ScalingSettings(min, max, pollingInterval, maxQueueLatency, targetUtilization, jobsPerReplica,
        scaleUpStabilization, scaleDownStabilization, scaleToZeroAfter, OptionalInt.of(replicas),
        afterFailures, paused, concurrency);
  }

  /** These settings with another {@code max} (never below {@code min}). */
  public ScalingSettings withMax(int max) {
    return new ScalingSettings(min, Math.max(Math.max(min, 1), max), pollingInterval, maxQueueLatency,
        targetUtilization, jobsPerReplica, scaleUpStabilization, scaleDownStabilization, scaleToZeroAfter,
        fallbackReplicas, fallbackAfterFailures, paused, concurrency);
  }

  public ScalingSettings withPaused(boolean paused) {
    return new ScalingSettings(min, max, pollingInterval, maxQueueLatency, targetUtilization, jobsPerReplica,
        scaleUpStabilization, scaleDownStabilization, scaleToZeroAfter, fallbackReplicas,
        fallbackAfterFailures, paused, concurrency);
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
