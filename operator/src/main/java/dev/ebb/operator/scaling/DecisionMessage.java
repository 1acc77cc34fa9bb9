package dev.ebb.operator.scaling;

import dev.ebb.api.v1alpha1.DurationFormat;
import java.time.Duration;

/**
 * The human sentences of {@link ScalingDecision#message()}, e.g.
 * "queue 1204, oldest 41s, 350ms per job: 6 -> 9 replicas".
 */
final class DecisionMessage {

  private DecisionMessage() {
  }

  static String paused(int current) {
    return "scaling paused: holding " + replicas(current);
  }

  static String failed(FailedMeasurement failure, int failures, int afterFailures, int current) {
    return "queue not measured (" + failure.cause() + "), failure " + failures + " of " + afterFailures
        + ": holding " + replicas(current);
  }

  static String fallback(FailedMeasurement failure, int failures, int current, int fallback, boolean configured) {
    String head = "queue not measured (" + failure.cause() + ") " + failures + " times in a row: ";
    return configured ? head + "fallback " + current + " -> " + replicas(fallback)
        : head + "no fallback configured, holding " + replicas(current);
  }

  static String observed(ScalingSettings settings, QueueObservation observation) {
    String head = "queue " + observation.depth() + ", oldest " + DurationFormat.format(observation.oldestJobAge());
    return observation.processingTime()
        .map(p -> head + ", " + DurationFormat.format(p) + " per job")
        .orElse(head + ", processing time unknown (" + settings.jobsPerReplica() + " jobs per replica)");
  }

  static String change(String observed, int current, int desired, String note) {
    return observed + ": " + current + " -> " + replicas(desired) + note;
  }

  static String hold(String observed, int current, int recommended, String why) {
    return observed + ": holding " + replicas(current) + " (recommends " + recommended + ", " + why + ")";
  }

  static String steady(String observed, int current) {
    return observed + ": " + replicas(current) + ", steady";
  }

  /** Why the recommendation is what it is, when a bound rather than the queue decided it. */
  static String bounds(ScalingSettings settings, ReplicaEstimate estimate, int recommended) {
    if (estimate.busyFloor() > estimate.rounded() && recommended == settings.clamp(estimate.busyFloor())) {
      return " (floor of " + estimate.busyFloor() + " for the running jobs)";
    }
    if (estimate.rounded() > settings.max() && recommended == settings.max()) {
      return " (max " + settings.max() + ", needs " + estimate.rounded() + ")";
    }
    if (estimate.rounded() < settings.min() && recommended == settings.min()) {
      return " (min " + settings.min() + ")";
    }
    return "";
  }

  /** A scale-up sized for the queue expected when its pods are ready. */
  static String ahead(double jobs, Duration startup) {
    return " (sized for " + Math.round(jobs) + " jobs waiting in " + DurationFormat.format(startup)
        + ", when new pods are ready)";
  }

  /** Which stabilization window held or limited the move, and what it keeps. */
  static String window(ScalingSettings settings, boolean up) {
    return up
        ? "scale-up window keeps the lowest of the last " + DurationFormat.format(settings.scaleUpStabilization())
        : "scale-down window keeps the highest of the last " + DurationFormat.format(settings.scaleDownStabilization());
  }

  private static String replicas(int count) {
    return count + (count == 1 ? " replica" : " replicas");
  }
}
