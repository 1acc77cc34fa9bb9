package dev.ebb.operator.scaling;

/**
 * Small moves are noise: a change of at most {@code share} of the current replicas is ignored.
 *
 * <p>A scale-down that small is skipped (after the window already chose it). A scale-up that small is skipped only
 * while the oldest job has waited less than half the latency goal: as soon as jobs wait, it goes ahead. Moves forced
 * by [min, max] (a changed spec), from zero, or below the running jobs' floor always go ahead.
 */
public record ChangeTolerance(double share) {

  public static final ChangeTolerance DEFAULT = new ChangeTolerance(0.10);

  public ChangeTolerance {
    if (share < 0 || share >= 1) {
      throw new IllegalArgumentException("tolerance must be in [0, 1)");
    }
  }

  boolean ignores(ScalingSettings settings, int current, int desired, ReplicaEstimate estimate,
      QueueObservation observation) {
    if (desired == current || current == 0 || current < settings.min() || current > settings.max()) {
      return false;
    }
    if (desired < current) {
      return current - desired <= share * current;
    }
    boolean jobsWaitLong = observation.oldestJobAge().multipliedBy(2).compareTo(settings.maxQueueLatency()) >= 0;
    return current >= estimate.busyFloor() && !jobsWaitLong && estimate.exact() <= current * (1 + share);
  }

  int percent() {
    return (int) Math.round(share * 100);
  }
}
