package dev.ebb.operator.scaling;

import dev.ebb.api.v1alpha1.DurationFormat;
import java.time.Duration;
import java.time.Instant;

/**
 * Ebb's sizing policy: a pure function of the pool's settings, the current replicas, one measurement, the memory of
 * earlier polls and the time. It reads no clock and calls nothing; the reconciler, the local supervisor and the
 * simulator all drive this same code.
 *
 * <p>Order of the rules: paused holds; a failed measurement holds, then falls back; otherwise the queue's need
 * (see {@link ReplicaEstimate}) is floored at the busy workers and clamped to [min, max], 0 is allowed only after
 * {@code scaleToZeroAfter} of idleness, activation from 0 is immediate, and every other move goes through the
 * stabilization windows (scale up to the lowest, scale down to the highest recommendation of its window) and a
 * tolerance that ignores small moves.
 */
public final class ScalingPolicy {

  /** Moves of at most this share of the current replicas are ignored (see {@link #withinTolerance}). */
  public static final double DEFAULT_TOLERANCE = 0.10;

  private final double tolerance;

  public ScalingPolicy() {
    this(DEFAULT_TOLERANCE);
  }

  public ScalingPolicy(double tolerance) {
    if (tolerance < 0 || tolerance >= 1) {
      throw new IllegalArgumentException("tolerance must be in [0, 1)");
    }
    this.tolerance = tolerance;
  }

  public ScalingDecision decide(ScalingSettings settings, int currentReplicas, Measurement measurement,
      ScalingState previous, Instant now) {
    if (currentReplicas < 0) {
      throw new IllegalArgumentException("currentReplicas must not be negative");
    }
    if (settings.paused()) {
      return new ScalingDecision(currentReplicas, ScalingReason.PAUSED, DecisionMessage.paused(currentReplicas),
          previous);
    }
    if (measurement instanceof FailedMeasurement failure) {
      return onFailure(settings, currentReplicas, failure, previous.afterFailure());
    }
    return onObservation(settings, currentReplicas, (QueueObservation) measurement, previous, now);
  }

  private static ScalingDecision onFailure(ScalingSettings settings, int current, FailedMeasurement failure,
      ScalingState next) {
    int failures = next.consecutiveFailures();
    if (failures < settings.fallbackAfterFailures()) {
      return new ScalingDecision(current, ScalingReason.MEASUREMENT_FAILED,
          DecisionMessage.failed(failure, failures, settings.fallbackAfterFailures(), current), next);
    }
    boolean configured = settings.fallbackReplicas().isPresent();
    int desired = configured ? settings.clamp(settings.fallbackReplicas().getAsInt()) : current;
    return new ScalingDecision(desired, ScalingReason.FALLBACK,
        DecisionMessage.fallback(failure, failures, current, desired, configured), next);
  }

  private ScalingDecision onObservation(ScalingSettings settings, int current, QueueObservation observation,
      ScalingState previous, Instant now) {
    ReplicaEstimate estimate = ReplicaEstimate.of(settings, observation,
        previous.confirmedArrivalRate(observation.arrivalRate()));
    ScalingState idleState = previous.afterObservation(observation, now, previous.history());
    boolean idleLongEnough = idleState.idleSince()
        .map(since -> !since.plus(settings.scaleToZeroAfter()).isAfter(now)).orElse(false);
    int recommended = settings.clamp(Math.max(estimate.rounded(), estimate.busyFloor()));
    if (recommended == 0 && current > 0 && !idleLongEnough) {
      recommended = 1;
    }
    Duration keep = max(settings.scaleUpStabilization(), settings.scaleDownStabilization());
    ScalingState next = previous.afterObservation(observation, now,
        previous.history().record(now, recommended, keep));
    String observed = DecisionMessage.observed(settings, observation, estimate);
    String bounds = DecisionMessage.bounds(settings, estimate, recommended);

    if (current == 0 && recommended > 0) {
      return new ScalingDecision(recommended, ScalingReason.ACTIVATION,
          DecisionMessage.change(observed, 0, recommended, bounds + " (activation)"), next);
    }
    if (recommended == 0 && current > 0) {
      return new ScalingDecision(0, ScalingReason.SCALE_TO_ZERO, DecisionMessage.change(observed, current, 0,
          " (idle for " + DurationFormat.format(settings.scaleToZeroAfter()) + ")"), next);
    }
    int up = next.history().lowestWithin(now, settings.scaleUpStabilization(), recommended);
    int down = next.history().highestWithin(now, settings.scaleDownStabilization(), recommended);
    if (!next.observedFor(settings.scaleDownStabilization(), now)) {
      down = Math.max(down, current); // a fresh state has not watched a whole window yet: no scale-down
    }
    int desired = settings.clamp(Math.min(Math.max(current, up), down));
    if (desired != current && withinTolerance(settings, current, desired, estimate, observation)) {
      return new ScalingDecision(current, ScalingReason.WITHIN_TOLERANCE, DecisionMessage.hold(observed,
          current, recommended, "within " + Math.round(tolerance * 100) + "% tolerance"), next);
    }
    if (desired == current) {
      if (recommended == current) {
        return new ScalingDecision(current, ScalingReason.STEADY, DecisionMessage.steady(observed, current)
            + bounds, next);
      }
      String why = recommended > current
          ? DecisionMessage.window("scale-up", settings.scaleUpStabilization())
          : DecisionMessage.window("scale-down", settings.scaleDownStabilization());
      return new ScalingDecision(current, ScalingReason.STABILIZED,
          DecisionMessage.hold(observed, current, recommended, why), next);
    }
    ScalingReason reason = desired > current ? ScalingReason.SCALE_UP : ScalingReason.SCALE_DOWN;
    String note = desired == recommended ? bounds : " (recommends " + recommended + ", "
        + (desired > current ? DecisionMessage.window("scale-up", settings.scaleUpStabilization())
        : DecisionMessage.window("scale-down", settings.scaleDownStabilization())) + ")";
    return new ScalingDecision(desired, reason, DecisionMessage.change(observed, current, desired, note), next);
  }

  /**
   * Small moves are noise. A scale-down of at most {@code tolerance} of the current replicas is skipped (after the
   * window already chose it). A scale-up is skipped only while the need is within the tolerance above the current
   * replicas AND the oldest job has waited less than half the latency goal: as soon as jobs wait, it goes ahead.
   * Moves forced by [min, max] (a changed spec) always go ahead.
   */
  private boolean withinTolerance(ScalingSettings settings, int current, int desired, ReplicaEstimate estimate,
      QueueObservation observation) {
    if (current < settings.min() || current > settings.max() || current == 0) {
      return false;
    }
    if (desired < current) {
      return current - desired <= tolerance * current;
    }
    boolean jobsWaitLong = observation.oldestJobAge().multipliedBy(2).compareTo(settings.maxQueueLatency()) >= 0;
    return current >= estimate.busyFloor() && !jobsWaitLong && estimate.exact() <= current * (1 + tolerance);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
