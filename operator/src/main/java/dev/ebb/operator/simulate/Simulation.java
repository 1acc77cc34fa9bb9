package dev.ebb.operator.simulate;

import java.time.Duration;

/**
 * Runs one {@link Autoscaler} against one {@link JobStream} in simulated time: every second, events up to that
 * second are processed, the autoscaler is asked, its answer is applied at once (the Deployment's pods are created
 * then; they serve after the start-up delay), and the second is sampled. Deterministic: same jobs, same result.
 *
 * @param duration      length of the run
 * @param concurrency   job slots per worker
 * @param startupDelay  from pod creation to its first job
 * @param initialReplicas workers already running (and ready) at time 0
 */
public record Simulation(Duration duration, int concurrency, Duration startupDelay, int initialReplicas) {

  public Simulation {
    if (duration.toSeconds() < 1 || concurrency < 1 || startupDelay.isNegative() || initialReplicas < 0) {
      throw new IllegalArgumentException("duration >= 1s, concurrency >= 1, startup delay >= 0, replicas >= 0");
    }
  }

  SimulationResult run(String workload, JobStream jobs, Autoscaler autoscaler) {
    int seconds = (int) duration.toSeconds();
    SimulatedPool pool = new SimulatedPool(jobs, concurrency, startupDelay.toNanos() / 1e9, initialReplicas);
    Timeline timeline = Timeline.ofLength(seconds);
    long maxBacklog = 0;
    int changes = 0;
    for (int second = 0; second < seconds; second++) {
      pool.advanceTo(second);
      int desired = autoscaler.onSecond(second, pool);
      if (desired != pool.replicas()) {
        pool.setReplicas(desired);
        changes++;
      }
      maxBacklog = Math.max(maxBacklog, pool.depth());
      timeline.sample(second, pool.depth(), pool.replicas(), pool.busyWorkers());
    }
    pool.advanceTo(seconds);
    Samples waits = pool.waitsIncludingUnstarted();
    return new SimulationResult(workload, autoscaler.name(), pool.workerSeconds(), waits.percentile(0.50),
        waits.percentile(0.95), waits.percentile(0.99), maxBacklog, changes, pool.arrived(), timeline);
  }
}
