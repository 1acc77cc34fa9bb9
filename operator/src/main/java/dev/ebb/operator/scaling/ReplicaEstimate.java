package dev.ebb.operator.scaling;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How many workers the queue needs, before any window, floor or clamp.
 *
 * @param exact      the unrounded need (e.g. 5.4 workers)
 * @param steady     the part of {@code exact} the steady load needs, without the backlog term (0 while the
 *                   processing time is unknown: then the whole need is backlog)
 * @param busyFloor  ceil(running jobs / c): enough workers to hold every job running right now; the policy never
 *                   goes below it. Not the count of busy workers: queue workers fetch in parallel, so a light load
 *                   spreads over every worker and "busy workers" would equal the replicas and never let them go;
 *                   the workers let go are the idle ones (pod-deletion-cost) and finish their jobs on SIGTERM.
 */
public record ReplicaEstimate(double exact, double steady, int busyFloor) {

  /** Slack for floating point: 4.0000000001 workers is 4 workers. */
  private static final double EPSILON = 1e-9;

  /** {@link #exact} rounded up. */
  public int rounded() {
    return roundUp(exact);
  }

  /** {@link #steady} rounded up. */
  public int steadyRounded() {
    return roundUp(steady);
  }

  private static int roundUp(double workers) {
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(Math.max(0, workers - EPSILON)));
  }

  /**
   * needed = lambda*p / (c*rho) + B*p / (c*L): the steady load at the target utilization (Little's law) plus the
   * workers that drain the backlog within the latency goal. Until p is known: B / jobsPerReplica. An unknown
   * arrival rate (first reading) contributes nothing: the backlog term alone. {@code arrivalRate} is the rate the
   * policy sizes for (see {@link ScalingState#confirmedArrivalRate}), not necessarily the measured one.
   */
  public static ReplicaEstimate of(ScalingSettings settings, QueueObservation observation,
      OptionalDouble arrivalRate) {
    return of(settings, observation, arrivalRate, observation.depth());
  }

  /**
   * The same with B = {@code backlog} instead of the measured depth (the backlog projected one start-up ahead, see
   * {@link StartupProjection}). The jobs-per-replica fallback reads the measured depth: it projects nothing.
   */
  static ReplicaEstimate of(ScalingSettings settings, QueueObservation observation, OptionalDouble arrivalRate,
      double backlogJobs) {
    int concurrency = observation.concurrency().orElse(settings.concurrency());
    int busyFloor = (int) Math.ceil(observation.runningJobs() / (double) concurrency);
    if (observation.processingTime().isEmpty()) {
      return new ReplicaEstimate(observation.depth() / (double) settings.jobsPerReplica(), 0, busyFloor);
    }
    double p = seconds(observation.processingTime().get());
    double lambda = arrivalRate.orElse(0);
    double latency = seconds(settings.maxQueueLatency());
    double steady = lambda * p / (concurrency * settings.targetUtilization());
    double backlog = backlogJobs * p / (concurrency * latency);
    return new ReplicaEstimate(steady + backlog, steady, busyFloor);
  }

  static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
