package dev.ebb.operator.scaling;

import dev.ebb.api.v1alpha1.DurationFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Ebb's sizing policy: a pure function of the pool's settings, the current replicas, one measurement, the memory of
 * earlier polls and the time. It reads no clock and calls nothing; the reconciler, the local supervisor and the
 * simulator all drive this same code.
 *
 * <p>Order of the rules: paused holds; a failed measurement holds, then falls back; otherwise the queue's need
 * (see {@link ReplicaEstimate}) is floored at the busy workers and clamped to [min, max], 0 is allowed only after
 * {@code scaleToZeroAfter} of idleness, activation from 0 is immediate, and every other move goes through the
 * stabilization windows (scale up to the lowest, scale down to the highest recommendation of its window) and a
 * {@link ChangeTolerance} that ignores small moves. On the way down, the whole window holds only the steady-load
 * part of each recommendation; the workers a backlog added are held for {@link #backlogHold} (maxQueueLatency).
 * Given the pool's pod start-up time, a scale-up sizes for the backlog that will wait when its pods are ready
 * ({@link StartupProjection}); without one, or when not scaling up, the need is the backlog's now.
 */
public final class ScalingPolicy {

  private final ChangeTolerance tolerance;

  public ScalingPolicy() {
    this(ChangeTolerance.DEFAULT);
  }

  public ScalingPolicy(ChangeTolerance tolerance) {
    this.tolerance = tolerance;
  }

  public ScalingDecision decide(ScalingSettings settings, int currentReplicas, Measurement measurement,
      ScalingState previous, Instant now) {
    return decide(settings, currentReplicas, measurement, previous, now, Optional.empty());
  }

  /**
   * The same, knowing how long the pool's pods take from creation to Ready: a scale-up sizes for the backlog that
   * will wait when the new pods are ready (see {@link StartupProjection}). With no start-up time this is exactly
   * {@link #decide(ScalingSettings, int, Measurement, ScalingState, Instant)}.
   */
  public ScalingDecision decide(ScalingSettings settings, int currentReplicas, Measurement measurement,
      ScalingState previous, Instant now, Optional<Duration> startupTime) {
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
    return onObservation(settings, currentReplicas, (QueueObservation) measurement, previous, now, startupTime);
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
      ScalingState previous, Instant now, Optional<Duration> startupTime) {
    OptionalDouble rate = previous.confirmedArrivalRate(observation.arrivalRate());
    ReplicaEstimate plain = ReplicaEstimate.of(settings, observation, rate);
    double ahead = StartupProjection.projectedDepth(observation.depth(), rate, current,
        observation.concurrency().orElse(settings.concurrency()), observation.processingTime(),
        settings.pollingInterval(), startupTime);
    ReplicaEstimate estimate = startupAware(settings, current, observation, rate, plain, ahead);
    ScalingState observed = previous.afterObservation(observation, now);
    int recommended = settings.clamp(Math.max(estimate.rounded(), estimate.busyFloor()));
    if (recommended == 0 && current > 0 && !observed.idleFor(settings.scaleToZeroAfter(), now)) {
      recommended = 1;
    }
    int steady = Math.min(recommended, settings.clamp(estimate.steadyRounded()));
    Duration keep = max(settings.scaleUpStabilization(), settings.scaleDownStabilization());
    ScalingState next = observed.withHistory(previous.history().record(now, recommended, steady, keep));
    String message = DecisionMessage.observed(settings, observation);
    String bounds = DecisionMessage.bounds(settings, estimate, recommended)
        + (estimate == plain ? "" : DecisionMessage.ahead(ahead, startupTime.orElseThrow()));

    if (current == 0 && recommended > 0) {
      return new ScalingDecision(recommended, ScalingReason.ACTIVATION,
          DecisionMessage.change(message, 0, recommended, bounds + " (activation)"), next);
    }
    if (recommended == 0 && current > 0) {
      return new ScalingDecision(0, ScalingReason.SCALE_TO_ZERO, DecisionMessage.change(message, current, 0,
          " (idle for " + DurationFormat.format(settings.scaleToZeroAfter()) + ")"), next);
    }
    int up = next.history().lowestWithin(now, settings.scaleUpStabilization(), recommended);
    int down = Math.max(next.history().highestSteadyWithin(now, settings.scaleDownStabilization(), recommended),
        next.history().highestWithin(now, backlogHold(settings), recommended));
    if (!next.observedFor(settings.scaleDownStabilization(), now)) {
      down = Math.max(down, current); // a fresh state has not watched a whole window yet: no scale-down
    }
    int desired = settings.clamp(Math.min(Math.max(current, up), down));
    if (tolerance.ignores(settings, current, desired, estimate, observation)) {
      return new ScalingDecision(current, ScalingReason.WITHIN_TOLERANCE, DecisionMessage.hold(message,
          current, recommended, "within " + tolerance.percent() + "% tolerance"), next);
    }
    if (desired == current) {
      if (recommended == current) {
        return new ScalingDecision(current, ScalingReason.STEADY, DecisionMessage.steady(message, current)
            + bounds, next);
      }
      String why = DecisionMessage.window(settings, recommended > current);
      return new ScalingDecision(current, ScalingReason.STABILIZED,
          DecisionMessage.hold(message, current, recommended, why), next);
    }
    ScalingReason reason = desired > current ? ScalingReason.SCALE_UP : ScalingReason.SCALE_DOWN;
    String note = desired == recommended ? bounds
        : " (recommends " + recommended + ", " + DecisionMessage.window(settings, desired > current) + ")";
    return new ScalingDecision(desired, reason, DecisionMessage.change(message, current, desired, note), next);
  }

  /**
   * The need sized for the backlog one start-up ahead when that scales the pool up, else the need for the backlog
   * now: the projection only ever adds pods to a scale-up, so it never makes a scale-down deeper or earlier.
   */
  private static ReplicaEstimate startupAware(ScalingSettings settings, int current, QueueObservation observation,
      OptionalDouble rate, ReplicaEstimate now, double ahead) {
    if (ahead <= observation.depth()) {
      return now;
    }
    ReplicaEstimate projected = ReplicaEstimate.of(settings, observation, rate, ahead);
    return settings.clamp(Math.max(projected.rounded(), projected.busyFloor())) > current ? projected : now;
  }

  /**
   * How long a recommendation's backlog term is held on the way down. The backlog term drains the queue within
   * maxQueueLatency and is then spent: holding it for the whole scale-down window pays for the pods a burst needed
   * long after the burst. The steady-load part of every recommendation is still held for the whole window.
   */
  static Duration backlogHold(ScalingSettings settings) {
    Duration hold = settings.maxQueueLatency();
    return hold.compareTo(settings.scaleDownStabilization()) < 0 ? hold : settings.scaleDownStabilization();
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
